// The early warning's aggregates (migration 0030: isu_day, isu_term, isu_word_day) against a plain recomputation
// from the complaints: on a generated store the issue list read from them equals the one computed by scanning and
// normalising every text, and after inserts, status changes, edits of place, category, time, text and the rahasia
// flag, and deletion (status dihapus), the stored rows equal a fresh recount.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { injectOutbreak } from '#main/dev/demo/outbreak.ts'
import { detectIssues } from '#main/isu/detect.ts'
import { indexPendingTerms, indexTerms, pendingTerms, placesOf, startTermsBuild, termsOf } from '#main/isu/terms.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { openStore } from '#main/store/open.ts'
import { tempStore } from '../helpers.ts'

const KUTIM = '64.08'
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()

type Cell = { kabupaten_kode: string; day: number; kecamatan_kode: string; desa_kode: string; kategori: number; n: number }
type WordDay = { kabupaten_kode: string; word: string; day: number; n: number }

/** isu_day as a fresh GROUP BY over the complaints says it should be. */
function recountDays(db: Db): Cell[] {
  return db
    .prepare(
      `SELECT c.kabupaten_kode, (c.submitted_at + b.utc_offset_minutes * 60000) / 86400000 AS day, COALESCE(c.kecamatan_kode, '') AS kecamatan_kode,
              COALESCE(c.desa_kode, '') AS desa_kode, COALESCE(k.parent_id, k.id, 0) AS kategori, count(*) AS n
         FROM complaint c JOIN kabupaten b ON b.kode = c.kabupaten_kode LEFT JOIN category k ON k.id = c.category_id
        WHERE c.status != 'dihapus' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    )
    .all() as Cell[]
}

/** isu_word_day from every complaint's text normalised again (not from isu_term). */
function recountWords(db: Db): WordDay[] {
  const counts = new Map<string, WordDay>()
  const rows = db
    .prepare(
      `SELECT c.kabupaten_kode, (c.submitted_at + b.utc_offset_minutes * 60000) / 86400000 AS day, c.judul, c.isi
         FROM complaint c JOIN kabupaten b ON b.kode = c.kabupaten_kode WHERE c.status != 'dihapus' AND c.is_rahasia = 0`,
    )
    .all() as { kabupaten_kode: string; day: number; judul: string; isi: string }[]
  for (const r of rows) {
    for (const word of ['', ...termsOf(`${r.judul} ${r.isi}`, placesOf(db, r.kabupaten_kode))]) {
      const key = `${r.kabupaten_kode}|${word}|${r.day}`
      const hit = counts.get(key)
      if (hit) hit.n++
      else counts.set(key, { kabupaten_kode: r.kabupaten_kode, word, day: r.day, n: 1 })
    }
  }
  const cmp = (a: WordDay, b: WordDay) => (a.word < b.word ? -1 : a.word > b.word ? 1 : a.day - b.day)
  return [...counts.values()].sort(cmp)
}

const stored = (db: Db) => ({
  days: db.prepare('SELECT * FROM isu_day ORDER BY 1, 2, 3, 4, 5').all() as Cell[],
  words: db.prepare('SELECT kabupaten_kode, word, day, n FROM isu_word_day ORDER BY word, day').all() as WordDay[],
})

function demoStore(count: number) {
  const { db } = tempStore()
  generateDemo(db, { kabupaten: KUTIM, count, seed: 11, until: UNTIL, spikes: false })
  return db
}

describe('early-warning aggregates', () => {
  it('give the same issue list as scanning the complaints, with and without an outbreak, and with texts still pending', () => {
    const db = demoStore(4000)
    // The rebuild at the end of the generation stored every complaint's words.
    expect(pendingTerms(db)).toBe(0)
    for (const day of [0, 3, 9]) {
      const at = NOW - day * 86_400_000
      expect(detectIssues(db, KUTIM, at)).toEqual(detectIssues(db, KUTIM, at, {}, 'scan'))
    }
    const cell = db
      .prepare("SELECT kecamatan_kode AS kecamatan, COALESCE(k.parent_id, k.id) AS kategori FROM complaint c JOIN category k ON k.id = c.category_id WHERE kecamatan_kode IS NOT NULL GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1")
      .get() as { kecamatan: string; kategori: number }
    // Inserted without a refresh: their words wait in isu_term_pending and are normalised on the fly.
    const ids = db.transaction(() => injectOutbreak(db, { kabupaten: KUTIM, ...cell, start: NOW - 3 * 86_400_000, days: 3, count: 25, seed: 3 })).immediate()
    expect(pendingTerms(db)).toBe(25)
    const withOutbreak = detectIssues(db, KUTIM, NOW)
    expect(withOutbreak.issues.some((i) => i.complaints.some((id) => ids.includes(id)))).toBe(true)
    expect(withOutbreak).toEqual(detectIssues(db, KUTIM, NOW, {}, 'scan'))
    // A refresh (as sync, import and intake do) stores their words; the list does not change.
    db.transaction(() => refreshComplaints(db, KUTIM, ids)).immediate()
    expect(pendingTerms(db)).toBe(0)
    expect(detectIssues(db, KUTIM, NOW)).toEqual(withOutbreak)
    expect(stored(db)).toEqual({ days: recountDays(db), words: recountWords(db) })
  })

  it('stay equal to a fresh recount after inserts, status changes, edits and deletion', () => {
    const db = demoStore(1500)
    expect(stored(db)).toEqual({ days: recountDays(db), words: recountWords(db) })
    const ids = db.prepare('SELECT id FROM complaint ORDER BY submitted_at DESC LIMIT 40').pluck().all() as number[]
    const other = db.prepare("SELECT kode FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode DESC LIMIT 1").pluck().get(KUTIM) as string
    const desa = db.prepare('SELECT kode FROM desa WHERE kecamatan_kode = ? LIMIT 1').pluck().get(other) as string
    const categories = db.prepare('SELECT id FROM category ORDER BY id').pluck().all() as number[]
    db.transaction(() => {
      const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args)
      run("UPDATE complaint SET status = 'selesai' WHERE id = ?", ids[0]) // counts unchanged
      run("UPDATE complaint SET status = 'dihapus' WHERE id IN (?, ?)", ids[1], ids[2]) // out
      run("UPDATE complaint SET status = 'dihapus' WHERE id = ?", ids[3])
      run("UPDATE complaint SET status = 'proses' WHERE id = ?", ids[3]) // and back
      run('UPDATE complaint SET kecamatan_kode = ?, desa_kode = ? WHERE id = ?', other, desa, ids[4])
      run('UPDATE complaint SET desa_kode = NULL WHERE id = ?', ids[5])
      run('UPDATE complaint SET category_id = ? WHERE id = ?', categories[categories.length - 1], ids[6])
      run('UPDATE complaint SET category_id = NULL WHERE id = ?', ids[7])
      run('UPDATE complaint SET submitted_at = submitted_at - 9 * 86400000 WHERE id = ?', ids[8])
      run('UPDATE complaint SET is_rahasia = 1 WHERE id IN (?, ?)', ids[9], ids[10])
      run('UPDATE complaint SET is_rahasia = 0 WHERE id = ?', ids[9])
      run("UPDATE complaint SET judul = 'Ulat bulu masuk rumah warga', isi = 'Ulat bulu gatal di kulit anak' WHERE id IN (?, ?)", ids[11], ids[12])
      run("UPDATE complaint SET isi = 'Teks baru', status = 'dihapus' WHERE id = ?", ids[13])
      run("UPDATE complaint SET judul = 'Lampu jalan padam', submitted_at = submitted_at + 86400000, is_rahasia = 1 WHERE id = ?", ids[14])
      // One new complaint copied from another.
      run(
        `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, category_id, status, status_raw, kecamatan_kode, desa_kode, submitted_at, updated_at)
         SELECT kabupaten_kode, source, 'UJI-AGG-1', judul, isi, klasifikasi, channel, category_id, status, status_raw, kecamatan_kode, desa_kode, submitted_at + 1, updated_at FROM complaint WHERE id = ?`,
        ids[15],
      )
    }).immediate()
    // The edited texts wait for their words; the cells are already right.
    expect(pendingTerms(db)).toBe(5)
    expect(stored(db).days).toEqual(recountDays(db))
    db.transaction(() => indexTerms(db)).immediate()
    expect(pendingTerms(db)).toBe(0)
    expect(stored(db)).toEqual({ days: recountDays(db), words: recountWords(db) })
    const now = (db.prepare('SELECT max(submitted_at) FROM complaint').pluck().get() as number) + 3_600_000
    expect(detectIssues(db, KUTIM, now)).toEqual(detectIssues(db, KUTIM, now, {}, 'scan'))
  })

  it('are built in the background for a store whose words are pending (a store just migrated)', async () => {
    const db = demoStore(1500)
    const expected = stored(db)
    db.exec('DELETE FROM isu_term; DELETE FROM isu_word_day; INSERT INTO isu_term_pending (complaint_id) SELECT id FROM complaint')
    expect(pendingTerms(db)).toBe(1500)
    const lines: string[] = []
    const stop = startTermsBuild(db, { everyMs: 5, batch: 400, log: (l) => lines.push(l) })
    await expect.poll(() => pendingTerms(db), { timeout: 60_000, interval: 100 }).toBe(0)
    // The pass that finds nothing left says so and ends the loop.
    await expect.poll(() => lines.join(), { timeout: 5_000 }).toContain('1500 laporan selesai')
    stop()
    expect(stored(db)).toEqual(expected)
  }, 120_000)

  it("are built beside another writer without stopping the app's thread while it holds the lock", async () => {
    const db = demoStore(600)
    const expected = stored(db)
    db.exec('DELETE FROM isu_term; DELETE FROM isu_word_day; INSERT INTO isu_term_pending (complaint_id) SELECT id FROM complaint')
    const other = openStore(db.name)
    const lines: string[] = []
    let stop = () => {}
    try {
      other.exec('BEGIN IMMEDIATE')
      stop = startTermsBuild(db, { everyMs: 5, batch: 400, log: (l) => lines.push(l) })
      // The build's first pass comes after 1 s. Had it waited in SQLite's busy handler, this thread would have slept
      // until the 10 s busy timeout, and this timer with it.
      const t0 = Date.now()
      await new Promise((r) => setTimeout(r, 1_500))
      expect(Date.now() - t0).toBeLessThan(4_000)
      expect(pendingTerms(db)).toBe(600)
      other.exec('COMMIT')
    } finally {
      other.close()
    }
    await expect.poll(() => pendingTerms(db), { timeout: 30_000, interval: 50 }).toBe(0)
    await expect.poll(() => lines.join(), { timeout: 5_000 }).toContain('600 laporan selesai')
    stop()
    expect(lines).toHaveLength(1)
    expect(stored(db)).toEqual(expected)
  }, 60_000)

  it('are stored at the end of a bulk load from words normalised outside the lock, a text edited meanwhile with its new words', async () => {
    const db = demoStore(600)
    db.exec('DELETE FROM isu_term; DELETE FROM isu_word_day; INSERT INTO isu_term_pending (complaint_id) SELECT id FROM complaint')
    const edited = db.prepare("SELECT id FROM complaint WHERE status != 'dihapus' AND is_rahasia = 0 ORDER BY id DESC LIMIT 1").pluck().get() as number
    const other = openStore(db.name)
    try {
      other.exec('BEGIN IMMEDIATE')
      // Reads and normalises every pending text at once, then waits for the lock the other writer holds.
      const done = indexPendingTerms(db, KUTIM, { budgetMs: 60_000, rests: false })
      await new Promise((r) => setTimeout(r, 100))
      expect(pendingTerms(db)).toBe(600)
      other.prepare("UPDATE complaint SET judul = 'Ulat bulu masuk rumah warga', isi = 'Ulat bulu gatal di kulit anak' WHERE id = ?").run(edited)
      other.exec('COMMIT')
      expect(await done).toBe(600)
    } finally {
      other.close()
    }
    expect(pendingTerms(db)).toBe(0)
    const words = JSON.parse(db.prepare('SELECT words FROM isu_term WHERE complaint_id = ?').pluck().get(edited) as string) as string[]
    expect(words).toEqual(termsOf('Ulat bulu masuk rumah warga Ulat bulu gatal di kulit anak', placesOf(db, KUTIM)))
    expect(stored(db)).toEqual({ days: recountDays(db), words: recountWords(db) })
  }, 60_000)
})

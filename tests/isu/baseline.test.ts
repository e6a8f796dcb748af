// The kept baseline figures (isu_base, migration 0035; src/main/isu/baseline.ts) against a plain recomputation: on a
// generated store with injected outbreaks the issue list read from the kept row equals the one computed by scanning
// the complaints (and the one computed from isu_day without the row), the row equals the figures recomputed from a
// fresh GROUP BY of the complaints, and every write that changes a count of one of its days drops it (a late
// complaint, an old one deleted or moved), while a complaint of today does not.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { injectOutbreak } from '#main/dev/demo/outbreak.ts'
import { detectIssues, ISU_DEFAULTS } from '#main/isu/detect.ts'
import { baselineOf, baselineSpan, keepBaseline, storedBaseline } from '#main/isu/baseline.ts'
import type { DayCount } from '#main/isu/counts.ts'
import { parseWords } from '#main/isu/topics.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { tempStore } from '../helpers.ts'

const KUTIM = '64.08'
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()
const OFF = 8 * 3_600_000 // Kutai Timur: WITA
const { baselineDays: B, windowDays: W } = ISU_DEFAULTS

const span = (now: number) => baselineSpan(now, OFF, B, W)
const kept = (db: Db, now: number) => storedBaseline(db, KUTIM, span(now).baselineFrom, B, W)

/** The baseline's day counts as a fresh GROUP BY over the complaints says (not isu_day), in isu_day's order. */
function recount(db: Db, now: number): DayCount[] {
  const { baselineFrom } = span(now)
  return db
    .prepare(
      `SELECT CAST((c.submitted_at + @off) / 86400000 AS INTEGER) AS day,
              COALESCE(c.kecamatan_kode, '') || '|' || COALESCE(c.desa_kode, '') || '|' || COALESCE(k.parent_id, k.id, 0), count(*)
         FROM complaint c LEFT JOIN category k ON k.id = c.category_id
        WHERE c.kabupaten_kode = @kab AND c.status != 'dihapus' AND c.submitted_at >= @from AND c.submitted_at < @to
        GROUP BY 1, COALESCE(c.kecamatan_kode, ''), COALESCE(c.desa_kode, ''), COALESCE(k.parent_id, k.id, 0)
        ORDER BY 1, COALESCE(c.kecamatan_kode, ''), COALESCE(c.desa_kode, ''), COALESCE(k.parent_id, k.id, 0)`,
    )
    .raw()
    .all({ off: OFF, kab: KUTIM, from: baselineFrom * DAY_MS - OFF, to: (baselineFrom + B) * DAY_MS - OFF }) as DayCount[]
}

/** The list three ways: from the kept row (which must be there), from isu_day without it, and by scanning. */
function threeWays(db: Db, now: number) {
  expect(kept(db, now)).not.toBeNull()
  const fast = detectIssues(db, KUTIM, now)
  const saved = db.prepare('SELECT * FROM isu_base').all()
  db.exec('DELETE FROM isu_base')
  const fromDays = detectIssues(db, KUTIM, now)
  const insert = db.prepare('INSERT INTO isu_base (kabupaten_kode, from_day, days, window_days, data) VALUES (@kabupaten_kode, @from_day, @days, @window_days, @data)')
  for (const r of saved) insert.run(r)
  return { fast, fromDays, scan: detectIssues(db, KUTIM, now, {}, 'scan') }
}

const keep = (db: Db, now: number) => db.transaction(() => keepBaseline(db, KUTIM, now)).immediate()

describe('kept baseline figures', () => {
  it('give the same issue list as recomputing, with injected outbreaks, and equal a fresh recount', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KUTIM, count: 6000, seed: 5, until: UNTIL, spikes: false })
    const busiest = db
      .prepare(
        `SELECT kecamatan_kode AS kecamatan, COALESCE(k.parent_id, k.id) AS kategori FROM complaint c JOIN category k ON k.id = c.category_id
          WHERE kecamatan_kode IS NOT NULL GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 2`,
      )
      .all() as { kecamatan: string; kategori: number }[]
    // Two outbreaks: one in the tested window, one in the baseline of the later lists (refreshed, as sync does).
    const recent = injectOutbreak(db, { kabupaten: KUTIM, ...busiest[0], start: NOW - 3 * DAY_MS, days: 3, count: 25, seed: 7 })
    const older = injectOutbreak(db, { kabupaten: KUTIM, ...busiest[1], start: NOW - 30 * DAY_MS, days: 4, count: 25, seed: 8 })
    db.transaction(() => refreshComplaints(db, KUTIM, [...recent, ...older])).immediate()
    let flaggedRecent = false
    for (const back of [26, 11, 5, 2, 0]) {
      const at = NOW - back * DAY_MS - back * 3_600_000
      expect(keep(db, at)).toBe(true)
      expect(keep(db, at)).toBe(false) // kept: nothing to do
      // The row is what the figures of a fresh recount of the complaints are, to the last bit.
      expect(kept(db, at)).toEqual(JSON.parse(JSON.stringify(baselineOf(recount(db, at), span(at).baselineFrom, B, W))))
      const { fast, fromDays, scan } = threeWays(db, at)
      expect(fast).toEqual(fromDays)
      expect(fast).toEqual(scan)
      expect(fast.model.cellsTested).toBeGreaterThan(0)
      if (back === 0) flaggedRecent = fast.issues.some((i) => i.complaints.some((id) => recent.includes(id)))
    }
    expect(flaggedRecent).toBe(true)
    // Keeping the baseline of a later day drops those of earlier ones.
    expect(db.prepare('SELECT count(*) FROM isu_base WHERE from_day < ?').pluck().get(span(NOW).baselineFrom)).toBe(0)
  }, 120_000)

  it('are dropped by any change of a count of their days, and kept through complaints of today', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KUTIM, count: 3000, seed: 6, until: UNTIL, spikes: false })
    const { baselineFrom, windowFrom } = span(NOW)
    // Complaints of the baseline's days (not the first or last: one is moved a day back).
    const old = db
      .prepare("SELECT id FROM complaint WHERE status != 'dihapus' AND submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at LIMIT 10")
      .pluck()
      .all((baselineFrom + 10) * DAY_MS - OFF, (windowFrom - 10) * DAY_MS - OFF) as number[]
    expect(old.length).toBeGreaterThan(5)
    const kecamatan = db.prepare('SELECT kode FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode DESC LIMIT 1').pluck().get(KUTIM) as string
    const categories = db.prepare('SELECT id FROM category WHERE parent_id IS NULL ORDER BY id').pluck().all() as number[]
    const changes: [string, (db: Db) => void][] = [
      ['an old complaint deleted', (d) => d.prepare("UPDATE complaint SET status = 'dihapus' WHERE id = ?").run(old[0])],
      ['an old complaint moved to another kecamatan', (d) => d.prepare('UPDATE complaint SET kecamatan_kode = ?, desa_kode = NULL WHERE id = ?').run(kecamatan, old[1])],
      ['an old complaint filed under another category', (d) => d.prepare('UPDATE complaint SET category_id = ? WHERE id = ?').run(categories[categories.length - 1], old[2])],
      ['an old complaint moved a day back', (d) => d.prepare('UPDATE complaint SET submitted_at = submitted_at - 86400000 WHERE id = ?').run(old[3])],
      ['a complaint of today moved into the baseline', (d) => d.prepare('UPDATE complaint SET submitted_at = ? WHERE id = (SELECT max(id) FROM complaint)').run(NOW - 20 * DAY_MS)],
      [
        'a late complaint synced into the baseline',
        (d) => {
          const ids = injectOutbreak(d, { kabupaten: KUTIM, kecamatan, kategori: categories[0], start: NOW - 40 * DAY_MS, days: 1, count: 1, seed: 9 })
          refreshComplaints(d, KUTIM, ids)
        },
      ],
    ]
    for (const [what, change] of changes) {
      keep(db, NOW)
      expect(kept(db, NOW), what).not.toBeNull()
      db.transaction(() => change(db)).immediate()
      // Dropped in the same transaction, unless the write refreshed the complaints (its hook keeps it again: then
      // the kept figures must be the new ones).
      const again = kept(db, NOW)
      if (again) expect(again, what).toEqual(JSON.parse(JSON.stringify(baselineOf(recount(db, NOW), baselineFrom, B, W))))
      keep(db, NOW)
      const { fast, fromDays, scan } = threeWays(db, NOW)
      expect(fast, what).toEqual(fromDays)
      expect(fast, what).toEqual(scan)
    }
    // Plain writes without the refresh hook: dropped.
    keep(db, NOW)
    db.transaction(() => db.prepare("UPDATE complaint SET status = 'dihapus' WHERE id = ?").run(old[4])).immediate()
    expect(kept(db, NOW)).toBeNull()
    // Complaints of today (an outbreak arriving now) change no baseline day: the row stays, and the list sees them.
    keep(db, NOW)
    const busiest = db
      .prepare('SELECT kecamatan_kode AS kecamatan, COALESCE(k.parent_id, k.id) AS kategori FROM complaint c JOIN category k ON k.id = c.category_id WHERE kecamatan_kode IS NOT NULL GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1')
      .get() as { kecamatan: string; kategori: number }
    const today = db.transaction(() => injectOutbreak(db, { kabupaten: KUTIM, ...busiest, start: NOW - 10 * 3_600_000, days: 1, count: 20, seed: 10 })).immediate()
    expect(kept(db, NOW)).not.toBeNull()
    const { fast, fromDays, scan } = threeWays(db, NOW)
    expect(fast).toEqual(fromDays)
    expect(fast).toEqual(scan)
    expect(fast.issues.some((i) => i.complaints.some((id) => today.includes(id)))).toBe(true)
  }, 120_000)

  it('are kept by the writes that refresh complaints, for the baseline of the present day', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KUTIM, count: 800, seed: 7, until: new Date(Date.now() - 3_600_000), spikes: false })
    // The generation's rebuild ran the hook: today's baseline is kept.
    expect(kept(db, Date.now())).not.toBeNull()
    const old = db.prepare('SELECT id FROM complaint ORDER BY submitted_at LIMIT 1 OFFSET 300').pluck().get() as number
    db.prepare('UPDATE complaint SET submitted_at = ? WHERE id = ?').run(Date.now() - 30 * DAY_MS, old)
    expect(kept(db, Date.now())).toBeNull()
    db.transaction(() => refreshComplaints(db, KUTIM, [old])).immediate()
    expect(kept(db, Date.now())).not.toBeNull()
  }, 60_000)

  it('read stored word lists as JSON.parse does', () => {
    for (const words of [[], [''], ['ulat', 'bulu'], ['jalan', 'rusak', 'km5'], ['a"b', 'c'], ['back\\slash'], ['é', 'ñ', '日本'], ['","', 'x']]) {
      expect(parseWords(JSON.stringify(words))).toEqual(words)
    }
  })
})

// Laporan serupa from stored words and Kemungkinan ganda decided on arrival (migration 0031) give the same answers
// as normalising every text on request: on a generated demo store with injected near-duplicates, before anything is
// stored (every complaint pending: computed on the fly), after the backfill, after a text edit, and with the stored
// words wiped. Stored words never hold a reporter's name, NIK or phone number.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { injectDuplicates } from '#main/dev/demo/outbreak.ts'
import { similarTo } from '#main/serupa/similar.ts'
import { pendingCount, processArrivals, processPendingSlice } from '#main/serupa/arrival.ts'
import { possibleDuplicates } from '#main/queue/ganda.ts'
import { linkDuplicate, unlinkDuplicate } from '#main/serupa/links.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { textTerms, wordsOf } from '#main/serupa/terms.ts'
import { cosine, tfidfVectors } from '#main/serupa/tfidf.ts'
import { cosines, vecOfWords } from '#main/serupa/vectors.ts'
import { tempStore } from '../helpers.ts'

const KAB = '64.08'
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()
const DAY = 86_400_000

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number
const backfill = (db: Db) => {
  while (processPendingSlice(db, 1_000).remaining);
}

describe('stored words and pairs', () => {
  it('compare exactly as the TF-IDF of the words and 3-letter pieces of each text, to the last bit', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KAB, count: 400, seed: 11, until: UNTIL })
    const texts = db.prepare('SELECT judul, isi FROM complaint ORDER BY id').all() as { judul: string; isi: string }[]
    let alike = 0
    for (let start = 0; start + 100 <= texts.length; start += 100) {
      const group = texts.slice(start, start + 100)
      const [a, ...rest] = tfidfVectors(group.map((t) => textTerms(`${t.judul} ${t.isi}`)))
      const expected = rest.map((b) => (a.norm && b.norm ? cosine(a, b) : null))
      const [q, ...others] = group.map((t) => vecOfWords(wordsOf(t.judul, t.isi)))
      expect(cosines(q, others)).toEqual(expected)
      alike += expected.filter((x) => x !== null && x > 0.15).length
    }
    expect(alike).toBeGreaterThan(0)
  })

  it('give the same similar reports and queue as normalising on the fly, also after a text edit', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KAB, count: 3000, seed: 7, until: UNTIL })
    const recent = db.prepare("SELECT id FROM complaint WHERE kabupaten_kode = ? AND submitted_at > ? AND status != 'dihapus' ORDER BY id").pluck().all(KAB, NOW - 12 * DAY) as number[]
    expect(recent.length).toBeGreaterThan(30)
    // Near-duplicates of a few recent complaints, so that the queue has rows.
    const copies = recent.filter((_, i) => i % 15 === 0).flatMap((id, i) => injectDuplicates(db, id, 3, 100 + i))
    const sample = [...recent.filter((_, i) => i % 3 === 0), ...copies]
    const queue = () => possibleDuplicates(db, { kabupaten: KAB, now: NOW, role: 'admin' })

    // Nothing stored yet: every answer is computed on the fly.
    expect(count(db, 'SELECT count(*) FROM complaint_terms')).toBe(0)
    expect(pendingCount(db)).toBe(count(db, 'SELECT count(*) FROM complaint'))
    const onTheFly = sample.map((id) => similarTo(db, id))
    const queueOnTheFly = queue()
    expect(queueOnTheFly.length).toBeGreaterThan(3)
    expect(onTheFly.filter((r) => r.similar.length).length).toBeGreaterThan(10)

    // The backfill stores every complaint's words and pairs; the answers stay the same.
    backfill(db)
    expect(pendingCount(db)).toBe(0)
    expect(count(db, 'SELECT count(*) FROM complaint_terms')).toBe(count(db, 'SELECT count(*) FROM complaint'))
    expect(count(db, 'SELECT count(*) FROM complaint_ganda')).toBeGreaterThan(0)
    expect(sample.map((id) => similarTo(db, id))).toEqual(onTheFly)
    expect(queue()).toEqual(queueOnTheFly)

    // A text edit: the trigger drops the stale words and marks it pending; answers are right before and after the
    // edit is processed, and equal to a store with no words stored at all.
    const [edited, original] = [copies[0], recent[0]]
    const other = db.prepare('SELECT judul, isi FROM complaint WHERE id = ?').get(original) as { judul: string; isi: string }
    db.prepare('UPDATE complaint SET judul = ?, isi = ? WHERE id = ?').run(other.judul, other.isi, edited)
    expect(count(db, `SELECT count(*) FROM complaint_terms WHERE complaint_id = ${edited}`)).toBe(0)
    expect(pendingCount(db)).toBe(1)
    const afterEdit = sample.map((id) => similarTo(db, id))
    const queueAfterEdit = queue()
    expect(afterEdit).not.toEqual(onTheFly)
    expect(processArrivals(db, [edited])).toBe(1)
    expect(pendingCount(db)).toBe(0)
    expect(sample.map((id) => similarTo(db, id))).toEqual(afterEdit)
    expect(queue()).toEqual(queueAfterEdit)
    db.exec('DELETE FROM complaint_terms')
    expect(sample.map((id) => similarTo(db, id))).toEqual(afterEdit)
  }, 300_000)

  it('keeps the queue right across link and unlink, and stores no reporter identity', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KAB, count: 1500, seed: 3, until: UNTIL })
    backfill(db)
    // Rewordings arrive within a few days around their original: one from a week back, so none lands after now.
    const base = db
      .prepare('SELECT id FROM complaint WHERE kabupaten_kode = ? AND submitted_at BETWEEN ? AND ? AND desa_kode IS NOT NULL ORDER BY submitted_at DESC LIMIT 1')
      .pluck()
      .get(KAB, NOW - 10 * DAY, NOW - 5 * DAY) as number
    expect(base).toBeGreaterThan(0)
    db.prepare("UPDATE complaint SET isi = isi || ' Saya Budi Santoso NIK 6408011204900001 HP 081234567890.' WHERE id = ?").run(base)
    const copies = injectDuplicates(db, base, 3, 42)
    db.prepare("UPDATE complaint SET status = 'proses' WHERE id IN (SELECT value FROM json_each(?))").run(JSON.stringify(copies))
    expect(processArrivals(db, [base, ...copies])).toBe(4)
    for (const id of [base, ...copies]) {
      const words = db.prepare('SELECT words FROM complaint_terms WHERE complaint_id = ?').pluck().get(id) as string
      expect(words.length).toBeGreaterThan(10)
      expect(words).not.toMatch(/budi|santoso|\d/)
    }
    const listed = () => possibleDuplicates(db, { kabupaten: KAB, now: NOW, role: 'admin' }).filter((r) => copies.includes(r.id))
    const before = listed()
    expect(before.length).toBeGreaterThan(0)
    const user = upsertProfile(db, 'siti', 'Siti Operator', 'operator')
    const first = before[0]
    linkDuplicate(db, user, first.id, first.main.id, first.score)
    expect(listed().map((r) => r.id)).not.toContain(first.id)
    unlinkDuplicate(db, user, first.id)
    expect(listed()).toEqual(before)
  }, 300_000)
})

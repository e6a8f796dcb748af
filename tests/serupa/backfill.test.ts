// The serupa backfill (serupa/arrival.ts processPendingSlice) on a store whose pairs are all still to be decided —
// one migrated to 0031 (no words stored), or one just filled by a large sync (every complaint new). Its slices run on
// the server's thread, so each must end near its budget: a slice stops inside a complaint whose place's earlier
// complaints all need normalising (281 ms measured for one such complaint on a 1,000,000-complaint store), and the
// later complaints of a new one are listed again rather than computed inside its slice (up to 1.4 s measured). And the
// backfill must still end with exactly the pairs a computation from scratch gives, whatever changed meanwhile.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { injectDuplicates } from '#main/dev/demo/outbreak.ts'
import { processPendingSlice } from '#main/serupa/arrival.ts'
import { openStore } from '#main/store/open.ts'
import { tempStore } from '../helpers.ts'

const UNTIL = new Date('2026-11-20T12:00:00Z')
const DAY = 86_400_000

const pairs = (db: Db) =>
  db
    .prepare(
      `SELECT a.tracking_id AS a, b.tracking_id AS b, g.score FROM complaint_ganda g JOIN complaint a ON a.id = g.complaint_id
         JOIN complaint b ON b.id = g.other_id ORDER BY 1, 2`,
    )
    .all() as { a: string; b: string; score: number }[]
const count = (db: Db, table: 'complaint_terms' | 'serupa_pending' | 'complaint') => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number // sql-vetted: table from a closed list

/** Nothing decided yet: no pairs, every complaint listed (`neighbours` 1: as new, as after a large sync; 0: as after
 *  the migration to 0031), and with `words`, no words stored either. */
function forget(db: Db, o: { neighbours: 0 | 1; words: boolean }) {
  db.transaction(() => {
    db.prepare('DELETE FROM complaint_ganda').run()
    if (o.words) db.prepare('DELETE FROM complaint_terms').run()
    // As the listing triggers do (migration 0038).
    db.prepare('UPDATE serupa_epoch SET n = n + 1').run()
    db.prepare('INSERT OR REPLACE INTO serupa_pending (complaint_id, submitted_at, neighbours, marked) SELECT id, submitted_at, ?, (SELECT n FROM serupa_epoch) FROM complaint').run(o.neighbours)
  }).immediate()
}

/** Every pair computed again from nothing, in one unbounded pass. */
function pairsFromScratch(db: Db) {
  forget(db, { neighbours: 0, words: false })
  while (processPendingSlice(db, 1e9, 64).remaining);
  return pairs(db)
}

/** A store with a busy desa: a complaint copied 150 times within days, so one complaint has many earlier ones. */
function busyStore(): Db {
  return busyStoreFile().db
}
function busyStoreFile(): { db: Db; file: string } {
  const { db, file } = tempStore()
  generateDemo(db, { kabupaten: '64.08', count: 3000, seed: 7, until: UNTIL })
  const original = db.prepare("SELECT id FROM complaint WHERE desa_kode IS NOT NULL AND status != 'dihapus' ORDER BY submitted_at DESC LIMIT 1 OFFSET 20").pluck().get() as number
  expect(injectDuplicates(db, original, 150, 3)).toHaveLength(150)
  return { db, file }
}

describe('serupa backfill slices', () => {
  it('stop at their budget inside a complaint, keep the words done, and end with the pairs of an unbounded pass', () => {
    const db = busyStore()
    const unbounded = pairsFromScratch(db)
    expect(unbounded.length).toBeGreaterThan(50)

    forget(db, { neighbours: 0, words: true })
    const total = count(db, 'serupa_pending')
    let stoppedInside = 0
    let slices = 0
    for (;;) {
      const words = count(db, 'complaint_terms')
      const r = processPendingSlice(db, 0.01, 64)
      slices++
      if (r.processed === 0 && r.remaining) {
        // Stopped inside its first complaint: nothing finished, but its words were kept for the next slice.
        stoppedInside++
        expect(count(db, 'complaint_terms')).toBeGreaterThan(words)
      }
      if (!r.remaining) break
      expect(slices).toBeLessThan(20 * total)
    }
    expect(stoppedInside).toBeGreaterThan(0)
    expect(count(db, 'serupa_pending')).toBe(0)
    expect(pairs(db)).toEqual(unbounded)
  })

  it('after a large sync decide each complaint once, and compare again the later neighbours of one changed meanwhile', () => {
    const db = busyStore()
    forget(db, { neighbours: 1, words: true })
    const n = count(db, 'complaint')
    let processed = 0
    // Short slices (5 ms) make the stop below land close to half-way: with 50 ms slices (about 600 complaints each
    // here) the pick found no listed complaint with a decided later neighbour once under the full suite's load.
    const slice = () => {
      const r = processPendingSlice(db, 5, 64)
      processed += r.processed
      return r.remaining
    }
    // Newest first: half-way, the newer complaints are decided and the older still listed.
    while (processed < n / 2 && slice());
    expect(count(db, 'serupa_pending')).toBe(n - processed)

    // A complaint still listed is rewritten (an operator's correction) into the text of a later complaint of its
    // desa that is already decided: that later complaint must now pair with it.
    const pick = db
      .prepare(
        `SELECT x.id AS x, l.id AS l, l.tracking_id AS lt, x.tracking_id AS xt FROM complaint x
           JOIN complaint l ON l.desa_kode = x.desa_kode AND l.submitted_at > x.submitted_at AND l.submitted_at <= x.submitted_at + ${10 * DAY}
          WHERE x.id IN (SELECT complaint_id FROM serupa_pending) AND l.id NOT IN (SELECT complaint_id FROM serupa_pending)
            AND x.status != 'dihapus' AND l.status != 'dihapus'
          ORDER BY x.submitted_at DESC LIMIT 1`, // sql-vetted: a constant number
      )
      .get() as { x: number; l: number; lt: string; xt: string }
    expect(pick).toBeDefined()
    expect(pairs(db).some((p) => p.a === pick.lt && p.b === pick.xt)).toBe(false)
    db.prepare('UPDATE complaint SET judul = (SELECT judul FROM complaint WHERE id = @l), isi = (SELECT isi FROM complaint WHERE id = @l) WHERE id = @x').run(pick)
    const before = processed
    while (slice());
    // Decided once each (the unchanged half was not compared again), plus the changed one's later neighbours.
    expect(before).toBeLessThanOrEqual(n)
    expect(processed).toBeGreaterThan(n)
    expect(processed - n).toBeLessThan(200)

    const kept = pairs(db)
    expect(kept.some((p) => p.a === pick.lt && p.b === pick.xt && p.score > 0.9)).toBe(true)
    expect(kept).toEqual(pairsFromScratch(db))
  })

  it("on the app's thread skip a slice while another connection writes, instead of waiting for its lock", () => {
    const { db, file } = busyStoreFile()
    forget(db, { neighbours: 1, words: true })
    const listed = count(db, 'serupa_pending')
    const other = openStore(file)
    try {
      other.exec('BEGIN IMMEDIATE')
      const r = processPendingSlice(db, 50, 64, true)
      expect(r).toEqual({ processed: 0, remaining: true, lockTaken: true })
      expect(count(db, 'serupa_pending')).toBe(listed)
      other.exec('COMMIT')
    } finally {
      other.close()
    }
    // Free again: the slice runs, and the connection's own writes wait for the lock as before (busy timeout back).
    expect(processPendingSlice(db, 50, 64, true).processed).toBeGreaterThan(0)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000)
  })
})

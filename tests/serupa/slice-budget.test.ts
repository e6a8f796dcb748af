// The serupa backfill on a store whose words were never stored (a store migrated to 0031): a slice stops at its
// budget even inside one complaint whose place's earlier complaints all need normalising (281 ms measured for one
// such complaint on a 1,000,000-complaint store, against a 25–50 ms budget), keeps the words it stored, and the
// backfill still ends with exactly the pairs an unbounded pass gives.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { injectDuplicates } from '#main/dev/demo/outbreak.ts'
import { processPendingSlice } from '#main/serupa/arrival.ts'
import { tempStore } from '../helpers.ts'

const UNTIL = new Date('2026-11-20T12:00:00Z')

const pairs = (db: Db) =>
  db
    .prepare(
      `SELECT a.tracking_id AS a, b.tracking_id AS b, g.score FROM complaint_ganda g JOIN complaint a ON a.id = g.complaint_id
         JOIN complaint b ON b.id = g.other_id ORDER BY 1, 2`,
    )
    .all()
const count = (db: Db, table: 'complaint_terms' | 'serupa_pending') => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number // sql-vetted: table from a closed list

/** As after the migration to 0031: no words stored, no pairs, every complaint pending. */
function forgetEverything(db: Db) {
  db.transaction(() => {
    db.prepare('DELETE FROM complaint_ganda').run()
    db.prepare('DELETE FROM complaint_terms').run()
    db.prepare('INSERT OR REPLACE INTO serupa_pending (complaint_id, submitted_at, neighbours) SELECT id, submitted_at, 1 FROM complaint').run()
  }).immediate()
}

describe('serupa backfill slices on a store without stored words', () => {
  it('stop at their budget inside a complaint, keep the words done, and end with the pairs of an unbounded pass', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: '64.08', count: 3000, seed: 7, until: UNTIL })
    // A busy desa: a complaint copied 150 times within days, so one complaint has many earlier ones to normalise.
    const original = db.prepare("SELECT id FROM complaint WHERE desa_kode IS NOT NULL AND status != 'dihapus' ORDER BY submitted_at DESC LIMIT 1 OFFSET 20").pluck().get() as number
    expect(injectDuplicates(db, original, 150, 3)).toHaveLength(150)
    forgetEverything(db)
    while (processPendingSlice(db, 1e9, 64).remaining);
    const unbounded = pairs(db)
    expect(unbounded.length).toBeGreaterThan(50)

    forgetEverything(db)
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
})

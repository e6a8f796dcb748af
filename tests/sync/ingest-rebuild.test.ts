// What a full sync kept current page by page, and a CSV import, leave in the derived tables equals what a
// recomputation from scratch gives: the KPI aggregates and deadline rows (a rebuild, rolled back), the isu cells
// (a fresh GROUP BY), and the likely duplicates (every complaint's pairs computed again by the background slices,
// which recompute a later complaint once per arrival, where a small page does it once per page; a large page leaves
// its complaints to those slices).
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import type { Db } from '#main/store/open.ts'
import { openStore } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { runSync } from '#main/sync/engine.ts'
import { importFile } from '#main/import/run.ts'
import { rebuildKabupaten, slaContext } from '#main/kpi/refresh.ts'
import { processPendingSlice } from '#main/serupa/arrival.ts'
import { ARRIVALS_NOW_MAX } from '#main/sync/ingest.ts'
import { writeExportCsv } from '#main/dev/bench/import.ts'
import { tempDir } from '../helpers.ts'
import { FAST, KAB, UNTIL, simulator, storeFor } from './sim.ts'

const NOW = UNTIL.getTime()

function kpiTables(db: Db) {
  return {
    count: db.prepare('SELECT * FROM kpi_count WHERE kabupaten_kode = ? ORDER BY dim, grain, day, key').all(KAB),
    due: db.prepare('SELECT * FROM kpi_due WHERE kabupaten_kode = ? ORDER BY dim, due_day, key').all(KAB),
    sla: db.prepare('SELECT * FROM complaint_sla WHERE kabupaten_kode = ? ORDER BY complaint_id').all(KAB),
  }
}

/** The stored KPI tables, and the same after a rebuild from nothing (rolled back). The deadline rows depend on
 * `now` (overdue steps): both sides are computed at the same one. */
function kpiStoredAndRebuilt(db: Db, now: number) {
  const stored = kpiTables(db)
  let rebuilt: ReturnType<typeof kpiTables> | null = null
  try {
    db.transaction(() => {
      rebuildKabupaten(db, KAB, slaContext(db, KAB, now))
      rebuilt = kpiTables(db)
      throw new Error('rollback')
    }).immediate()
  } catch (e) {
    if ((e as Error).message !== 'rollback') throw e
  }
  return { stored, rebuilt: rebuilt! }
}

const isuDays = (db: Db) => db.prepare('SELECT kabupaten_kode, day, kecamatan_kode, desa_kode, kategori, n FROM isu_day ORDER BY 1, 2, 3, 4, 5').all()
const isuDaysRecounted = (db: Db) =>
  db
    .prepare(
      `SELECT c.kabupaten_kode, (c.submitted_at + b.utc_offset_minutes * 60000) / 86400000 AS day, COALESCE(c.kecamatan_kode, '') AS kecamatan_kode,
              COALESCE(c.desa_kode, '') AS desa_kode, COALESCE(k.parent_id, k.id, 0) AS kategori, count(*) AS n
         FROM complaint c JOIN kabupaten b ON b.kode = c.kabupaten_kode LEFT JOIN category k ON k.id = c.category_id
        WHERE c.status != 'dihapus' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    )
    .all()
const isuWords = (db: Db) => db.prepare('SELECT kabupaten_kode, word, day, n FROM isu_word_day ORDER BY 1, 2, 3').all()
const isuWordsRecounted = (db: Db) =>
  db
    .prepare(
      `WITH c AS (SELECT c.kabupaten_kode, (c.submitted_at + b.utc_offset_minutes * 60000) / 86400000 AS day, t.words
                    FROM complaint c JOIN kabupaten b ON b.kode = c.kabupaten_kode JOIN isu_term t ON t.complaint_id = c.id
                   WHERE c.status != 'dihapus' AND c.is_rahasia = 0)
       SELECT kabupaten_kode, word, day, count(*) AS n FROM (
         SELECT c.kabupaten_kode, w.value AS word, c.day FROM c, json_each(c.words) w
         UNION ALL SELECT c.kabupaten_kode, '' AS word, c.day FROM c)
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all()

const pairs = (db: Db) =>
  db
    .prepare(
      `SELECT a.tracking_id AS a, b.tracking_id AS b, g.score FROM complaint_ganda g JOIN complaint a ON a.id = g.complaint_id
         JOIN complaint b ON b.id = g.other_id ORDER BY 1, 2`,
    )
    .all()

/** Every complaint's pairs computed again from nothing by the background slices (the path without the page's
 * once-per-page shortcut). Changes the store: call last. */
function pairsFromScratch(db: Db) {
  db.transaction(() => {
    db.prepare('DELETE FROM complaint_ganda').run()
    db.prepare('INSERT OR REPLACE INTO serupa_pending (complaint_id, submitted_at, neighbours) SELECT id, submitted_at, 0 FROM complaint').run()
  }).immediate()
  while (processPendingSlice(db, 1_000, 64).remaining);
  return pairs(db)
}

const pendingPairs = (db: Db) => db.prepare('SELECT count(*) FROM serupa_pending').pluck().get() as number

function expectAllDerivedEqualScratch(db: Db, now: number) {
  expect(db.prepare('SELECT count(*) FROM isu_term_pending').pluck().get()).toBe(0)
  // What large pages left to the background, done as serve mode's slices do it.
  while (processPendingSlice(db, 1_000, 64).remaining);
  expect(pendingPairs(db)).toBe(0)
  const kpi = kpiStoredAndRebuilt(db, now)
  expect(kpi.stored.count.length).toBeGreaterThan(100)
  expect(kpi.stored).toEqual(kpi.rebuilt)
  expect(isuDays(db)).toEqual(isuDaysRecounted(db))
  expect(isuWords(db).length).toBeGreaterThan(100)
  expect(isuWords(db)).toEqual(isuWordsRecounted(db))
  const kept = pairs(db)
  expect(kept.length).toBeGreaterThan(0)
  expect(kept).toEqual(pairsFromScratch(db))
}

describe('derived tables after ingest equal a recomputation from scratch', () => {
  it('a full sync keeping the aggregates current page by page', async () => {
    const sim = await simulator(900)
    try {
      // Pages small enough (ARRIVALS_NOW_MAX) that each decides its own complaints' likely duplicates.
      const { db } = storeFor(sim, { pageSize: ARRIVALS_NOW_MAX })
      const r = await runSync(db, 'lapor', { trigger: 'test', policy: FAST, refreshAggregates: true })
      expect(r.status).toBe('ok')
      expect(r.pages).toBeGreaterThan(5)
      expect(pendingPairs(db)).toBe(0)
      // The pages computed their deadline rows at the clock of their moment, seconds ago: the rebuild compares at now.
      expectAllDerivedEqualScratch(db, Date.now())
      db.close()
    } finally {
      await sim.close()
    }
  }, 120_000)

  it('a bulk sync that rebuilds the aggregates once at the end, its words stored meanwhile', async () => {
    const sim = await simulator(900)
    try {
      const { db } = storeFor(sim, { pageSize: 100 })
      // The pages leave the early warning's words to the end of the run (kpi/refresh.ts), where they are stored on
      // this thread while the aggregates are rebuilt in their worker.
      let pendingAtRebuild = -1
      const r = await runSync(db, 'lapor', {
        trigger: 'test',
        policy: FAST,
        refreshAggregates: false,
        onProgress: (p) => {
          if (p.phase === 'rebuild' && pendingAtRebuild < 0) pendingAtRebuild = db.prepare('SELECT count(*) FROM isu_term_pending').pluck().get() as number
        },
      })
      expect(r.status).toBe('ok')
      expect(r.aggregates_rebuild_ms).not.toBeNull()
      expect(pendingAtRebuild).toBe(r.inserted)
      expectAllDerivedEqualScratch(db, Date.now())
      db.close()
    } finally {
      await sim.close()
    }
  }, 120_000)

  it('a CSV import in batches of 200 rows', async () => {
    const dir = tempDir()
    const db = openStore(join(dir, 'store.db'))
    seedKabupaten(db, KAB)
    const user = upsertProfile(db, 'admin', 'Admin', 'admin')
    const csv = join(dir, 'daftar-laporan.csv')
    await writeExportCsv(csv, 800)
    const report = await importFile(db, { kabupaten: KAB, name: csv, input: { path: csv }, user, trigger: 'test', batchSize: 200, now: NOW })
    expect(report.stored.inserted).toBeGreaterThan(600)
    // Batches of 200 leave their likely duplicates to the background slices.
    expect(pendingPairs(db)).toBeGreaterThan(600)
    expectAllDerivedEqualScratch(db, NOW)
    db.close()
  }, 120_000)
})

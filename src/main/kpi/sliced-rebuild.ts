// A rebuild of one kabupaten's deadlines and KPI aggregates that never holds the store's write lock for long, so
// that the app (and any other writer) goes on answering while it runs. It runs in a worker thread with its own two
// connections (kpi/rebuild-worker.ts), in three steps:
// 1. the deadline rows are recomputed in slices of a few hundred complaints, each slice its own short write
//    transaction (a complaint's row is either the old or the new one, never half of each);
// 2. the aggregates are computed from the deadline rows in one read snapshot (WAL: the app writes meanwhile);
// 3. one short write transaction swaps the aggregates in, and folds in the complaints the app refreshed after the
//    snapshot (listed in kpi_rebuild_change while the rebuild runs, see refresh.ts): old row out, new row in.
// Screens keep the old aggregates until step 3, then see the new ones at once.
import type Database from 'better-sqlite3'
import type { Db } from '../store/open.ts'
import { calendarRevision } from '../calendar/store.ts'
import { aggregatesFrom, applySlaDelta, markFresh, rebuildingKey, rebuildSlice, slaContext, SLICE_START } from './refresh.ts'
import { calendarDigest, recordDigest } from './rebuild-queue.ts'
import type { SlaRow } from './sla-row.ts'

export type SlicedJob = {
  kabupaten: string
  now: number
  /** Complaints per write transaction (step 1). */
  slice: number
  /** Record the calendar digest (the Pengaturan rebuild queue), so an unrelated change later costs no rebuild. */
  digest: boolean
  /** Setting keys to delete in the final transaction (the sync's "rebuild owed" marker). */
  clear: string[]
}

/** Target time of one write slice. */
export const SLICE_MS = 25

export type SlicedResult = { complaints: number; ms: number; slices: number; folded: number }

/** `w` writes, `r` reads the snapshot of step 2: two connections to the same file (`r` may be read-only). */
export type SlicedHooks = {
  onProgress?: (done: number) => void
  /** After the aggregates were read from the snapshot, before the swap (tests write here). */
  afterSnapshot?: () => void
}

export function rebuildSliced(w: Db, r: Db, job: SlicedJob, hooks: SlicedHooks = {}): SlicedResult {
  const t0 = performance.now()
  const kab = job.kabupaten
  const begin = w.transaction(() => {
      w.prepare('DELETE FROM kpi_rebuild_change WHERE kabupaten_kode = ?').run(kab)
      w.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES (?, 'true')").run(rebuildingKey(kab))
      // Read together, so the freshness mark written at the end says exactly what this rebuild computed with: a
      // calendar change while it runs moves the revision, and the kabupaten is stale (and rebuilt) again.
      return { revision: calendarRevision(w), ctx: slaContext(w, kab, job.now), digest: job.digest ? calendarDigest(w, kab) : null }
    }).immediate()
  try {
    let at = SLICE_START
    let done = 0
    let slices = 0
    // The slice follows the time it takes: another writer (the app's thread) waits at most about SLICE_MS for
    // the lock, on a loaded machine too, where a fixed count of complaints took several times longer.
    let size = job.slice
    for (;;) {
      const t = performance.now()
      const s = w.transaction(() => rebuildSlice(w, kab, begin.ctx, at, size)).immediate()
      if (!s) break
      const ms = performance.now() - t
      size = Math.max(20, Math.min(job.slice * 4, Math.round(size * Math.min(2, Math.max(0.25, SLICE_MS / Math.max(1, ms))))))
      at = s.next
      done += s.n
      slices++
      hooks.onProgress?.(done)
    }
    // Deadline rows of complaints that left the kabupaten (none today: a complaint's kabupaten never changes).
    r.exec('BEGIN')
    try {
      const seen = r.prepare('SELECT ifnull(max(seq), 0) FROM kpi_rebuild_change WHERE kabupaten_kode = ?').pluck().get(kab) as number
      const replay = aggregatesFrom(r, kab, begin.ctx.cal.offsetMs)
      hooks.afterSnapshot?.()
      const byId = (db: Db, ids: number[]) => {
        const out: SlaRow[] = []
        const get = db.prepare('SELECT * FROM complaint_sla WHERE complaint_id = ?')
        for (const id of ids) {
          const row = get.get(id) as SlaRow | undefined
          if (row && row.kabupaten_kode === kab) out.push(row)
        }
        return out
      }
      const folded = w.transaction(() => {
          const changed = w
            .prepare('SELECT DISTINCT complaint_id FROM kpi_rebuild_change WHERE kabupaten_kode = ? AND seq > ?')
            .pluck()
            .all(kab, seen) as number[]
          w.prepare('DELETE FROM kpi_count WHERE kabupaten_kode = ?').run(kab)
          w.prepare('DELETE FROM kpi_due WHERE kabupaten_kode = ?').run(kab)
          const statements = new Map<string, Database.Statement<unknown[]>>()
          for (const { sql, args } of replay) {
            let st = statements.get(sql)
            if (!st) statements.set(sql, (st = w.prepare<unknown[]>(sql)))
            st.run(...(args as unknown[]))
          }
          applySlaDelta(w, begin.ctx.cal.offsetMs, byId(r, changed), byId(w, changed))
          markFresh(w, kab, begin.revision)
          if (begin.digest !== null) recordDigest(w, kab, begin.digest, begin.revision)
          for (const key of job.clear) w.prepare('DELETE FROM setting WHERE key = ?').run(key)
          end(w, kab)
          return changed.length
        }).immediate()
      const complaints = r.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(kab) as number
      return { complaints, ms: Math.round(performance.now() - t0), slices, folded }
    } finally {
      if (r.inTransaction) r.exec('COMMIT')
    }
  } catch (err) {
    try {
      w.transaction(() => end(w, kab)).immediate()
    } catch {
      // the store itself fails (disk full): the next rebuild clears the marker
    }
    throw err
  }
}

function end(w: Db, kab: string): void {
  w.prepare('DELETE FROM setting WHERE key = ?').run(rebuildingKey(kab))
  w.prepare('DELETE FROM kpi_rebuild_change WHERE kabupaten_kode = ?').run(kab)
}

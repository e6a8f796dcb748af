// A rebuild of one kabupaten's deadlines and KPI aggregates that never holds the store's write lock for long, so
// that the app (and any other writer) goes on answering while it runs. It runs in a worker thread with its own two
// connections (kpi/rebuild-worker.ts), in three steps:
// 1. the deadline rows are recomputed in slices of a few hundred complaints, each slice its own short write
//    transaction (a complaint's row is either the old or the new one, never half of each);
// 2. in one read snapshot (WAL: the app writes meanwhile), the aggregates the deadline rows call for are compared
//    with the stored ones; only the rows that differ are kept, as differences (kpi/aggregates.ts
//    aggregateCorrections). A day off moves the deadlines of a few weeks' complaints: a few hundred rows of a
//    kabupaten's hundreds of thousands;
// 3. the differences are added to the stored rows in short write transactions sized by time. The app's own
//    changes meanwhile are differences too (old row out, new row in, refresh.ts), and differences add up in any
//    order, so the end result equals a rebuild from scratch. Before, one transaction replaced every aggregate row
//    of the kabupaten: 5.9 s holding the write lock on 120,000 complaints, and every write of the app waited.
// Screens keep the old aggregates until step 3; while it runs (well under a second for a day off) a total may be
// partly updated, under the "sedang dihitung ulang" mark. Two rebuilds of one kabupaten (the app and a CLI sync)
// take turns for steps 2–3 (a claim in the setting table), so that neither adds a difference the other already
// added.
import type { Db } from '../store/open.ts'
import { calendarRevision } from '../calendar/store.ts'
import { markFresh, rebuildingKey, rebuildSlice, slaContext, SLICE_START } from './refresh.ts'
import { aggregateCorrections, applyCorrections, type DueCell } from './aggregates.ts'
import { calendarDigest, recordDigest } from './rebuild-queue.ts'
import { SLA_SELECT, slaRowOf } from './sla-row.ts'
import { restBlocking } from '../background/pace.ts'

export type SlicedJob = {
  kabupaten: string
  now: number
  /** Complaints per write transaction (step 1). */
  slice: number
  /** Record the calendar digest (the Pengaturan rebuild queue), so an unrelated change later costs no rebuild. */
  digest: boolean
  /** Setting keys to delete in the final transaction (the sync's "rebuild owed" marker). */
  clear: string[]
  /**
   * false: the deadline rows are current (a bulk sync wrote them with each page) and only the aggregates are owed:
   * step 1 is skipped, and the freshness mark is left as it was (this rebuild did not recompute any deadline).
   */
  deadlines?: boolean
  /**
   * How the write slices are paced: about `sliceMs` each (default SLICE_MS), each followed by a rest of `restShare`
   * of its time (default 1, background/pace.ts). The end of a sync of the CLI, whose own slices are 150 ms back to
   * back, rebuilds at its pace (sync/engine.ts CLI_REBUILD_PACE); the app's rebuilds keep the defaults.
   */
  pace?: { sliceMs: number; restShare: number }
  /** The most aggregate cells per write transaction of step 3 and held before they are written (default
   *  CELL_BATCH_MAX; tests make it small). */
  cellBatchMax?: number
}

/** Fewest and most aggregate cells written per transaction of step 3. Measured on 100,000 complaints (255,221
 *  corrections): held 20,000 at a time, the heap peaks 83 MB above its start; 200,000 at a time, 598 MB (about 3 KB
 *  a correction). */
const CELL_BATCH_MIN = 1_000
const CELL_BATCH_MAX = 20_000
/** How many corrections step 2 holds before they are written (at most the batch's most). Held 20,000 at a time,
 *  they lived through several of V8's young-generation collections and were copied into the old one before they
 *  became garbage: the rebuild of 100,000 complaints' aggregates alone took 7.5–9.1 s, 5.4–6.5 s with 2,000
 *  (docs/reliability.md "Corrections written sooner"). */
const CELLS_HELD = 2_000

/** Target time of one write slice. */
export const SLICE_MS = 25

/** slices: write transactions of step 1; swaps: of step 3; corrected: aggregate rows (and due-day counts) that differed. */
export type SlicedResult = { complaints: number; ms: number; slices: number; swaps: number; corrected: number }

/** `w` writes, `r` reads the snapshot of step 2: two connections to the same file (`r` may be read-only). */
export type SlicedHooks = {
  onProgress?: (done: number) => void
  /** After the first transaction, which marks the rebuild as running: from here on its writes are corrections, and
   *  another writer of the same process (the end of a bulk sync) may go on without delaying its start. */
  onBegun?: () => void
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
  hooks.onBegun?.()
  let claimed = false
  // After each write slice the lock is left free for about as long as the slice held it (or the job's share of
  // that; background/pace.ts): slices taken back to back re-took the lock before the app's thread woke, and under
  // load its writes (a note, routing upkeep) waited the whole 10 s busy timeout — with the app's event loop
  // stopped, since better-sqlite3 waits synchronously.
  const target = job.pace?.sliceMs ?? SLICE_MS
  const share = job.pace?.restShare ?? 1
  try {
    let at = SLICE_START
    let done = 0
    let slices = 0
    // The slice follows the time it takes: another writer (the app's thread) waits at most about SLICE_MS for
    // the lock, on a loaded machine too, where a fixed count of complaints took several times longer.
    let size = job.slice
    for (; job.deadlines !== false; ) {
      const t = performance.now()
      const s = w.transaction(() => rebuildSlice(w, kab, begin.ctx, at, size)).immediate()
      if (!s) break
      const ms = performance.now() - t
      restBlocking(ms * share)
      size = Math.max(20, Math.min(job.slice * 4, Math.round(size * Math.min(2, Math.max(0.25, target / Math.max(1, ms))))))
      at = s.next
      done += s.n
      slices++
      hooks.onProgress?.(done)
    }
    claim(w, kab)
    claimed = true
    // Steps 2 and 3: what the stored aggregates lack, read in one snapshot of the deadline rows and the aggregates,
    // added to the stored rows in short write transactions sized by time, like the slices of step 1, as soon as
    // CELL_BATCH_MAX of them are found (holding them all grew with the kabupaten: 735 MB of heap for 100,000
    // complaints). The app's own changes meanwhile were applied to the stored rows as differences too, and
    // differences add up in any order: the result equals a rebuild from scratch however the two interleave. The
    // snapshot is the read connection's: these writes do not change what it reads.
    // Cells per write transaction: one upsert each (about 5 µs on this machine), so the floor of a thousand holds
    // the lock some 5 ms of CPU. A floor of 20 made a loaded machine (slow wall time per batch) commit a few cells
    // at a time, with a pause after each: 357 s of a 467 s bulk sync of 100,000 complaints at load 17.
    const most = job.cellBatchMax ?? CELL_BATCH_MAX
    let batch = Math.min(most, CELL_BATCH_MIN)
    let swaps = 0
    let total = 0
    const apply = (cells: unknown[][], due: DueCell[]) => {
      const corrections = { cells, due }
      total += cells.length + due.length
      let ci = 0
      let di = 0
      while (ci < cells.length || di < due.length) {
        const t = performance.now()
        const c2 = Math.min(cells.length, ci + batch)
        const d2 = ci + batch > cells.length ? Math.min(due.length, di + batch) : di
        w.transaction(() => {
          applyCorrections(w, corrections, [ci, c2], [di, d2])
          renew(w, kab)
        }).immediate()
        ci = c2
        di = d2
        swaps++
        const ms = performance.now() - t
        restBlocking(ms * share)
        batch = Math.min(most, Math.max(CELL_BATCH_MIN, Math.round(batch * Math.min(2, Math.max(0.25, target / Math.max(1, ms))))))
      }
    }
    const remaining = snapshot(r, () => {
      // sql-vetted: SLA_SELECT is the constant column list of complaint_sla
      const raw = r.prepare(`SELECT ${SLA_SELECT} FROM complaint_sla WHERE kabupaten_kode = ? ORDER BY day`).raw().iterate(kab) as IterableIterator<unknown[]>
      const rows = (function* () {
        for (const a of raw) yield slaRowOf(a)
      })()
      const c = aggregateCorrections(r, kab, begin.ctx.cal.offsetMs, rows, { at: Math.min(most, CELLS_HELD), cells: (cells) => apply(cells, []) })
      hooks.afterSnapshot?.()
      return c
    })
    apply(remaining.cells, remaining.due)
    w.transaction(() => {
      if (job.deadlines !== false) {
        markFresh(w, kab, begin.revision)
        if (begin.digest !== null) recordDigest(w, kab, begin.digest, begin.revision)
      }
      for (const key of job.clear) w.prepare('DELETE FROM setting WHERE key = ?').run(key)
      end(w, kab, true)
    }).immediate()
    const complaints = r.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(kab) as number
    return { complaints, ms: Math.round(performance.now() - t0), slices, swaps, corrected: total }
  } catch (err) {
    try {
      w.transaction(() => end(w, kab, claimed)).immediate()
    } catch {
      // the store itself fails (disk full): the next rebuild clears the marker
    }
    throw err
  }
}

function end(w: Db, kab: string, claimed: boolean): void {
  if (claimed) w.prepare('DELETE FROM setting WHERE key = ?').run(claimKey(kab))
  w.prepare('DELETE FROM setting WHERE key = ?').run(rebuildingKey(kab))
  w.prepare('DELETE FROM kpi_rebuild_change WHERE kabupaten_kode = ?').run(kab)
}

/** Runs `fn` inside one read transaction of `r`: everything it reads is one moment of the store. */
function snapshot<T>(r: Db, fn: () => T): T {
  r.exec('BEGIN')
  try {
    return fn()
  } finally {
    if (r.inTransaction) r.exec('COMMIT')
  }
}

const claimKey = (kab: string) => `kpi.correcting.${kab}`
/** A claim not renewed for this long belongs to a rebuild that died (kill -9): it is taken over. */
const CLAIM_STALE_MS = 60_000

/** Waits until no other rebuild of the kabupaten is between its snapshot and its last correction, and claims it. */
function claim(w: Db, kab: string): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4))
  for (;;) {
    const got = w.transaction(() => {
      const held = w.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(claimKey(kab)) as string | undefined
      if (held !== undefined && Date.now() - Number(held) < CLAIM_STALE_MS) return false
      renew(w, kab)
      return true
    }).immediate()
    if (got) return
    Atomics.wait(sleeper, 0, 0, 200)
  }
}

function renew(w: Db, kab: string): void {
  w.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(claimKey(kab), String(Date.now()))
}

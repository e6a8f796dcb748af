// The rows a sync page derives from its complaints — deadline rows (complaint_sla), KPI aggregates, the onRefresh
// hooks (isu words and baseline) and, for a small page, its likely duplicates — written once for the whole page
// instead of once per slice (issue 16 "Faster ingest"). A page stored in slices (engine.ts ingestInSlices) writes
// only its rows in each slice and lists their ids in ingest_pending (migration 0037) in the same transaction; then
// the page's pending complaints are refreshed here in submission order, in chunks paced like the slices, so the app's
// thread still answers between them. Every slice refreshing its own complaints made thousands of small commits, each
// rewriting the same aggregate and word pages (docs/reliability.md "Ingest speed").
//
// Crash safety: the aggregates always equal the sum of the stored deadline rows (a refresh takes a complaint's old
// row out and puts the new one in, in one transaction), so a complaint whose refresh has not run yet is merely late,
// never double-counted; its id stays in ingest_pending until the transaction that refreshes it deletes it. A process
// killed between the two leaves them there, and the next sync run (or file import) completes them first.
import type { Db } from '../store/open.ts'
import { perConnection } from '../store/statements.ts'
import { refreshComplaints, slaContext, type SlaContext } from '../kpi/refresh.ts'
import { processArrivals } from '../serupa/arrival.ts'
import { rest } from '../background/pace.ts'
import { whenLockFree } from '../store/write-or-skip.ts'
import { othersWriting, sliceBudget } from './beside.ts'

/** The setting that says a kabupaten's aggregates are owed one rebuild at the end of a bulk sync (engine.ts). */
export const rebuildOwedKey = (kabupaten: string) => `sync.rebuild_pending.${kabupaten}`

/** The most one chunk may hold the thread, as a sync slice (engine.ts INGEST_SLICE_MS). */
const CHUNK_MS = 25
/** Complaints in the first chunk, before any cost is measured. */
const FIRST_CHUNK = 20

type Pending = { id: number; kab: string }

const statements = perConnection(prepare)
function prepare(db: Db) {
  return {
    // Submission order: a chunk's complaints then share their day, block and month aggregate rows.
    all: db.prepare(
      `SELECT p.complaint_id AS id, c.kabupaten_kode AS kab FROM ingest_pending p JOIN complaint c ON c.id = p.complaint_id
       ORDER BY c.submitted_at, c.id`,
    ),
    of: db.prepare(
      `SELECT p.complaint_id AS id, c.kabupaten_kode AS kab FROM ingest_pending p JOIN complaint c ON c.id = p.complaint_id
       WHERE p.complaint_id IN (SELECT value FROM json_each(?)) ORDER BY c.submitted_at, c.id`,
    ),
    orphans: db.prepare('DELETE FROM ingest_pending WHERE complaint_id NOT IN (SELECT id FROM complaint)'),
    add: db.prepare('INSERT OR IGNORE INTO ingest_pending (complaint_id) VALUES (?)'),
    done: db.prepare('DELETE FROM ingest_pending WHERE complaint_id IN (SELECT value FROM json_each(?))'),
    owed: db.prepare('SELECT 1 FROM setting WHERE key = ?').pluck(),
    any: db.prepare('SELECT 1 FROM ingest_pending LIMIT 1').pluck(),
  }
}

/** Lists complaints whose derived rows are owed, in the caller's transaction (the one that stores them). */
export function markPending(db: Db, ids: readonly number[]): void {
  const { add } = statements(db)
  for (const id of ids) add.run(id)
}

/** Whether any complaint waits for its derived rows. */
export function hasPending(db: Db): boolean {
  return statements(db).any.get() === 1
}

/**
 * Refreshes these pending complaints (all of one kabupaten) in one transaction and takes them off the list. The
 * aggregates are left alone while a rebuild of them is owed (a bulk sync): the rebuild reads the deadline rows.
 */
export function deriveChunk(db: Db, kabupaten: string, ids: number[], ctx: SlaContext, opts: { decideDuplicates?: boolean; aggregates?: boolean } = {}): void {
  const st = statements(db)
  db.transaction(() => {
    const aggregates = (opts.aggregates ?? true) && st.owed.get(rebuildOwedKey(kabupaten)) !== 1
    refreshComplaints(db, kabupaten, ids, ctx, { aggregates })
    if (aggregates && opts.decideDuplicates) processArrivals(db, ids)
    st.done.run(JSON.stringify(ids))
  }).immediate()
}

export type DerivePace = { msPerRecord: number }
export const derivePace = (): DerivePace => ({ msPerRecord: CHUNK_MS / FIRST_CHUNK })

/**
 * Completes the pending complaints among `ids` (default: every pending complaint, e.g. those a killed run left), in
 * chunks of about CHUNK_MS, yielding to the event loop between them. Returns how many were refreshed.
 */
export async function derivePending(
  db: Db,
  opts: {
    ids?: readonly number[]
    pace?: DerivePace
    /** The most one chunk may take (default CHUNK_MS, as a slice of a sync in serve mode). */
    budgetMs?: number
    now?: number
    decideDuplicates?: boolean
    /** false: deadline rows only (the caller rebuilds the aggregates); also false while a rebuild is owed. */
    aggregates?: boolean
    contexts?: Map<string, SlaContext>
    /** Checked before each chunk: true ends the work (the app is closing; what is left stays listed). */
    stopped?: () => boolean
    /** Rest after each chunk as long as it took (background/pace.ts), as on the app's thread; false (a run of the
     *  CLI, whose thread answers no requests): go straight on. Default true. */
    rest?: boolean
  } = {},
): Promise<number> {
  const st = statements(db)
  const pace = opts.pace ?? derivePace()
  const rows = (opts.ids ? st.of.all(JSON.stringify(opts.ids)) : st.all.all()) as Pending[]
  // On the app's thread every write here waits for the lock without sleeping in SQLite's busy handler.
  const write = <T>(fn: () => T): Promise<T> => whenLockFree(db, fn, opts.rest !== false)
  if (!opts.ids) await write(() => db.transaction(() => st.orphans.run()).immediate())
  const byKab = new Map<string, number[]>()
  for (const r of rows) {
    let list = byKab.get(r.kab)
    if (!list) byKab.set(r.kab, (list = []))
    list.push(r.id)
  }
  const now = opts.now ?? Date.now()
  const contexts = opts.contexts ?? new Map<string, SlaContext>()
  let n = 0
  for (const [kab, ids] of byKab) {
    let ctx = contexts.get(kab)
    if (!ctx) contexts.set(kab, (ctx = slaContext(db, kab, now)))
    ctx = { ...ctx, now }
    for (let at = 0; at < ids.length; ) {
      if (opts.stopped?.()) return n
      const size = Math.max(1, Math.floor(sliceBudget(db, opts.budgetMs ?? CHUNK_MS, opts.rest) / Math.max(0.005, pace.msPerRecord)))
      const chunk = ids.slice(at, at + size)
      at += chunk.length
      const derive = () => {
        const t = performance.now()
        deriveChunk(db, kab, chunk, ctx, { decideDuplicates: opts.decideDuplicates, aggregates: opts.aggregates })
        return performance.now() - t
      }
      const ms = await write(derive)
      pace.msPerRecord = 0.5 * pace.msPerRecord + 0.5 * (ms / chunk.length)
      n += chunk.length
      if (at < ids.length) await rest(ms, opts.rest !== false || othersWriting(db))
    }
  }
  return n
}

/**
 * What a killed sync or import left listed is completed when the app opens the store, not only by the next sync
 * run: until then the dashboards miss those complaints. Returns the stop.
 */
export function startPendingCompletion(db: Db, opts: { firstDelayMs?: number; log?: (line: string) => void } = {}): () => void {
  let stopped = false
  const timer = setTimeout(() => {
    if (stopped || !hasPending(db)) return
    derivePending(db, { stopped: () => stopped })
      .then((n) => n > 0 && opts.log?.(`${n} pengaduan dari sinkronisasi atau impor yang terhenti dilengkapi (tenggat dan angka KPI).`))
      .catch((err: unknown) => {
        if (!stopped) opts.log?.(`Melengkapi pengaduan dari sinkronisasi yang terhenti gagal: ${(err as Error).message}`)
      })
  }, opts.firstDelayMs ?? 2_000)
  timer.unref()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

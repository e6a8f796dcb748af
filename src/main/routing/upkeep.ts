// Keeps every kabupaten's model and stored suggestions current while the app runs (serve mode, desktop): shortly
// after start, after each change announced on the bus, and every half minute, it learns from what arrived in the
// store (sync, imports, another process) in small slices, so the event loop stays responsive, and announces the
// new suggestions when anything changed.
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import { RebuildJob, catchUp, refreshStale } from './learn.ts'
import { rebuildDone, rebuildRequested } from './rebuild-request.ts'
import { isAbandoned } from './replace.ts'
import { compactionWriter, needsLoading } from './store.ts'
import { STEP_MS } from './step.ts'
import { ModelLoad, readsModelsInSteps } from './load.ts'
import { routingContext } from './context.ts'
import type { SnapshotWriter } from './snapshot.ts'
import { Backoff } from '../background/backoff.ts'
import { nextStepSize, restAfter, sliceEnded, untilThreadFree } from '../background/pace.ts'

export type UpkeepOptions = {
  firstDelayMs?: number
  intervalMs?: number
  /** The most complaints one step learns from (and suggestions it refreshes) per kabupaten. */
  sliceSize?: number
  /** What one step may take: the next step's size follows the last one's time (default STEP_MS). */
  stepMs?: number
  /** Tests: each learning step's size and time. */
  onStep?: (step: { size: number; ms: number }) => void
  log?: (line: string) => void
  /** First and longest pause after a failed step (default 1 s doubling to 5 min). */
  backoff?: { baseMs?: number; maxMs?: number }
  /** Tests: the work of one step, instead of learning (a fake that fails). Returns whether more work is waiting. */
  stepForTests?: () => boolean
}

export function startRoutingUpkeep(db: Db, bus: ChangeBus, opts: UpkeepOptions = {}): () => void {
  const { firstDelayMs = 2_000, intervalMs = 30_000, sliceSize = 200, stepMs = STEP_MS, log = (l) => console.error(l) } = opts
  // Sized by time, not by count: a request never waits much longer than stepMs behind a step.
  let size = sliceSize
  // A failing step (disk full, a damaged page) waits longer each time and is logged once, never retried in a loop.
  const backoff = new Backoff(db, 'routing', 'Pembaruan model penerusan', { ...opts.backoff, log })
  // Full trainings under way, each with the admin's request it answers (routing/rebuild-request.ts), if any.
  const jobs = new Map<string, { job: RebuildJob; requestedAt: string | null }>()
  // Snapshots being written part by part (a compaction: routing/snapshot.ts); the kabupaten's learning waits for
  // those few steps (49 MB: about 50 parts), and its model in memory is held as it was (store.ts compactionWriter).
  const writers = new Map<string, SnapshotWriter>()
  // Models being read from their snapshots in steps (load.ts), before anything here uses them.
  const loads = new Map<string, ModelLoad>()
  const abort = new AbortController()
  let timer: NodeJS.Timeout | null = null
  let retryAt = 0
  let dueAt = 0
  const schedule = (ms: number) => {
    if (abort.signal.aborted) return
    // While backing off, a change on the bus does not bring the next attempt forward; nor does a stream of
    // changes keep pushing an attempt already due sooner further away.
    const at = Math.max(Date.now() + ms, retryAt)
    if (timer && dueAt <= at) return
    if (timer) clearTimeout(timer)
    dueAt = at
    timer = setTimeout(step, at - Date.now())
    timer.unref() // never keeps a CLI or a test process alive
  }
  const step = () => {
    timer = null
    if (abort.signal.aborted || !db.open) return
    // Another background task's slice has just run on this thread: its rest first (background/pace.ts).
    const wait = untilThreadFree()
    if (wait > 0) return schedule(wait)
    const started = performance.now()
    let more = false
    let learnt = false
    try {
      if (opts.stepForTests) {
        more = opts.stepForTests()
      } else for (const kab of db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().all() as string[]) {
        const running = jobs.get(kab)
        if (running) {
          // A full training under way: one slice of it, nothing else for this kabupaten meanwhile.
          more = true
          const { job, requestedAt } = running
          if (job.step()) {
            jobs.delete(kab)
            if (requestedAt !== null) rebuildDone(db, kab, requestedAt)
            log(`routing ${kab}: dilatih ulang dari ${job.result!.complaints} laporan`)
            bus.emit({ kabupaten: kab, kind: 'complaints', at: Date.now(), count: job.result!.complaints })
          }
          continue
        }
        const writer = writers.get(kab)
        if (writer) {
          more = true
          if (writer.step(stepMs)) writers.delete(kab)
          continue
        }
        const load = loads.get(kab) ?? (needsLoading(db, kab) ? ModelLoad.start(db, kab) : null)
        if (load) {
          more = true
          if (load.step(stepMs)) loads.delete(kab)
          else loads.set(kab, load)
          continue
        }
        const requestedAt = rebuildRequested(db, kab)
        // Asked for by an admin, or a training stopped while it put its examples in place (replace.ts): the
        // examples belong to no model until one is trained again. A training another process runs is left to it.
        if (requestedAt !== null || isAbandoned(db, kab)) {
          log(`routing ${kab}: pelatihan ulang ${requestedAt !== null ? `yang diminta ${requestedAt}` : 'yang terhenti'} dimulai`)
          jobs.set(kab, { job: new RebuildJob(db, kab, Date.now(), sliceSize * 5, true), requestedAt })
          more = true
          continue
        }
        learnt = true
        const r = catchUp(db, kab, size, Date.now(), true)
        if (r.needsRebuild) {
          jobs.set(kab, { job: new RebuildJob(db, kab, Date.now(), sliceSize * 5, true), requestedAt: null })
          more = true
          continue
        }
        const refreshed = refreshStale(db, kab, size)
        const compaction = compactionWriter(db, routingContext(db, kab))
        if (compaction) {
          writers.set(kab, compaction)
          more = true
        }
        if (!r.isDone || refreshed > 0) more = true
        if (r.processed > 0 || refreshed > 0) bus.emit({ kabupaten: kab, kind: 'complaints', at: Date.now(), count: r.processed + refreshed })
      }
      backoff.ok()
      retryAt = 0
    } catch (err) {
      const delay = backoff.failed(err)
      retryAt = Date.now() + delay
      schedule(delay)
      return
    }
    const ms = performance.now() - started
    sliceEnded(ms)
    if (learnt && more) {
      opts.onStep?.({ size, ms })
      size = nextStepSize(size, ms, stepMs, sliceSize)
    }
    schedule(more ? restAfter(ms) : intervalMs)
  }
  schedule(firstDelayMs)
  // A request waiting for a model (load.ts modelReady) brings the next step forward.
  readsModelsInSteps(db, () => schedule(0))
  void (async () => {
    try {
      // Another writer's change: look soon, after the burst (a sync writes in batches).
      for await (const _ of bus.changes(abort.signal)) schedule(1_000)
    } catch {
      // aborted
    }
  })()
  return () => {
    abort.abort()
    if (timer) clearTimeout(timer)
    readsModelsInSteps(db, null)
    // A compaction left half-written: its model learns again (its parts are dropped by the next snapshot written).
    for (const w of writers.values()) w.giveBack()
  }
}

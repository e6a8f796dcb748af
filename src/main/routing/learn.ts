// Keeping the model in step with the store. Three ways in:
// - learnFrom(ids): right after complaints were written (a local action: a closure, a supervisor's correction);
//   adds or takes out their evidence and recomputes their suggestions.
// - catchUp(): reads whatever arrived or changed since the last look (new complaint ids, and updated_at moving
//   past a watermark), so complaints written by sync, imports or another process are learnt without any of them
//   knowing about routing.
// - rebuild(): trains from scratch on the whole history (first use, CLI, after the unit tree changed).
import { performance } from 'node:perf_hooks'
import type { Db } from '../store/open.ts'
import { OPEN_STATUSES } from '#shared/domain.ts'
import { routingContext, type RoutingContext } from './context.ts'
import { ROUTING_COLUMNS, exampleOf, readingOf, sameExample, type RoutingRow } from './examples.ts'
import { Trainer, trainLinear, type LinearJob } from './train.ts'
import { LinearLayer } from './linear.ts'
import { startModule } from '../background/worker.ts'
import { nextStepSize } from '../background/pace.ts'
import type { NaiveBayes } from './model.ts'
import {
  advanceWatermarks,
  compactIfDue,
  currentModel,
  dropCachedModel,
  ensureModel,
  modelRow,
  recordChanges,
  saveFresh,
  type Change,
} from './store.ts'
import { storeSuggestions } from './stored.ts'
import { NewExamples, Replacement, isReplacing, replacementDone } from './replace.ts'
import { SnapshotBytes } from './snapshot.ts'
import { STEP_MS } from './step.ts'
import { isLoadingInSteps } from './load.ts'

const PAGE = 5_000
const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ')

function rowsByIds(db: Db, ids: readonly number[]): RoutingRow[] {
  const out: RoutingRow[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    // sql-vetted: ROUTING_COLUMNS is a constant column list
    out.push(...(db.prepare(`SELECT ${ROUTING_COLUMNS} FROM complaint c WHERE c.id IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as RoutingRow[]))
  }
  return out
}

/** Runs `fn` in an immediate transaction; if it fails, the in-memory model may be ahead of the store: forget it. */
function guarded<T>(db: Db, kabupaten: string, fn: () => T): T {
  try {
    return db.transaction(fn).immediate()
  } catch (err) {
    dropCachedModel(db, kabupaten)
    throw err
  }
}

export type RebuildResult = {
  kabupaten: string
  complaints: number
  corrections: number
  labels: number
  features: number
  temperature: number
  /** Wall time of reading the history and training; CPU time of the same (the machine may be shared). */
  train_ms: number
  train_cpu_ms: number
  suggestions_ms: number
}

const cpuMs = () => process.cpuUsage().user / 1000

/**
 * A full training, in slices so that a running app stays responsive (the upkeep runs one slice per turn of the
 * event loop): read the history page by page, count, calibrate, swap the new model in, then recompute the stored
 * suggestions. Complaints written while it runs are caught up afterwards: the watermark is the start time.
 */
export class RebuildJob {
  result: RebuildResult | null = null
  private readonly ctx: RoutingContext
  private trainer: Trainer
  private examples = new NewExamples()
  private readonly started: number
  private after = 0
  /** Complaints the next read takes (app: sized by time; CLI: `page`). */
  private pageNow: number
  private phase: 'read' | 'train' | 'replace' | 'tidy' | 'suggest' = 'read'
  /** The new examples and snapshot being written in steps (replace.ts), once the model is trained. */
  private replacement: Replacement | null = null
  /** Whether the trainer was told how many complaints the history has (Trainer.expect). */
  private counted = false
  /** The linear layer being trained in a worker thread (offThread), and its outcome once known. */
  private training: { started: number; outcome: { buffers: Buffer[] } | { error: string } | null } | null = null
  /** Whether the linear layer was trained in a worker thread (offThread, where one can start). */
  trainedInWorker = false
  /** What the layer learns from, once the counts are finished (undefined before; null: no layer). */
  private job: LinearJob | null | undefined
  /** The counts being finished in pieces (Trainer.finishCountsInSteps), in a running app. */
  private finishing: Generator<void, LinearJob | null> | null = null
  private wallMs = 0
  private cpu = 0
  private suggestMs = 0
  private model: NaiveBayes | null = null

  constructor(
    private readonly db: Db,
    readonly kabupaten: string,
    private readonly now = Date.now(),
    private readonly page = PAGE,
    /** Train the linear layer in a worker thread (the upkeep of a running app); the CLI and tests train here. */
    private readonly offThread = false,
  ) {
    this.started = Date.now()
    this.pageNow = offThread ? this.firstPage() : page
    this.ctx = routingContext(db, kabupaten)
    this.trainer = new Trainer({ places: this.ctx.places })
  }

  /** The phase the next step works on (benchmarks report the steps per phase). */
  get currentPhase(): string {
    return this.phase
  }

  /** Does one slice; true once the job is finished (then `result` is set). */
  step(): boolean {
    const t = performance.now()
    const c = cpuMs()
    if (this.phase === 'read') this.read()
    else if (this.phase === 'train') this.train()
    else if (this.phase === 'replace') this.replace()
    else if (this.phase === 'tidy') {
      if (this.replacement!.dropOld(STEP_MS)) this.phase = 'suggest'
    }
    else {
      if (refreshStale(this.db, this.kabupaten, Math.max(200, this.page / 5), this.now) === 0) this.finish()
      this.suggestMs += performance.now() - t
      return this.result !== null
    }
    this.wallMs += performance.now() - t
    this.cpu += cpuMs() - c
    return false
  }

  private read(): void {
    if (!this.counted) {
      // A step of its own (32–54 ms on 1,000,000 complaints): the trainer sizes its arrays by it.
      this.trainer.expect(this.db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(this.kabupaten) as number)
      this.counted = true
      if (this.offThread) return
    }
    const t = performance.now()
    // By id (`+kabupaten_kode` keeps SQLite off the kabupaten's index, through which each page sorted the whole
    // kabupaten's complaints, as catchUp's read of new ones did).
    // sql-vetted: ROUTING_COLUMNS is a constant column list
    const rows = this.db
      .prepare(`SELECT ${ROUTING_COLUMNS} FROM complaint c WHERE +c.kabupaten_kode = ? AND c.id > ? ORDER BY c.id LIMIT ?`)
      .all(this.kabupaten, this.after, this.pageNow) as RoutingRow[]
    for (const c of rows) {
      const ex = exampleOf(c, this.ctx)
      if (!ex) continue
      this.trainer.add(readingOf(c, this.ctx), ex.label, ex.weight)
      this.examples.push(c.id, ex)
    }
    if (rows.length > 0) this.after = rows[rows.length - 1].id
    if (rows.length < this.pageNow) this.phase = this.offThread ? 'train' : 'replace'
    // In a running app, pages sized by time as the upkeep's other steps: pages of 1,000 took up to 306 ms on
    // 1,000,000 complaints (cold pages of the complaint table).
    else if (this.offThread) this.pageNow = nextStepSize(this.pageNow, performance.now() - t, STEP_MS, this.page)
  }

  /** Starts the linear layer's training in a worker, then waits for it a slice at a time (each a quick look). */
  private train(): void {
    if (!this.training) {
      if (this.job === undefined) {
        // In pieces for about a step's time each: at once it held the app's thread 430 ms on 1,000,000 complaints.
        const t = performance.now()
        this.finishing ??= this.trainer.finishCountsInSteps()
        let r = this.finishing.next()
        while (!r.done && performance.now() - t < STEP_MS) r = this.finishing.next()
        if (!r.done) return
        this.job = r.value
      }
      const job = this.job
      // The job's arrays are moved to the worker, not copied (a copy held the app's thread 343 ms on 1,000,000
      // complaints); if the worker fails, the job starts over (restart).
      const transferList = job ? [job.hashes, job.weights, job.kinds, job.starts, job.labels].map((a) => a.buffer as ArrayBuffer) : []
      const worker = job && startModule(new URL('./linear-worker.ts', import.meta.url), job, undefined, { transferList: [...new Set(transferList)] })
      if (!job || !worker) {
        // No layer to train, or no worker here: the model is finished on this thread, as `rebuild` does.
        this.model = this.trainer.finishWith(job && trainLinear(job))
        this.phase = 'replace'
        return
      }
      this.trainedInWorker = true
      const training: NonNullable<RebuildJob['training']> = (this.training = { started: performance.now(), outcome: null })
      worker.once('message', (m: { type: 'done'; buffers: Uint8Array[] } | { type: 'error'; message: string }) => {
        training.outcome = m.type === 'done' ? { buffers: m.buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength)) } : { error: m.message }
        void worker.terminate()
      })
      worker.once('error', (e) => (training.outcome ??= { error: e.message }))
      worker.once('exit', (code) => (training.outcome ??= { error: `keluar dengan kode ${code}` }))
      return
    }
    const outcome = this.training.outcome
    if (!outcome) return
    this.wallMs += performance.now() - this.training.started
    if ('error' in outcome) {
      this.restart() // the next attempt (after the upkeep's back-off) reads the history again
      throw new Error(`Pelatihan lapisan linear model penerusan ${this.kabupaten} gagal di thread latar: ${outcome.error}`)
    }
    this.model = this.trainer.finishWith(LinearLayer.fromParts(outcome.buffers))
    this.phase = 'replace'
  }

  /** A running app's first page, before the pages are sized by their time. */
  private firstPage(): number {
    return Math.min(this.page, 200)
  }

  /** From the beginning: the job's arrays went to a worker that failed. */
  private restart(): void {
    this.trainer = new Trainer({ places: this.ctx.places })
    this.examples = new NewExamples()
    this.after = 0
    this.pageNow = this.firstPage()
    this.counted = false
    this.phase = 'read'
    this.job = undefined
    this.finishing = null
    this.training = null
    this.model = null
  }

  /** The examples and snapshot in steps of about STEP_MS (replace.ts), then the new model adopted in one
   *  small transaction, a step of its own. */
  private replace(): void {
    const { db, kabupaten, examples } = this
    const model = (this.model ??= this.trainer.finish())
    this.replacement ??= new Replacement(db, kabupaten, examples, SnapshotBytes.of(model))
    // The model is adopted in a step of its own, after the one that wrote the last part.
    if (!this.replacement.written) {
      this.replacement.step(STEP_MS)
      return
    }
    const generation = this.replacement.generation!
    const corrections = examples.corrections
    guarded(db, kabupaten, () => {
      // Anything written since the job started is after the watermark, and is caught up next.
      saveFresh(db, kabupaten, model, { complaints: examples.length, corrections, seenId: this.after, seenUpdatedAt: this.started - 1, seenUpdatedId: Number.MAX_SAFE_INTEGER }, this.now, generation)
      replacementDone(db, kabupaten)
      // Every stored suggestion is now stale; they are recomputed in the next slices, shown meanwhile.
      db.prepare('UPDATE routing_suggestion SET model_examples = -1 WHERE kabupaten_kode = ?').run(kabupaten)
    })
    this.phase = 'tidy'
  }

  private finish(): void {
    const m = this.model!
    this.result = {
      kabupaten: this.kabupaten,
      complaints: this.examples.length,
      corrections: this.examples.corrections,
      labels: m.labels.length,
      features: m.featureCount,
      temperature: Math.round(m.temperature * 100) / 100,
      train_ms: Math.round(this.wallMs),
      train_cpu_ms: Math.round(this.cpu),
      suggestions_ms: Math.round(this.suggestMs),
    }
  }
}

/** Trains the kabupaten's model from its whole history and recomputes every open complaint's suggestion, at once. */
export function rebuild(db: Db, kabupaten: string, now = Date.now()): RebuildResult {
  const job = new RebuildJob(db, kabupaten, now)
  while (!job.step());
  return job.result!
}

/**
 * After complaints were written: updates what each teaches the model (an exact add/remove of its evidence) and
 * recomputes their suggestions. Idempotent: a complaint whose lesson did not change changes nothing.
 */
export function learnFrom(db: Db, ids: readonly number[], now = Date.now()): void {
  const byKab = new Map<string, RoutingRow[]>()
  for (const r of rowsByIds(db, ids)) byKab.set(r.kabupaten_kode, [...(byKab.get(r.kabupaten_kode) ?? []), r])
  for (const [kab, rows] of byKab) {
    // The upkeep is reading the model in steps (load.ts): read here, it would be at once, in the user's request (up
    // to 340 ms on 1,000,000 complaints). These complaints changed after the model's watermark: the catch-up right
    // after the load learns them.
    if (isLoadingInSteps(db, kab)) continue
    learnRows(db, routingContext(db, kab), rows, now, false)
  }
}

/** `compact`: rewrite the snapshot here when enough changes piled up (the CLI, tests); false on the app's thread,
 *  where routing upkeep writes it in steps (upkeep.ts) and a user's action never pays for it. */
function learnRows(db: Db, ctx: RoutingContext, rows: RoutingRow[], now: number, compact: boolean): void {
  guarded(db, ctx.kabupaten, () => {
    // A training is putting its examples in place: these complaints changed after it started, and are learnt by the
    // catch-up right after it (replace.ts).
    if (isReplacing(db, ctx.kabupaten)) return
    const model = ensureModel(db, ctx, now)
    const had = new Map<number, { label: string; weight: number; is_correction: number }>()
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500).map((r) => r.id)
      const found = db
        .prepare(`SELECT complaint_id, label, weight, is_correction FROM routing_example WHERE complaint_id IN (${chunk.map(() => '?').join(', ')})`)
        .all(...chunk) as { complaint_id: number; label: string; weight: number; is_correction: number }[]
      for (const f of found) had.set(f.complaint_id, f)
    }
    const upsert = db.prepare('INSERT OR REPLACE INTO routing_example (complaint_id, kabupaten_kode, label, weight, is_correction) VALUES (?, ?, ?, ?, ?)')
    const remove = db.prepare('DELETE FROM routing_example WHERE complaint_id = ?')
    const changes: (Change & { complaint: RoutingRow })[] = []
    const counts = { complaints: 0, corrections: 0 }
    for (const c of rows) {
      const old = had.get(c.id) ?? null
      const now_ = exampleOf(c, ctx)
      if (sameExample(old, now_)) continue
      changes.push({ complaint: c, old_label: old?.label ?? null, old_weight: old?.weight ?? null, new_label: now_?.label ?? null, new_weight: now_?.weight ?? null })
      counts.complaints += (now_ ? 1 : 0) - (old ? 1 : 0)
      counts.corrections += (now_?.isCorrection ? 1 : 0) - (old?.is_correction ? 1 : 0)
      if (now_) upsert.run(c.id, ctx.kabupaten, now_.label, now_.weight, now_.isCorrection ? 1 : 0)
      else remove.run(c.id)
    }
    recordChanges(db, ctx, model, changes, counts, now)
    storeSuggestions(db, ctx, model, rows, now)
    if (compact) compactIfDue(db, ctx, model)
  })
}

export type CatchUpResult = { processed: number; isDone: boolean; rebuilt: boolean; needsRebuild?: boolean }

/** More unseen complaints than this, and catching up retrains from scratch instead. */
const REBUILD_AFTER = 20_000

/**
 * Learns from what arrived or changed in the store since the last look, at most `limit` complaints per call
 * (call again while !isDone). A kabupaten never trained, or far behind, is trained from scratch: at once, or,
 * with `isRebuildDeferred`, left to the caller (the upkeep runs a RebuildJob in slices).
 */
export function catchUp(db: Db, kabupaten: string, limit = 2_000, now = Date.now(), isRebuildDeferred = false): CatchUpResult {
  // A training putting its examples in place (this process's or another's): its own watermark follows.
  if (isReplacing(db, kabupaten)) return { processed: 0, isDone: true, rebuilt: false }
  const row = modelRow(db, kabupaten)
  // Both reads of new complaints go by id from the watermark on (`+kabupaten_kode` keeps SQLite off the kabupaten's
  // index): by that index they read every complaint of the kabupaten, 132 and 59 ms on 1,000,000 complaints at
  // every step of upkeep, with nothing new (0.4 and 0.0 ms by id).
  // sql-vetted: REBUILD_AFTER is a numeric constant
  const unseen = db
    .prepare(`SELECT count(*) FROM (SELECT 1 FROM complaint WHERE id > ? AND +kabupaten_kode = ? LIMIT ${REBUILD_AFTER + 1})`)
    .pluck()
    .get(row?.seen_id ?? 0, kabupaten) as number
  // Never trained, or far behind (a bulk import, a model started empty by a first action): a full training is
  // much faster than learning complaint by complaint. Not for the upkeep of a running app (isRebuildDeferred) once
  // a model exists: a full training ends in one transaction that rewrites every example of the kabupaten (23 s on
  // 20,000 complaints on a loaded machine, during which the app's writes waited), while learning the backlog in
  // slices keeps every step short.
  if (!row || (unseen > REBUILD_AFTER && !isRebuildDeferred)) {
    if (unseen === 0) return { processed: 0, isDone: true, rebuilt: false }
    if (isRebuildDeferred) return { processed: 0, isDone: false, rebuilt: false, needsRebuild: true }
    const r = rebuild(db, kabupaten, now)
    return { processed: r.complaints, isDone: true, rebuilt: true }
  }
  // Read before the new complaints: once they are all read, every complaint up to here is seen, those of other
  // kabupaten too, so the next step does not read through them again (another kabupaten's sync of 100,000).
  const newest = (db.prepare('SELECT max(id) FROM complaint').pluck().get() as number | null) ?? 0
  // sql-vetted: ROUTING_COLUMNS is a constant column list
  const fresh = db
    .prepare(`SELECT ${ROUTING_COLUMNS} FROM complaint c WHERE +c.kabupaten_kode = ? AND c.id > ? ORDER BY c.id LIMIT ?`)
    .all(kabupaten, row.seen_id, limit) as RoutingRow[]
  // sql-vetted: ROUTING_COLUMNS is a constant column list
  const changed = db
    .prepare(
      `SELECT ${ROUTING_COLUMNS}, c.updated_at FROM complaint c
       WHERE (c.updated_at, c.id) > (?, ?) AND c.kabupaten_kode = ? ORDER BY c.updated_at, c.id LIMIT ?`,
    )
    .all(row.seen_updated_at, row.seen_updated_id, kabupaten, limit) as (RoutingRow & { updated_at: number })[]
  const rows = new Map<number, RoutingRow>()
  for (const r of [...fresh, ...changed]) rows.set(r.id, r)
  if (rows.size > 0) {
    const ctx = routingContext(db, kabupaten)
    learnRows(db, ctx, [...rows.values()], now, !isRebuildDeferred)
  }
  const last = changed[changed.length - 1]
  advanceWatermarks(db, kabupaten, {
    seenId: fresh.length === limit ? fresh[fresh.length - 1].id : Math.max(newest, fresh[fresh.length - 1]?.id ?? 0),
    seenUpdatedAt: last?.updated_at,
    seenUpdatedId: last?.id,
  })
  return { processed: rows.size, isDone: fresh.length < limit && changed.length < limit, rebuilt: false }
}

/** Share by which the model must have grown before a stored suggestion is recomputed. */
const STALE_GROWTH = 1.2

/**
 * Recomputes the stored suggestions of open complaints that have none yet or were computed when the model was
 * markedly smaller; returns how many it did (0: all current).
 */
export function refreshStale(db: Db, kabupaten: string, limit = 2_000, now = Date.now()): number {
  const ctx = routingContext(db, kabupaten)
  const model = currentModel(db, ctx)
  const threshold = (model?.examples ?? 0) / STALE_GROWTH
  // sql-vetted: OPEN_SQL is a constant status list
  const ids = db
    .prepare(
      `SELECT c.id FROM complaint c LEFT JOIN routing_suggestion r ON r.complaint_id = c.id
       WHERE c.kabupaten_kode = ? AND c.status IN (${OPEN_SQL}) AND (r.complaint_id IS NULL OR r.model_examples < ?)
       LIMIT ?`,
    )
    .pluck()
    .all(kabupaten, threshold, limit) as number[]
  if (ids.length === 0) return 0
  guarded(db, kabupaten, () => storeSuggestions(db, ctx, currentModel(db, ctx), rowsByIds(db, ids), now))
  return ids.length
}

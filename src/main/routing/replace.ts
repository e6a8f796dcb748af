// Putting a freshly trained model in place in slices. A full training's new examples and snapshot used to be written
// in one transaction on the app's thread: on the 1,000,000-complaint store, 3.8 s in which the server answered no
// one (docs/reliability.md "A retraining in slices"). Now the upkeep writes them step by step, each step a short
// transaction, and only the last, small one makes the new model the kabupaten's (learn.ts RebuildJob):
// - the examples as differences against what is stored (a retraining changes few; a first training adds them all),
//   merged by complaint id in id ranges;
// - the snapshot's parts under a new generation that nothing names until the model is adopted; the old
//   generation's parts are dropped in steps after that.
// While the examples are being replaced they belong to neither model, so learning from single complaints waits
// (`isReplacing`): a complaint changed meanwhile has an updated_at after the training started, the watermark the new
// model starts from, and is learnt right after. The mark names its process: one stopped half-way leaves it, and the
// next upkeep that finds it abandoned trains again (upkeep.ts); one still running is left to finish.
import { hostname } from 'node:os'
import type { Db } from '../store/open.ts'
import { processRuns } from '../background/process.ts'
import { perConnection } from '../store/statements.ts'
import { dropOtherParts, nextGeneration, partsOf, writeParts, type SnapshotBytes } from './snapshot.ts'
import { grown } from './model.ts'

const MARK = 'routing.replacing.'

/** Whether a training is putting its examples in place for the kabupaten (learning from single complaints waits). */
export function isReplacing(db: Db, kabupaten: string): boolean {
  return db.prepare('SELECT 1 FROM setting WHERE key = ?').pluck().get(MARK + kabupaten) !== undefined
}

/** A mark from another machine not moved for this long is abandoned (each step of a replacement moves it; all the
 *  steps of 1,000,000 complaints take a few seconds). */
const ABANDONED_AFTER_MS = 10 * 60_000

type Mark = { host: string; pid: number; at: string }

/**
 * Whether the kabupaten's mark is left by a training that will not finish it: a process of this machine that no
 * longer runs (or this process, which has no training of it under way when it asks), or, from another machine, a
 * mark not moved for ABANDONED_AFTER_MS.
 */
export function isAbandoned(db: Db, kabupaten: string, now = Date.now()): boolean {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(MARK + kabupaten) as string | undefined
  if (raw === undefined) return false
  let mark: Mark
  try {
    mark = JSON.parse(raw) as Mark
  } catch {
    return true // not a mark this version writes
  }
  if (mark.host === hostname()) return mark.pid === process.pid || !processRuns(mark.pid)
  return now - Date.parse(mark.at) > ABANDONED_AFTER_MS
}

/** In the transaction that adopts the new model: learning goes on. */
export function replacementDone(db: Db, kabupaten: string): void {
  db.prepare('DELETE FROM setting WHERE key = ?').run(MARK + kabupaten)
}

export type NewExample = { id: number; label: string; weight: number; isCorrection: boolean }

/**
 * A training's examples, in complaint id order, kept as columns. As one object each, the 915,874 examples of a
 * 1,000,000-complaint history were that many more objects for every full garbage collection to mark while the
 * history was read (docs/reliability.md "A compaction from the model's own arrays").
 */
export class NewExamples {
  private ids = new Float64Array(1024)
  private weights = new Float64Array(1024)
  private labelAt = new Uint16Array(1024)
  private correction = new Uint8Array(1024)
  private readonly labels: string[] = []
  private readonly labelIndex = new Map<string, number>()
  length = 0
  corrections = 0

  push(id: number, e: { label: string; weight: number; isCorrection: boolean }): void {
    if (this.length === this.ids.length) this.grow(this.length * 2)
    let l = this.labelIndex.get(e.label)
    if (l === undefined) {
      l = this.labels.push(e.label) - 1
      this.labelIndex.set(e.label, l)
    }
    const i = this.length++
    this.ids[i] = id
    this.weights[i] = e.weight
    this.labelAt[i] = l
    this.correction[i] = e.isCorrection ? 1 : 0
    if (e.isCorrection) this.corrections++
  }

  idAt(i: number): number {
    return this.ids[i]
  }

  at(i: number): NewExample {
    return { id: this.ids[i], label: this.labels[this.labelAt[i]], weight: this.weights[i], isCorrection: this.correction[i] === 1 }
  }

  private grow(n: number): void {
    this.ids = grown(this.ids, n, (k) => new Float64Array(k))
    this.weights = grown(this.weights, n, (k) => new Float64Array(k))
    this.labelAt = grown(this.labelAt, n, (k) => new Uint16Array(k))
    this.correction = grown(this.correction, n, (k) => new Uint8Array(k))
  }
}

type Stored = { complaint_id: number; label: string; weight: number; is_correction: number }

/** Examples compared per batch within a step (one read of the stored ones, a few writes). */
const BATCH = 1_000

/**
 * Writes a training's examples (in complaint id order) and snapshot in steps of about `stepMs`, each its own
 * transaction; `step()` is true once both are written (`written`). The caller then adopts `generation` with the model.
 */
export class Replacement {
  private at = 0
  /** Every stored example up to this complaint id is compared and written. */
  private doneUpTo = 0
  private nextPart = 0
  generation: number | null = null

  constructor(
    private readonly db: Db,
    readonly kabupaten: string,
    private readonly examples: NewExamples,
    private readonly bytes: SnapshotBytes,
  ) {}

  step(stepMs: number): boolean {
    const started = performance.now()
    const { db, kabupaten } = this
    db.transaction(() => {
      // Whose the replacement is, and when it last moved.
      const mark: Mark = { host: hostname(), pid: process.pid, at: new Date().toISOString() }
      db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(MARK + kabupaten, JSON.stringify(mark))
      if (this.doneUpTo !== Infinity) {
        do this.examplesBatch()
        while (this.doneUpTo !== Infinity && performance.now() - started < stepMs)
        return
      }
      this.generation ??= nextGeneration(db, kabupaten)
      this.nextPart = writeParts(db, kabupaten, this.generation, this.bytes, this.nextPart, started, stepMs)
    }).immediate()
    return this.written
  }

  /** Whether the examples and every part of the snapshot are written. */
  get written(): boolean {
    return this.doneUpTo === Infinity && this.nextPart >= partsOf(this.bytes)
  }

  /** After the model was adopted: drops the old snapshot's parts in a step of about `stepMs`; true once done. */
  dropOld(stepMs: number): boolean {
    const started = performance.now()
    return this.db.transaction(() => dropOtherParts(this.db, this.kabupaten, this.generation!, started, stepMs)).immediate()
  }

  /** The next BATCH new examples against the stored ones in the same id range (the last batch: all above). */
  private examplesBatch(): void {
    const { db, kabupaten, examples } = this
    const end = Math.min(examples.length, this.at + BATCH)
    const upTo = end === examples.length ? Infinity : examples.idAt(end - 1)
    const stored = db
      .prepare('SELECT complaint_id, label, weight, is_correction FROM routing_example WHERE kabupaten_kode = ? AND complaint_id > ? AND complaint_id <= ? ORDER BY complaint_id')
      .all(kabupaten, this.doneUpTo, upTo === Infinity ? Number.MAX_SAFE_INTEGER : upTo) as Stored[]
    const st = statements(db)
    let s = 0
    for (let i = this.at; i < end; i++) {
      const e = examples.at(i)
      // Stored examples the training did not find (the complaint no longer teaches, or came after it) go.
      while (s < stored.length && stored[s].complaint_id < e.id) st.remove.run(stored[s++].complaint_id)
      const old = s < stored.length && stored[s].complaint_id === e.id ? stored[s++] : null
      const same = old !== null && old.label === e.label && old.weight === e.weight && old.is_correction === (e.isCorrection ? 1 : 0)
      if (!same) st.upsert.run(e.id, kabupaten, e.label, e.weight, e.isCorrection ? 1 : 0)
    }
    while (s < stored.length) st.remove.run(stored[s++].complaint_id)
    this.at = end
    this.doneUpTo = upTo
  }
}

const statements = perConnection((db: Db) => {
  return {
    upsert: db.prepare('INSERT OR REPLACE INTO routing_example (complaint_id, kabupaten_kode, label, weight, is_correction) VALUES (?, ?, ?, ?, ?)'),
    remove: db.prepare('DELETE FROM routing_example WHERE complaint_id = ?'),
  }
})

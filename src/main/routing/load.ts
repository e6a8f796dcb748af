// Reading a kabupaten's model from its snapshot in steps, for the upkeep of an app that has just started. Read at its
// first use, the 49 MB snapshot of the 1,000,000-complaint store held the app's thread 153–340 ms (parts read and
// joined 55–141 ms, the model rebuilt from them 63–78 ms), and the changes since the snapshot (up to COMPACT_AFTER,
// 5,000) were replayed in the same call. The upkeep now reads a few parts per step, rebuilds the model in one step,
// replays the changes a few hundred at a time, and hands the model to store.ts. Meanwhile a request that needs the
// model waits for it (modelReady), and learning from a user's action leaves the complaint to the catch-up after the
// load (learn.ts), instead of reading it at once.
import type { Db } from '../store/open.ts'
import { NaiveBayes } from './model.ts'
import { PART_BYTES } from './snapshot.ts'
import { keepLoaded, modelRow, needsLoading, replay, type ModelRow } from './store.ts'
import { routingContext } from './context.ts'

/** Stores whose routing upkeep runs (upkeep.ts), each with a call that makes it take its next step now. */
const upkeeps = new WeakMap<Db, () => void>()

/** For the upkeep: it reads this store's models in steps (`wake`: its next step now), or no longer (null). */
export function readsModelsInSteps(db: Db, wake: (() => void) | null): void {
  if (wake) upkeeps.set(db, wake)
  else upkeeps.delete(db)
}

/** Whether the kabupaten's model is still to be read by a running upkeep (nothing here should read it at once). */
export function isLoadingInSteps(db: Db, kabupaten: string): boolean {
  return upkeeps.has(db) && needsLoading(db, kabupaten)
}

/**
 * Before a request uses a kabupaten's model: waits while a running upkeep reads it in steps (waking it, so the first
 * request after the start does not wait for its first look, 2 s in). At most `waitMs`; after that, or with no
 * upkeep (the CLI, tests), the use reads the model at once as before. No kabupaten (an unknown complaint): no wait.
 */
export async function modelReady(db: Db, kabupaten: string | undefined, waitMs = 10_000): Promise<void> {
  if (kabupaten === undefined) return
  const until = Date.now() + waitMs
  while (db.open && Date.now() < until && isLoadingInSteps(db, kabupaten)) {
    upkeeps.get(db)?.()
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Changes replayed per batch within a step. */
const REPLAY_BATCH = 200

export class ModelLoad {
  private readonly parts: Buffer[] = []
  private allRead = false
  private model: NaiveBayes | null = null
  private replayed = 0

  private constructor(
    private readonly db: Db,
    readonly kabupaten: string,
    private readonly row: ModelRow,
  ) {}

  /** A load of the kabupaten's model as the store has it now; null when it has none. */
  static start(db: Db, kabupaten: string): ModelLoad | null {
    const row = modelRow(db, kabupaten)
    return row ? new ModelLoad(db, kabupaten, row) : null
  }

  /** One step of about `stepMs`; true once finished (the model kept, or the store moved on: the next use reads it). */
  step(stepMs: number): boolean {
    const started = performance.now()
    const { db, kabupaten, row } = this
    const now = modelRow(db, kabupaten)
    // Retrained, or compacted, since the load began: these parts are not the model's any more.
    if (!now || now.built_at !== row.built_at || now.snapshot_generation !== row.snapshot_generation) return true
    if (this.model === null && !this.allRead) {
      const read = db.prepare('SELECT bytes FROM routing_snapshot WHERE kabupaten_kode = ? AND generation = ? AND part = ?').pluck()
      do {
        const part = read.get(kabupaten, row.snapshot_generation, this.parts.length) as Buffer | undefined
        if (part !== undefined) this.parts.push(part)
        // The last part is the first one shorter than a whole part (or none is left).
        this.allRead = part === undefined || part.length < PART_BYTES
      } while (!this.allRead && performance.now() - started < stepMs)
      return false
    }
    if (this.model === null) {
      // Joining and rebuilding the model: a step of its own, about 70–90 ms on the 49 MB snapshot.
      this.model = NaiveBayes.deserialize(this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts))
      this.parts.length = 0
      this.replayed = row.snapshot_revision
      return false
    }
    const ctx = routingContext(db, kabupaten)
    while (this.replayed < now.revision) {
      const upTo = Math.min(now.revision, this.replayed + REPLAY_BATCH)
      replay(db, ctx, this.model, this.replayed, upTo)
      this.replayed = upTo
      if (performance.now() - started >= stepMs) return false
    }
    keepLoaded(db, kabupaten, this.model, row.built_at, this.replayed)
    return true
  }
}

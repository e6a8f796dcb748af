// Where a kabupaten's serialised model lives: in parts of at most PART_BYTES (routing_snapshot, migration 0039),
// under a generation that routing_model.snapshot_generation names. A new snapshot is written as a new generation,
// part by part, and becomes the model's in one small transaction that also drops the old generation; a process
// killed half-way leaves parts of a generation nothing names, dropped by the next snapshot written.
//
// Why parts: the snapshot of a 1,000,000-complaint kabupaten is 49 MB; written whole it held the app's thread (and
// the store's write lock) 257–421 ms, and routing upkeep wrote it every 5,000 changes (COMPACT_AFTER): 547 ms of a
// 753 ms stall during an export beside 50 users (docs/reliability.md "The issue's own setup, re-measured"). The
// app's upkeep writes a few parts per step instead (SnapshotWriter); the CLI, tests and a full training write all at
// once.
import type { Db } from '../store/open.ts'
import { tryWrite, LOCK_TAKEN } from '../store/write-or-skip.ts'
import type { NaiveBayes } from './model.ts'

/** 1 MiB: a part is written in a few milliseconds. */
export const PART_BYTES = 1 << 20

/**
 * A model's snapshot as the pieces it is made of (NaiveBayes.snapshotPieces: views of its arrays), copied out a part
 * at a time as it is written. Serialised whole first, the 49 MB model of a 1,000,000-complaint kabupaten held the
 * app's thread 27–269 ms in one call (a 49 MB allocation and copy; docs/reliability.md "A compaction from the
 * model's own arrays"). The model must not change until the last part is written (store.ts compactionWriter holds it).
 */
export class SnapshotBytes {
  readonly length: number
  private readonly starts: number[] = []

  constructor(private readonly pieces: readonly Buffer[]) {
    let at = 0
    for (const p of pieces) {
      this.starts.push(at)
      at += p.length
    }
    this.length = at
  }

  static of(model: NaiveBayes): SnapshotBytes {
    return new SnapshotBytes(model.snapshotPieces())
  }

  /** Part `i`'s bytes: a view when it lies inside one piece, else a copy of at most PART_BYTES. */
  part(i: number): Buffer {
    const from = i * PART_BYTES
    const to = Math.min(from + PART_BYTES, this.length)
    const slices: Buffer[] = []
    for (let k = 0; k < this.pieces.length; k++) {
      const start = this.starts[k]
      const end = start + this.pieces[k].length
      if (end <= from || start >= to) continue
      slices.push(this.pieces[k].subarray(Math.max(from, start) - start, Math.min(to, end) - start))
    }
    return slices.length === 1 ? slices[0] : Buffer.concat(slices)
  }
}

/** The snapshot of a generation, whole (empty when it has no parts). */
export function readSnapshot(db: Db, kabupaten: string, generation: number): Buffer {
  const parts = db.prepare('SELECT bytes FROM routing_snapshot WHERE kabupaten_kode = ? AND generation = ? ORDER BY part').pluck().all(kabupaten, generation) as Buffer[]
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

/** The first bytes of a snapshot's first part, as text (its format is named there). */
export function snapshotHead(db: Db, kabupaten: string, generation: number): string | null {
  return (
    (db.prepare('SELECT CAST(substr(bytes, 5, 16) AS TEXT) FROM routing_snapshot WHERE kabupaten_kode = ? AND generation = ? AND part = 0').pluck().get(kabupaten, generation) as
      | string
      | undefined) ?? null
  )
}

/** A generation number no part of the kabupaten has yet (an abandoned write's parts included). */
export function nextGeneration(db: Db, kabupaten: string): number {
  return ((db.prepare('SELECT max(generation) FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().get(kabupaten) as number | null) ?? 0) + 1
}

function writePart(db: Db, kabupaten: string, generation: number, bytes: SnapshotBytes, part: number): void {
  // Bound as a copy (SQLite's SQLITE_TRANSIENT): a view of the model's arrays is safe to pass.
  db.prepare('INSERT OR REPLACE INTO routing_snapshot (kabupaten_kode, generation, part, bytes) VALUES (?, ?, ?, ?)').run(kabupaten, generation, part, bytes.part(part))
}

/** Drops parts of generations other than `generation`, at least one, until `stepMs` have passed since `started`, in
 *  the caller's transaction; true when none is left. (An old generation of 49 MB dropped at once: about 100 ms.) */
export function dropOtherParts(db: Db, kabupaten: string, generation: number, started: number, stepMs: number): boolean {
  const next = db.prepare('SELECT generation, part FROM routing_snapshot WHERE kabupaten_kode = ? AND generation <> ? LIMIT 1')
  const drop = db.prepare('DELETE FROM routing_snapshot WHERE kabupaten_kode = ? AND generation = ? AND part = ?')
  do {
    const p = next.get(kabupaten, generation) as { generation: number; part: number } | undefined
    if (!p) return true
    drop.run(kabupaten, p.generation, p.part)
  } while (performance.now() - started < stepMs)
  return false
}

export const partsOf = (bytes: SnapshotBytes) => Math.max(1, Math.ceil(bytes.length / PART_BYTES))

/**
 * Parts written in one transaction at most. Timing the inserts is not enough: a part is inserted in about 0.5 ms, but
 * the commit then writes all of them to the WAL, and a checkpoint may follow. All 47 parts of a 49 MB snapshot in one
 * step: 25 ms of inserts, then a 160 ms commit; 4 parts a step: at most 20 ms, commit included (1,000,000-complaint
 * store, docs/reliability.md "A compaction from the model's own arrays").
 */
export const PARTS_PER_STEP = 4

/** Writes parts from `from` on, at least one, until `stepMs` have passed since `started`, PARTS_PER_STEP are written
 *  or all are, in the caller's transaction; returns the next part to write (partsOf(bytes): all written). */
export function writeParts(db: Db, kabupaten: string, generation: number, bytes: SnapshotBytes, from: number, started: number, stepMs: number): number {
  const last = Math.min(partsOf(bytes), from + PARTS_PER_STEP)
  let next = from
  do {
    writePart(db, kabupaten, generation, bytes, next)
    next++
  } while (next < last && performance.now() - started < stepMs)
  return next
}

/** Writes a snapshot whole as a new generation, in the caller's transaction, and returns the generation, for the
 *  caller to adopt in the same transaction. */
export function writeSnapshotNow(db: Db, kabupaten: string, bytes: SnapshotBytes): number {
  const generation = nextGeneration(db, kabupaten)
  for (let part = 0; part < partsOf(bytes); part++) writePart(db, kabupaten, generation, bytes, part)
  return generation
}

/** Makes `generation` the kabupaten's snapshot (at `revision`: the changes up to it are in it and are dropped) and
 *  drops every other generation (unless `dropOthers` is false: the caller drops them in steps, dropOtherParts), in
 *  the caller's transaction. */
export function adoptSnapshot(db: Db, kabupaten: string, generation: number, revision: number, dropOthers = true): void {
  db.prepare('UPDATE routing_model SET snapshot_generation = ?, snapshot_revision = ? WHERE kabupaten_kode = ?').run(generation, revision, kabupaten)
  if (dropOthers) db.prepare('DELETE FROM routing_snapshot WHERE kabupaten_kode = ? AND generation <> ?').run(kabupaten, generation)
  db.prepare('DELETE FROM routing_change WHERE kabupaten_kode = ? AND id <= ?').run(kabupaten, revision)
}

/**
 * A snapshot written by routing upkeep in steps on the app's thread: the model as of `revision`, held unchanged in
 * memory while its parts are copied out in steps of about `stepMs` (`release` lets it learn again), each step its own
 * short transaction taken only when the write lock is free, then adopted, unless the model was retrained meanwhile;
 * then the parts no model names (the old generation, or these parts if not adopted) dropped in steps too: dropped
 * with the adoption, the old 49 MB held the app's thread 118 ms of a 418 ms busy run (docs/reliability.md "A
 * retraining in slices").
 */
export class SnapshotWriter {
  private next = 0
  private generation: number | null = null
  /** Set once decided: whether the snapshot was adopted. */
  adopted: boolean | null = null
  /** Once decided, the generation the model names (-1: none), whose parts stay while the others are dropped. */
  private keep: number | null = null
  /** Set when the model was let go before the last part was written: the parts may mix two states of it. */
  private spoilt = false

  constructor(
    private readonly db: Db,
    readonly kabupaten: string,
    private readonly bytes: SnapshotBytes,
    readonly revision: number,
    private readonly builtAt: number,
    private release: () => void = () => {},
  ) {}

  /** Lets the model learn again (once all parts are written, or when the writer is given up); idempotent. */
  giveBack(): void {
    if (this.keep === null) this.spoilt = true
    this.release()
    this.release = () => {}
  }

  /** One step of about `stepMs` (at least one part); true once finished (adopted or given up, and the parts no model
   *  names dropped). */
  step(stepMs: number): boolean {
    const t = performance.now()
    if (this.keep !== null) {
      const keep = this.keep
      const dropped = tryWrite(this.db, () => this.db.transaction(() => dropOtherParts(this.db, this.kabupaten, keep, t, stepMs)).immediate())
      return dropped === true
    }
    const parts = partsOf(this.bytes)
    const r = tryWrite(this.db, () =>
      this.db
        .transaction(() => {
          const generation = this.generation ?? nextGeneration(this.db, this.kabupaten)
          const next = writeParts(this.db, this.kabupaten, generation, this.bytes, this.next, t, stepMs)
          if (next < parts) return { generation, next, adopted: null, keep: null }
          const row = this.db.prepare('SELECT built_at, revision, snapshot_revision FROM routing_model WHERE kabupaten_kode = ?').get(this.kabupaten) as
            | { built_at: number; revision: number; snapshot_revision: number }
            | undefined
          // Not when the model was retrained meanwhile, nor when another process (a CLI catch-up) wrote a newer
          // snapshot: adopting this older one would drop the changes between the two, which that one holds.
          const adopted =
            !this.spoilt && row !== undefined && row.built_at === this.builtAt && row.revision >= this.revision && row.snapshot_revision <= this.revision
          if (adopted) adoptSnapshot(this.db, this.kabupaten, generation, this.revision, false)
          const named = this.db.prepare('SELECT snapshot_generation FROM routing_model WHERE kabupaten_kode = ?').pluck().get(this.kabupaten) as number | undefined
          return { generation, next, adopted, keep: named ?? -1 }
        })
        .immediate(),
    )
    // The lock was taken (another connection writes): nothing was written; this step's parts come next time.
    if (r === LOCK_TAKEN) return false
    // Only what committed moves the writer on.
    this.generation = r.generation
    this.next = r.next
    this.adopted = r.adopted
    this.keep = r.keep
    if (r.keep !== null) this.giveBack()
    return false
  }
}

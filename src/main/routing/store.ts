// The model of each kabupaten in the store and in memory. The store holds a snapshot (routing_snapshot) plus the
// changes since (routing_change), and in routing_model its revision, counts and how far the store has been read;
// memory holds the current model per open store, brought up to date on every use by replaying whatever changes
// another process (or this one) wrote since. A snapshot is rewritten, and the replayed changes dropped, once enough
// have piled up, so start-up reads one blob and a few rows.
import { randomInt } from 'node:crypto'
import type { Db } from '../store/open.ts'
import { NaiveBayes, SNAPSHOT_VERSION } from './model.ts'
import { SnapshotBytes, SnapshotWriter, adoptSnapshot, readSnapshot, snapshotHead, writeSnapshotNow } from './snapshot.ts'
import { FeatureBuffer } from './features.ts'
import { featurize, DEFAULT_ALPHA } from './train.ts'
import { readingOf } from './examples.ts'
import type { RoutingContext } from './context.ts'

export type ModelRow = {
  snapshot_revision: number
  /** The generation of routing_snapshot that holds the snapshot (routing/snapshot.ts). */
  snapshot_generation: number
  revision: number
  built_at: number
  complaints: number
  corrections: number
  seen_id: number
  seen_updated_at: number
  seen_updated_id: number
  updated_at: number
}

/** `held`: the model is being copied out part by part (compactionWriter); changes are recorded in the store only
 *  and replayed into it once the copy is done. */
type Cached = { model: NaiveBayes; revision: number; builtAt: number; held?: boolean }

const models = new WeakMap<Db, Map<string, Cached>>()

/** This store's models in memory, by kabupaten. */
function cacheOf(db: Db): Map<string, Cached> {
  let perDb = models.get(db)
  if (!perDb) models.set(db, (perDb = new Map()))
  return perDb
}

/** Changes kept before the snapshot is rewritten. */
const COMPACT_AFTER = 5_000

/**
 * The kabupaten's model row; undefined when never trained, or when its snapshot has an older format than this
 * code writes (SNAPSHOT_VERSION): such a model counts as never trained, and the next catch-up retrains it.
 */
export function modelRow(db: Db, kabupaten: string): ModelRow | undefined {
  const row = db
    .prepare(
      `SELECT snapshot_revision, snapshot_generation, revision, built_at, complaints, corrections, seen_id, seen_updated_at, seen_updated_id, updated_at
       FROM routing_model WHERE kabupaten_kode = ?`,
    )
    .get(kabupaten) as ModelRow | undefined
  if (!row) return undefined
  // The snapshot's format is read from its head once per snapshot (a snapshot is rewritten with a new built_at or
  // snapshot_revision): substr() of the blob loads the whole 16 MB value, 20–26 ms, which every suggestion paid.
  let seen = heads.get(db)
  if (!seen) heads.set(db, (seen = new Map()))
  const key = `${kabupaten}/${row.built_at}/${row.snapshot_generation}`
  let version = seen.get(key)
  if (version === undefined) {
    version = snapshotVersion(snapshotHead(db, kabupaten, row.snapshot_generation))
    for (const k of seen.keys()) if (k.startsWith(`${kabupaten}/`)) seen.delete(k)
    seen.set(key, version)
  }
  return version === SNAPSHOT_VERSION ? row : undefined
}

/** The snapshot format seen per kabupaten, built_at and snapshot revision, per open store. */
const heads = new WeakMap<Db, Map<string, number | null>>()

function snapshotVersion(head: string | null): number | null {
  const m = /^\{"v":(\d+)/.exec(head ?? '')
  return m ? Number(m[1]) : null
}

/** Forget the in-memory model (after a failed write: memory may hold changes the store rolled back). */
export function dropCachedModel(db: Db, kabupaten: string): void {
  models.get(db)?.delete(kabupaten)
}

/** Whether memory's model can be brought up to the store's by replaying changes: not when it was rebuilt elsewhere,
 *  is ahead of the store (a rolled-back write), or behind a snapshot whose changes are gone (compacted elsewhere past
 *  what memory holds). A snapshot written meanwhile that memory is already past changes nothing in the model. */
function isCurrent(c: Cached | undefined, row: ModelRow): c is Cached {
  return c !== undefined && c.builtAt === row.built_at && c.revision >= row.snapshot_revision && c.revision <= row.revision
}

/** Whether the kabupaten's model would be read from its snapshot at its next use (routing/load.ts does it in steps). */
export function needsLoading(db: Db, kabupaten: string): boolean {
  const row = modelRow(db, kabupaten)
  return row !== undefined && !isCurrent(models.get(db)?.get(kabupaten), row)
}

/** A model read from the snapshot of `row` and brought up to `revision` elsewhere (routing/load.ts), kept as this
 *  store's model unless the store moved to another build or snapshot meanwhile (then the next use reads it again). */
export function keepLoaded(db: Db, kabupaten: string, model: NaiveBayes, builtAt: number, revision: number): void {
  cacheOf(db).set(kabupaten, { model, revision, builtAt })
}

/** The kabupaten's model as the store has it now, or null when it was never trained. `row`: its routing_model row,
 *  when the caller has just read it (a suggestion shows what the model rests on, from the same row). */
export function currentModel(db: Db, ctx: RoutingContext, row: ModelRow | undefined = modelRow(db, ctx.kabupaten)): NaiveBayes | null {
  const kab = ctx.kabupaten
  const perDb = cacheOf(db)
  if (!row) {
    perDb.delete(kab)
    return null
  }
  let c = perDb.get(kab)
  if (!isCurrent(c, row)) {
    const blob = readSnapshot(db, kab, row.snapshot_generation)
    c = { model: NaiveBayes.deserialize(blob), revision: row.snapshot_revision, builtAt: row.built_at }
    perDb.set(kab, c)
  }
  if (c.revision < row.revision && !c.held) {
    replay(db, ctx, c.model, c.revision, row.revision)
    c.revision = row.revision
  }
  return c.model
}

type ChangeRow = {
  id: number
  old_label: string | null
  old_weight: number | null
  new_label: string | null
  new_weight: number | null
  judul: string | null
  isi: string | null
  category_id: number | null
  reporter_nama: string | null
}

/** Applies the changes after `after` up to `upTo` (routing_change ids) to `model`. */
export function replay(db: Db, ctx: RoutingContext, model: NaiveBayes, after: number, upTo: number): void {
  const rows = db
    .prepare(
      `SELECT ch.id, ch.old_label, ch.old_weight, ch.new_label, ch.new_weight, c.judul, c.isi, c.category_id,
         (SELECT r.nama FROM reporter r WHERE r.complaint_id = c.id) AS reporter_nama
       FROM routing_change ch LEFT JOIN complaint c ON c.id = ch.complaint_id
       WHERE ch.kabupaten_kode = ? AND ch.id > ? AND ch.id <= ? ORDER BY ch.id`,
    )
    .all(ctx.kabupaten, after, upTo) as ChangeRow[]
  const buf = new FeatureBuffer()
  for (const r of rows) {
    if (r.judul === null || r.isi === null) continue // the complaint is gone; a rebuild will settle it
    applyChange(model, ctx, buf, { judul: r.judul, isi: r.isi, category_id: r.category_id, reporter_nama: r.reporter_nama }, r)
  }
}

export type Change = { old_label: string | null; old_weight: number | null; new_label: string | null; new_weight: number | null }

function applyChange(model: NaiveBayes, ctx: RoutingContext, buf: FeatureBuffer, c: { judul: string; isi: string; category_id: number | null; reporter_nama: string | null }, ch: Change): void {
  featurize(readingOf(c, ctx), buf, { places: ctx.places })
  if (ch.old_label !== null && ch.old_weight) model.update(buf, ch.old_label, -ch.old_weight)
  if (ch.new_label !== null && ch.new_weight) model.update(buf, ch.new_label, ch.new_weight)
}

/** A new, empty model row, so that incremental learning can start in a kabupaten that was never trained. */
export function ensureModel(db: Db, ctx: RoutingContext, now: number): NaiveBayes {
  const existing = currentModel(db, ctx)
  if (existing) return existing
  const model = new NaiveBayes(DEFAULT_ALPHA)
  saveFresh(db, ctx.kabupaten, model, { complaints: 0, corrections: 0, seenId: 0, seenUpdatedAt: 0, seenUpdatedId: 0 }, now)
  return model
}

export type FreshStats = { complaints: number; corrections: number; seenId: number; seenUpdatedAt: number; seenUpdatedId: number }

/** Stores a freshly trained model as the kabupaten's model, replacing the old one and its changes; its snapshot
 *  written now, or already written as `written` (routing/replace.ts, in steps). */
export function saveFresh(db: Db, kabupaten: string, model: NaiveBayes, s: FreshStats, now: number, written?: number): void {
  const revision = lastChangeId(db)
  // A value no other build can have: tells every process sharing the file that this is a new model.
  const builtAt = now * 1000 + randomInt(1000)
  db.prepare('DELETE FROM routing_change WHERE kabupaten_kode = ?').run(kabupaten)
  const generation = written ?? writeSnapshotNow(db, kabupaten, SnapshotBytes.of(model))
  db.prepare(
    `INSERT OR REPLACE INTO routing_model (kabupaten_kode, snapshot_revision, snapshot_generation, revision, built_at, complaints, corrections,
       seen_id, seen_updated_at, seen_updated_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(kabupaten, revision, generation, revision, builtAt, s.complaints, s.corrections, s.seenId, s.seenUpdatedAt, s.seenUpdatedId, now)
  // Written in steps: the old generation is dropped in steps too (replace.ts).
  adoptSnapshot(db, kabupaten, generation, revision, written === undefined)
  cacheOf(db).set(kabupaten, { model, revision, builtAt })
}

function lastChangeId(db: Db): number {
  return (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'routing_change'").pluck().get() as number | undefined) ?? 0
}

/**
 * Records changes of what complaints teach, in the caller's transaction, and applies them to the in-memory model.
 * `model` must be current (currentModel / ensureModel just before).
 */
export function recordChanges(
  db: Db,
  ctx: RoutingContext,
  model: NaiveBayes,
  changes: (Change & { complaint: { id: number; judul: string; isi: string; category_id: number | null; reporter_nama: string | null } })[],
  counts: { complaints: number; corrections: number },
  now: number,
): void {
  if (changes.length === 0) return
  const insert = db.prepare(
    `INSERT INTO routing_change (kabupaten_kode, complaint_id, old_label, old_weight, new_label, new_weight) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const buf = new FeatureBuffer()
  const cached = models.get(db)?.get(ctx.kabupaten)
  // A held model learns these when it is released (currentModel replays them).
  const apply = !(cached?.model === model && cached.held)
  let last = 0
  for (const ch of changes) {
    last = Number(insert.run(ctx.kabupaten, ch.complaint.id, ch.old_label, ch.old_weight, ch.new_label, ch.new_weight).lastInsertRowid)
    if (apply) applyChange(model, ctx, buf, ch.complaint, ch)
  }
  db.prepare(
    `UPDATE routing_model SET revision = ?, complaints = complaints + ?, corrections = corrections + ?, updated_at = ? WHERE kabupaten_kode = ?`,
  ).run(last, counts.complaints, counts.corrections, now, ctx.kabupaten)
  if (apply && cached?.model === model) cached.revision = last
}

/** The cached model's state when a compaction is due: enough changes piled up since its snapshot. */
function dueForCompaction(db: Db, ctx: RoutingContext, model: NaiveBayes): { row: ModelRow; cached: Cached } | null {
  const row = modelRow(db, ctx.kabupaten)
  const cached = models.get(db)?.get(ctx.kabupaten)
  if (!row || !cached || cached.model !== model || cached.revision !== row.revision) return null
  const pending = db.prepare('SELECT count(*) FROM routing_change WHERE kabupaten_kode = ? AND id > ?').pluck().get(ctx.kabupaten, row.snapshot_revision) as number
  return pending < COMPACT_AFTER ? null : { row, cached }
}

/** Rewrites the snapshot once enough changes piled up, whole, in the caller's transaction (the CLI, tests). */
export function compactIfDue(db: Db, ctx: RoutingContext, model: NaiveBayes): boolean {
  const due = dueForCompaction(db, ctx, model)
  if (!due) return false
  adoptSnapshot(db, ctx.kabupaten, writeSnapshotNow(db, ctx.kabupaten, SnapshotBytes.of(model)), due.row.revision)
  return true
}

/** For routing upkeep on the app's thread: a writer of the snapshot in steps when a compaction is due, or null. The
 *  model is held as it is until the writer has copied its last part out (routing/snapshot.ts SnapshotBytes): a few
 *  seconds on 1,000,000 complaints, during which suggestions come from it as it was and what is learnt meanwhile
 *  waits in the store. */
export function compactionWriter(db: Db, ctx: RoutingContext): SnapshotWriter | null {
  const model = currentModel(db, ctx)
  const due = model && dueForCompaction(db, ctx, model)
  if (!due) return null
  const held = due.cached
  held.held = true
  return new SnapshotWriter(db, ctx.kabupaten, SnapshotBytes.of(model), due.row.revision, due.row.built_at, () => (held.held = false))
}

export function advanceWatermarks(db: Db, kabupaten: string, w: { seenId?: number; seenUpdatedAt?: number; seenUpdatedId?: number }): void {
  const row = modelRow(db, kabupaten)
  if (!row) return
  db.prepare('UPDATE routing_model SET seen_id = ?, seen_updated_at = ?, seen_updated_id = ? WHERE kabupaten_kode = ?').run(
    Math.max(row.seen_id, w.seenId ?? 0),
    w.seenUpdatedAt ?? row.seen_updated_at,
    w.seenUpdatedId ?? row.seen_updated_id,
    kabupaten,
  )
}

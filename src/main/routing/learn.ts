// Keeping the model in step with the store. Three ways in:
// - learnFrom(ids): right after complaints were written (a local action: a closure, a supervisor's correction);
//   adds or takes out their evidence and recomputes their suggestions.
// - catchUp(): reads whatever arrived or changed since the last look (new complaint ids, and updated_at moving
//   past a watermark), so complaints written by sync, imports or another process are learnt without any of them
//   knowing about routing.
// - rebuild(): trains from scratch on the whole history (first use, CLI, after the unit tree changed).
import { performance } from 'node:perf_hooks'
import type { Db } from '../store/open.ts'
import { OPEN_STATUSES } from '../../shared/domain.ts'
import { routingContext, type RoutingContext } from './context.ts'
import { ROUTING_COLUMNS, exampleOf, readingOf, sameExample, type RoutingRow } from './examples.ts'
import { Trainer } from './train.ts'
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

const PAGE = 5_000
const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ')

function rowsByIds(db: Db, ids: readonly number[]): RoutingRow[] {
  const out: RoutingRow[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
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

/** Trains the kabupaten's model from its whole history and recomputes every open complaint's suggestion. */
export function rebuild(db: Db, kabupaten: string, now = Date.now(), onProgress?: (done: number) => void): RebuildResult {
  const t0 = performance.now()
  const c0 = cpuMs()
  const ctx = routingContext(db, kabupaten)
  const trainer = new Trainer({ places: ctx.places })
  const examples: { id: number; label: string; weight: number; isCorrection: boolean }[] = []
  let seenId = 0
  let seenUpdatedAt = 0
  let seenUpdatedId = 0
  // One read transaction: a consistent snapshot, so the watermarks below match exactly what was read.
  db.transaction(() => {
    const page = db.prepare(`SELECT ${ROUTING_COLUMNS}, c.updated_at FROM complaint c WHERE c.kabupaten_kode = ? AND c.id > ? ORDER BY c.id LIMIT ${PAGE}`)
    for (let after = 0; ; ) {
      const rows = page.all(kabupaten, after) as (RoutingRow & { updated_at: number })[]
      if (rows.length === 0) break
      for (const c of rows) {
        if (c.updated_at > seenUpdatedAt || (c.updated_at === seenUpdatedAt && c.id > seenUpdatedId)) [seenUpdatedAt, seenUpdatedId] = [c.updated_at, c.id]
        const ex = exampleOf(c, ctx)
        if (!ex) continue
        trainer.add(readingOf(c, ctx), ex.label, ex.weight)
        examples.push({ id: c.id, ...ex })
      }
      after = seenId = rows[rows.length - 1].id
      onProgress?.(seenId)
    }
  })()
  const model = trainer.finish()
  const corrections = examples.filter((e) => e.isCorrection).length
  guarded(db, kabupaten, () => {
    db.prepare('DELETE FROM routing_example WHERE kabupaten_kode = ?').run(kabupaten)
    const insert = db.prepare('INSERT INTO routing_example (complaint_id, kabupaten_kode, label, weight, is_correction) VALUES (?, ?, ?, ?, ?)')
    for (const e of examples) insert.run(e.id, kabupaten, e.label, e.weight, e.isCorrection ? 1 : 0)
    saveFresh(db, kabupaten, model, { complaints: examples.length, corrections, seenId, seenUpdatedAt, seenUpdatedId }, now)
  })
  const trainMs = performance.now() - t0
  const trainCpu = cpuMs() - c0
  const t1 = performance.now()
  db.prepare('DELETE FROM routing_suggestion WHERE kabupaten_kode = ?').run(kabupaten)
  while (refreshStale(db, kabupaten, 2_000, now) > 0);
  return {
    kabupaten,
    complaints: examples.length,
    corrections,
    labels: model.labels.length,
    features: model.featureCount,
    temperature: Math.round(model.temperature * 100) / 100,
    train_ms: Math.round(trainMs),
    train_cpu_ms: Math.round(trainCpu),
    suggestions_ms: Math.round(performance.now() - t1),
  }
}

/**
 * After complaints were written: updates what each teaches the model (an exact add/remove of its evidence) and
 * recomputes their suggestions. Idempotent: a complaint whose lesson did not change changes nothing.
 */
export function learnFrom(db: Db, ids: readonly number[], now = Date.now()): void {
  const byKab = new Map<string, RoutingRow[]>()
  for (const r of rowsByIds(db, ids)) byKab.set(r.kabupaten_kode, [...(byKab.get(r.kabupaten_kode) ?? []), r])
  for (const [kab, rows] of byKab) learnRows(db, routingContext(db, kab), rows, now)
}

function learnRows(db: Db, ctx: RoutingContext, rows: RoutingRow[], now: number): void {
  guarded(db, ctx.kabupaten, () => {
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
    compactIfDue(db, ctx, model)
  })
}

export type CatchUpResult = { processed: number; isDone: boolean; rebuilt: boolean }

/**
 * Learns from what arrived or changed in the store since the last look, at most `limit` complaints per call
 * (call again while !isDone). A kabupaten never trained is trained from scratch.
 */
export function catchUp(db: Db, kabupaten: string, limit = 2_000, now = Date.now()): CatchUpResult {
  const row = modelRow(db, kabupaten)
  if (!row) {
    const hasAny = db.prepare('SELECT 1 FROM complaint WHERE kabupaten_kode = ? LIMIT 1').get(kabupaten)
    if (!hasAny) return { processed: 0, isDone: true, rebuilt: false }
    const r = rebuild(db, kabupaten, now)
    return { processed: r.complaints, isDone: true, rebuilt: true }
  }
  const fresh = db
    .prepare(`SELECT ${ROUTING_COLUMNS} FROM complaint c WHERE c.kabupaten_kode = ? AND c.id > ? ORDER BY c.id LIMIT ?`)
    .all(kabupaten, row.seen_id, limit) as RoutingRow[]
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
    learnRows(db, ctx, [...rows.values()], now)
  }
  const last = changed[changed.length - 1]
  advanceWatermarks(db, kabupaten, {
    seenId: fresh.length ? fresh[fresh.length - 1].id : undefined,
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

// The stored suggestion of each open complaint (routing_suggestion): what the queues show beside a row and what
// the "possibly misrouted" queue is read from, so that queue is an indexed query however large the store is.
// Closed complaints keep none.
import type { Db } from '../store/open.ts'
import { OPEN_STATUSES, type Status } from '#shared/domain.ts'
import type { NaiveBayes } from './model.ts'
import type { RoutingContext } from './context.ts'
import type { RoutingRow } from './examples.ts'
import { misrouteConfidence, suggestForComplaint } from './suggest.ts'

const OPEN: ReadonlySet<Status> = new Set(OPEN_STATUSES)

/** Recomputes (open) or removes (closed) the stored suggestions of these complaints, in the caller's transaction. */
export function storeSuggestions(db: Db, ctx: RoutingContext, model: NaiveBayes | null, rows: readonly RoutingRow[], now: number): void {
  if (rows.length === 0) return
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO routing_suggestion (complaint_id, kabupaten_kode, unit_id, confidence, held_unit_id, misroute_confidence,
       top_json, model_examples, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const remove = db.prepare('DELETE FROM routing_suggestion WHERE complaint_id = ?')
  const own = ownExamples(db, rows.map((r) => r.id))
  for (const c of rows) {
    if (!OPEN.has(c.status)) {
      remove.run(c.id)
      continue
    }
    // A row even when there is nothing to suggest: it records that the complaint was looked at with this model.
    const top = suggestForComplaint(ctx, model, c, own.get(c.id), false).suggestions
    const best = top[0]
    upsert.run(
      c.id,
      ctx.kabupaten,
      best?.unitId ?? null,
      best?.confidence ?? 0,
      c.unit_id,
      misrouteConfidence(ctx, c, best),
      JSON.stringify(top.map((s) => ({ label: s.label, unit_id: s.unitId, confidence: s.confidence }))),
      model?.examples ?? 0,
      now,
    )
  }
}

/** What these complaints currently teach the model (for leave-one-out suggestions). */
export function ownExamples(db: Db, ids: readonly number[]): Map<number, { label: string; weight: number }> {
  const out = new Map<number, { label: string; weight: number }>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const rows = db
      .prepare(`SELECT complaint_id, label, weight FROM routing_example WHERE complaint_id IN (${chunk.map(() => '?').join(', ')})`)
      .all(...chunk) as { complaint_id: number; label: string; weight: number }[]
    for (const r of rows) out.set(r.complaint_id, { label: r.label, weight: r.weight })
  }
  return out
}

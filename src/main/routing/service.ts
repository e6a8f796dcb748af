// What the API and the CLI ask of routing: suggestions for a stored complaint or a bare text, with what they
// rest on; the threshold and the current unit's verdict for a complaint.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import { OPEN_STATUSES_SQL } from '#shared/status.ts'
import { routingContext } from './context.ts'
import { currentModel, modelRow } from './store.ts'
import { ROUTING_COLUMNS, type RoutingRow } from './examples.ts'
import { basisOf, misrouteConfidence, suggestForComplaint, suggestForText, type RoutingBasis, type UnitSuggestion } from './suggest.ts'
import { ownExamples } from './stored.ts'
import { misrouteThreshold } from './settings.ts'
import { rebuildRequested } from './rebuild-request.ts'

export type ComplaintRouting = {
  suggestions: UnitSuggestion[]
  basis: RoutingBasis
  /** How confidently the best suggestion disagrees with the unit holding it (null: agrees, or cannot say). */
  misroute: number | null
  /** The confidence from which a disagreement lists the complaint as possibly misrouted. */
  threshold: number
}

/** `hideRahasiaWords` (a viewer asks): a rahasia complaint's suggestions come without the words they rest on. The
 *  flag is read with the text the words come from, in one read. */
export function complaintRouting(db: Db, id: number, opts: { hideRahasiaWords?: boolean } = {}): ComplaintRouting & { kabupaten: string } {
  // sql-vetted: ROUTING_COLUMNS is a constant column list
  const c = db.prepare(`SELECT ${ROUTING_COLUMNS}, c.is_rahasia FROM complaint c WHERE c.id = ?`).get(id) as (RoutingRow & { is_rahasia: number }) | undefined
  if (!c) throw new DomainError('NOT_FOUND', `Laporan ${id} tidak ditemukan`)
  const ctx = routingContext(db, c.kabupaten_kode)
  const row = modelRow(db, ctx.kabupaten)
  const model = currentModel(db, ctx, row)
  const own = ownExamples(db, [id]).get(id)
  const { suggestions, modelShare } = suggestForComplaint(ctx, model, c, own, true)
  const hidden = opts.hideRahasiaWords === true && c.is_rahasia === 1
  return {
    kabupaten: c.kabupaten_kode,
    suggestions: hidden ? suggestions.map((s) => ({ ...s, words: [] })) : suggestions,
    basis: basisOf(row, model, modelShare),
    misroute: misrouteConfidence(ctx, c, suggestions[0]),
    threshold: misrouteThreshold(db),
  }
}

export function textRouting(db: Db, kabupaten: string, text: string, categoryKode: string | null = null): { suggestions: UnitSuggestion[]; basis: RoutingBasis } {
  const ctx = routingContext(db, kabupaten)
  const row = modelRow(db, kabupaten)
  const model = currentModel(db, ctx, row)
  if (categoryKode !== null && !ctx.categoryNama.has(categoryKode)) throw new Error(`kategori ${categoryKode} tidak dikenal`)
  const r = suggestForText(ctx, model, text, categoryKode)
  return { suggestions: r.suggestions, basis: basisOf(row, model, r.modelShare) }
}

export function routingStatus(db: Db, kabupaten: string): RoutingBasis & { threshold: number; labels: number; pending: number; rebuildRequestedAt: string | null } {
  const ctx = routingContext(db, kabupaten)
  const row = modelRow(db, kabupaten)
  const model = currentModel(db, ctx, row)
  // sql-vetted: OPEN_STATUSES_SQL is the fixed list of status codes from #shared/status.ts
  const pending = db
    .prepare(
      `SELECT count(*) FROM complaint c LEFT JOIN routing_suggestion r ON r.complaint_id = c.id
       WHERE c.kabupaten_kode = ? AND c.status IN ${OPEN_STATUSES_SQL} AND r.complaint_id IS NULL`,
    )
    .pluck()
    .get(kabupaten) as number
  // A retraining asked for and not yet finished (the upkeep trains it in the background).
  return { ...basisOf(row, model), threshold: misrouteThreshold(db), labels: model?.labels.length ?? 0, pending, rebuildRequestedAt: rebuildRequested(db, kabupaten) }
}

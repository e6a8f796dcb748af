// The routing suggestion as the Antrean screen uses it: the query (shared by the detail pane, the dialog and the
// 's' key through TanStack's cache), how a suggestion is named and shown as a percentage, and the reason that is
// pre-filled when it is accepted (the audit log keeps it; the official may still edit it).
import { skipToken, useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { isOpenStatus } from '#shared/status.ts'

export type Routing = Outputs['routing']['suggest']
export type Suggestion = Routing['suggestions'][number]

export function useRouting(id: number | undefined) {
  const trpc = useTRPC()
  return useQuery(trpc.routing.suggest.queryOptions(id === undefined ? skipToken : { id }))
}

const PCT = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 0 })

/** A confidence as a whole percentage; never "100%" or "0%", which would claim a certainty no model has. */
export function pct(p: number): string {
  if (p >= 0.995) return `>${PCT.format(0.99)}`
  if (p < 0.005) return `<${PCT.format(0.01)}`
  return PCT.format(p)
}

export function suggestionName(s: Suggestion, t: TFunction): string {
  if (s.unit) return s.unit
  return s.label === '@desa' || s.label === '@kec' ? t(`routing.placeUnknown.${s.label}`) : s.label
}

/** The short name of the OPD behind a bidang ("Dinas Kesehatan"), when the suggestion is a bidang. */
export function opdOfSuggestion(s: Suggestion): string | null {
  return s.opdId !== null && s.opdId !== s.unitId ? s.opd : null
}

export function suggestionReason(s: Suggestion, t: TFunction, isMisroute = false): string {
  const unit = suggestionName(s, t)
  if (isMisroute) return t('routing.reasonMisroute', { unit, pct: pct(s.confidence) })
  const words = s.words.filter((w) => !w.startsWith('kategori:')).slice(0, 4)
  return t('routing.reason', { unit, pct: pct(s.confidence), words: words.length ? t('routing.reasonWords', { words: words.join(', ') }) : '' })
}

/** Why the suggestion cannot be accepted for this complaint, or null when it can. */
export function acceptBlock(s: Suggestion | undefined, current: { unit_id: number | null; status: string }): 'placeUnknown' | 'same' | 'closed' | null {
  if (!s || s.unitId === null) return 'placeUnknown'
  if (!isOpenStatus(current.status)) return 'closed'
  if (s.unitId === current.unit_id) return 'same'
  return null
}

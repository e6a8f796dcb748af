// What the last action did: how many complaints it changed and, for each one the server refused, why (already
// verified, held by someone else, not open any more…). Stays until dismissed when anything was refused.
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { actionLabel } from './ActionButtons.tsx'
import type { ActionKind, ActionTarget } from './actions.ts'
import type { ActionResult } from './ActionDialog.tsx'

export type Outcome = { action: ActionKind; targets: ActionTarget[]; result: ActionResult }

/** A clean success fades after this long; refusals stay. */
const SUCCESS_MS = 8_000

export function ActionOutcome({ outcome, onDismiss }: { outcome: Outcome; onDismiss(): void }) {
  const { t } = useTranslation()
  const { action, targets, result } = outcome
  const tracking = new Map(targets.map((x) => [x.id, x.tracking_id]))
  const hasRefusals = result.refused.length > 0
  useEffect(() => {
    if (hasRefusals) return
    const timer = window.setTimeout(onDismiss, SUCCESS_MS)
    return () => window.clearTimeout(timer)
  }, [outcome, hasRefusals, onDismiss])
  return (
    <div
      className={`outcome ${hasRefusals ? 'has-refusals' : 'is-done'}`}
      role="status"
      data-testid="action-outcome"
      data-done={result.done.length}
      data-refused={result.refused.length}
    >
      <div className="outcome-head">
        <strong>{actionLabel(action, targets, t)}</strong>
        <span>{t('antrean.outcome.done', { n: formatNumber(result.done.length) })}</span>
        {hasRefusals && <span className="outcome-refused-n">{t('antrean.outcome.refused', { n: formatNumber(result.refused.length) })}</span>}
        <button type="button" className="button outcome-dismiss" onClick={onDismiss} data-testid="outcome-dismiss">
          {t('antrean.close')}
        </button>
      </div>
      {hasRefusals && (
        <ul className="outcome-refusals">
          {result.refused.map((r) => (
            <li key={r.id} data-testid="outcome-refusal" data-id={r.id}>
              <strong>#{tracking.get(r.id) ?? r.id}</strong> — {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

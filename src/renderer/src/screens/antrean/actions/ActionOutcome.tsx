// What the last action did, in words that name the case and where it went ("#LOK-… dipindahkan ke Dinkes –
// Kesmas"), and for each complaint the server refused, why (already verified, held by someone else, …). A
// reassignment offers "Urungkan" for a few seconds: a real action on the server (complaints.undoReassign), audited
// like the move itself. A clean success fades; refusals stay until dismissed.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { actionLabel } from './ActionButtons.tsx'
import { isReassign, type ActionKind, type ActionTarget } from './actions.ts'
import type { ActionResult } from './ActionDialog.tsx'
import type { Units } from '../useUnits.ts'

export type Outcome = {
  action: ActionKind
  targets: ActionTarget[]
  result: ActionResult
  /** A disposition: the unit the complaints went to. */
  unitId?: number | null
  /** The answer to an "Urungkan": the targets' unit_id is where they went back to. */
  isUndo?: boolean
}

/** A clean success fades after this long, and the undo of a reassignment is offered this long. */
export const OUTCOME_MS = 8_000

type ActionOutcomeProps = {
  outcome: Outcome
  units: Units
  onDismiss(): void
  /** Undoing the reassignment of these complaints; absent when the user may not. */
  onUndo?(ids: number[]): void
  isUndoing?: boolean
}

export function ActionOutcome({ outcome, units, onDismiss, onUndo, isUndoing }: ActionOutcomeProps) {
  const { t } = useTranslation()
  const { action, targets, result } = outcome
  const tracking = new Map(targets.map((x) => [x.id, x.tracking_id]))
  const hasRefusals = result.refused.length > 0
  const [canUndo, setCanUndo] = useState(true)
  useEffect(() => {
    setCanUndo(true)
    const undoTimer = window.setTimeout(() => setCanUndo(false), OUTCOME_MS)
    const timer = hasRefusals ? undefined : window.setTimeout(onDismiss, OUTCOME_MS)
    return () => {
      window.clearTimeout(undoTimer)
      window.clearTimeout(timer)
    }
  }, [outcome, hasRefusals, onDismiss])
  const done = targets.filter((x) => result.done.includes(x.id))
  const isMove = action === 'disposition' && !outcome.isUndo && isReassign(targets)
  return (
    <div
      className={`outcome ${hasRefusals ? 'has-refusals' : 'is-done'}`}
      role="status"
      data-testid="action-outcome"
      data-done={result.done.length}
      data-refused={result.refused.length}
      data-undo={outcome.isUndo ? '1' : '0'}
    >
      <div className="outcome-head">
        <strong className="outcome-what" data-testid="outcome-what">
          {describe(outcome, done, units, t)}
        </strong>
        {hasRefusals && <span className="outcome-refused-n">{t('antrean.outcome.refused', { n: formatNumber(result.refused.length) })}</span>}
        {isMove && onUndo && canUndo && done.length > 0 && (
          <button type="button" className="button primary outcome-undo" disabled={isUndoing} onClick={() => onUndo(done.map((x) => x.id))} data-testid="outcome-undo">
            {t('triage.outcome.undo')}
          </button>
        )}
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

/** The banner's sentence: which case (or how many) and, for a disposition, where to. */
function describe(outcome: Outcome, done: ActionTarget[], units: Units, t: ReturnType<typeof useTranslation>['t']): string {
  const { action, targets } = outcome
  const n = done.length
  if (n === 0) return t('triage.outcome.none', { action: actionLabel(action, targets, t) })
  const one = n === 1 ? done[0].tracking_id : undefined
  if (outcome.isUndo) {
    const back = units.labelOf(done[0].unit_id) ?? ''
    return one ? t('triage.outcome.undone', { id: one, unit: back }) : t('triage.outcome.undoneMany', { n: formatNumber(n) })
  }
  if (action === 'disposition') {
    const unit = units.labelOf(outcome.unitId) ?? ''
    const kind = isReassign(targets) ? 'reassigned' : 'dispositioned'
    return one ? t(`triage.outcome.${kind}`, { id: one, unit }) : t(`triage.outcome.${kind}Many`, { n: formatNumber(n), unit })
  }
  const label = actionLabel(action, targets, t)
  return one ? t('triage.outcome.doneOne', { id: one, action: label }) : t('triage.outcome.doneMany', { n: formatNumber(n), action: label })
}

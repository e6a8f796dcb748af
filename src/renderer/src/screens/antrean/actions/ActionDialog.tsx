// The dialog of one triage action on one complaint or a selection: a unit (disposition), a reason where the
// server requires one, a note's text. Enter submits once the form is complete (Shift+Enter for a new line).
// The server's answer — done, refused with reasons, or an error such as FORBIDDEN — goes back to the queue view.
import { useRef, useState } from 'react'
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { Dialog } from '#renderer/components/Dialog.tsx'
import { UnitPicker } from '#renderer/components/UnitPicker.tsx'
import { formatNumber } from '#renderer/format.ts'
import { actionLabel } from './ActionButtons.tsx'
import { isReassign, type ActionKind, type ActionTarget } from './actions.ts'
import { MIN_REASON, needsReason } from '#shared/actions.ts'
import type { Units } from '../useUnits.ts'
import { SuggestionChips } from '../routing/SuggestionChips.tsx'
import { suggestionReason, useRouting, type Suggestion } from '../routing/suggestion.ts'

export type ActionResult = Outputs['complaints']['act']

/**
 * The confirmation a disposition asks for, naming the case and the target: "#LOK-… dipindahkan dari DPUPR ke
 * Dinkes – Kesmas", or for a selection how many and where.
 */
function confirmLine(targets: ActionTarget[], units: Units, unit: string, t: ReturnType<typeof useTranslation>['t']): string {
  const reassign = isReassign(targets)
  if (targets.length !== 1) return t(`triage.confirm.${reassign ? 'reassignMany' : 'dispositionMany'}`, { n: formatNumber(targets.length), unit })
  const one = targets[0]
  if (!reassign) return t('triage.confirm.disposition', { id: one.tracking_id, unit })
  return t('triage.confirm.reassign', { id: one.tracking_id, from: units.labelOf(one.unit_id) ?? `#${one.unit_id}`, unit })
}

type ActionDialogProps = {
  action: ActionKind
  targets: ActionTarget[]
  units: Units
  onClose(): void
  /** The server's answer, and for a disposition the unit the complaints went to. */
  onDone(result: ActionResult, unitId: number | null): void
  /** Filled in beforehand (accepting a routing suggestion): the unit and a reason the official may still edit. */
  preset?: { unitId: number; reason: string }
}

/** How many tracking IDs to name in the dialog before "and N more". */
const NAMED = 6

export function ActionDialog({ action, targets, units, onClose, onDone, preset }: ActionDialogProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const act = useMutation(trpc.complaints.act.mutationOptions({ onSuccess: (result) => onDone(result, action === 'disposition' ? unitId : null) }))
  const [unitId, setUnitId] = useState<number | null>(preset?.unitId ?? null)
  const [text, setText] = useState(preset?.reason ?? '')
  const textRef = useRef<HTMLTextAreaElement>(null)
  // Routing suggestions for a single complaint's disposition (shared cache with the detail pane).
  const routing = useRouting(action === 'disposition' && targets.length === 1 ? targets[0].id : undefined).data
  const suggestions = routing?.suggestions ?? []
  // Choosing a suggested unit (a chip, a click, Enter on the highlight) fills in the suggestion's reason if none yet.
  const choose = (id: number) => {
    setUnitId(id)
    const s = suggestions.find((x) => x.unitId === id)
    if (s && text.trim() === '') setText(suggestionReason(s, t))
  }
  const pickSuggestion = (s: Suggestion) => {
    if (s.unitId === null) return false
    choose(s.unitId)
    textRef.current?.focus()
    return true
  }
  const ids = targets.map((x) => x.id)
  const trimmed = text.trim()
  const isValid =
    action === 'disposition'
      ? unitId !== null && trimmed.length >= MIN_REASON
      : needsReason(action)
        ? trimmed.length >= MIN_REASON
        : action === 'note'
          ? trimmed.length > 0
          : true

  const submit = () => {
    if (!isValid || act.isPending) return
    switch (action) {
      case 'disposition':
        return act.mutate({ action, ids, unitId: unitId!, reason: trimmed })
      case 'note':
        return act.mutate({ action, ids, body: trimmed })
      case 'verify':
        return act.mutate({ action, ids, reason: trimmed || undefined })
      default:
        return act.mutate({ action, ids, reason: trimmed })
    }
  }
  const problem = act.error ? describeError(act.error) : null
  const single = targets.length === 1 ? targets[0] : null
  const unitName = unitId === null ? '' : (units.labelOf(unitId) ?? '')
  const submitLabel = action === 'disposition' && unitId !== null ? t(`triage.submit.${isReassign(targets) ? 'reassign' : 'disposition'}`, { unit: unitName }) : actionLabel(action, targets, t)
  const textLabel = action === 'note' ? t('antrean.dialog.note') : needsReason(action) ? t('antrean.dialog.reason') : t('antrean.dialog.verifyNote')

  return (
    <Dialog
      title={actionLabel(action, targets, t)}
      closeLabel={t('antrean.close')}
      onClose={onClose}
      testId="action-dialog"
      className={`action-dialog action-dialog-${action}`}
    >
      <form
        className="action-form"
        data-action={action}
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <p className="action-targets" data-testid="action-targets" data-count={targets.length}>
          {single
            ? t('antrean.dialog.one', { id: single.tracking_id })
            : t('antrean.dialog.many', {
                n: formatNumber(targets.length),
                ids: targets.slice(0, NAMED).map((x) => `#${x.tracking_id}`).join(', ') + (targets.length > NAMED ? ' …' : ''),
              })}
          {single && single.unit_id !== null && action === 'disposition' && (
            <span className="action-current"> {t('antrean.dialog.currentUnit', { unit: units.nameOf(single.unit_id) ?? `#${single.unit_id}` })}</span>
          )}
        </p>
        <p className="note action-explain">{t(`antrean.dialog.explain.${action === 'disposition' && isReassign(targets) ? 'reassign' : action}`)}</p>
        {action === 'disposition' && suggestions.length > 0 && <SuggestionChips suggestions={suggestions} chosen={unitId} onPick={pickSuggestion} />}
        {action === 'disposition' && (
          <UnitPicker
            units={units.options}
            groups={units.groups}
            value={unitId}
            onChange={choose}
            onPicked={() => textRef.current?.focus()}
            label={t('antrean.dialog.unit')}
            placeholder={t('antrean.unitPlaceholder')}
            emptyText={t('antrean.unitNone')}
            isAutoFocus={!preset}
            preferredId={preset?.unitId ?? suggestions.find((s) => s.unitId !== null)?.unitId ?? null}
            testId="dialog-unit"
          />
        )}
        {action === 'disposition' && (
          <p className={`action-chosen ${unitId === null ? '' : 'is-chosen'}`} data-testid="dialog-unit-chosen" data-value={unitId ?? ''}>
            {unitId === null ? t('antrean.dialog.noUnit') : confirmLine(targets, units, unitName, t)}
          </p>
        )}
        <label className="action-text">
          <span className="field-label">{textLabel}</span>
          <textarea
            ref={textRef}
            className="control"
            rows={3}
            value={text}
            required={needsReason(action) || action === 'note'}
            minLength={needsReason(action) ? MIN_REASON : undefined}
            data-autofocus={action === 'disposition' && !preset ? undefined : ''}
            data-testid="dialog-text"
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault()
                submit()
              }
            }}
          />
          {needsReason(action) && trimmed.length < MIN_REASON && <span className="note">{t('antrean.dialog.reasonNeeded', { n: MIN_REASON })}</span>}
        </label>
        {problem && (
          <p className="form-error action-error" role="alert" data-testid="action-error" data-kind={problem.kind}>
            {t(`errors.${problem.kind}`, { detail: problem.detail })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('antrean.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={!isValid || act.isPending} data-testid="dialog-submit">
            {act.isPending ? t('antrean.dialog.sending') : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

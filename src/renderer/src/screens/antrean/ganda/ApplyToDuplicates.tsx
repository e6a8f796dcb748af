// An action on a main complaint applied to its linked duplicates in one step: the official picks the action, the
// usual dialog asks for what it needs (a unit, a reason), and complaints.act does it to the main and every
// duplicate — each checked, refused or done, and audited on its own, as any bulk action.
import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'
import type { Role } from '#shared/domain.ts'
import { ActionDialog, type ActionResult } from '../actions/ActionDialog.tsx'
import { actionLabel } from '../actions/ActionButtons.tsx'
import { ACTIONS, roleBlock, type ActionKind, type ActionTarget } from '../actions/actions.ts'
import { useUnits } from '../useUnits.ts'

type Props = { main: ActionTarget; kabupaten: string; duplicates: ActionTarget[]; role: Role | undefined }

export function ApplyToDuplicates({ main, kabupaten, duplicates, role }: Props) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const units = useUnits(kabupaten)
  const targets = [main, ...duplicates]
  const offered = ACTIONS.filter((a) => roleBlock(role, a, targets) === null)
  const [action, setAction] = useState<ActionKind | ''>('')
  const [isOpen, setOpen] = useState(false)
  const [result, setResult] = useState<ActionResult | null>(null)
  if (duplicates.length === 0 || offered.length === 0) return null
  const onDone = (r: ActionResult) => {
    setOpen(false)
    setResult(r)
    void queryClient.invalidateQueries({ queryKey: trpc.complaints.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.isu.pathKey() })
  }
  return (
    <div className="apply-duplicates" data-testid="apply-duplicates">
      <label>
        <span className="visually-hidden">{t('isu.applyDuplicates.hint')}</span>
        <select className="control" value={action} onChange={(e) => setAction(e.target.value as ActionKind | '')} data-testid="apply-duplicates-action">
          <option value="">…</option>
          {offered.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a, targets, t)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" title={t('isu.applyDuplicates.hint')} disabled={!action} onClick={() => setOpen(true)} data-testid="apply-duplicates-open">
        {t('isu.applyDuplicates.button', { n: formatNumber(duplicates.length) })}
      </button>
      {result && (
        <p className={result.refused.length ? 'form-error' : 'form-ok'} role="status" data-testid="apply-duplicates-result">
          {t('isu.applyDuplicates.result', { done: formatNumber(result.done.length), refused: formatNumber(result.refused.length) })}
          {result.refused.map((r) => ` · #${targets.find((x) => x.id === r.id)?.tracking_id ?? r.id}: ${r.reason}`).join('')}
        </p>
      )}
      {isOpen && action && <ActionDialog action={action} targets={targets} units={units} onClose={() => setOpen(false)} onDone={onDone} />}
    </div>
  )
}

// Above the list: select every loaded row, how many are selected, and the bulk actions on them.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import type { Role } from '#shared/domain.ts'
import { ActionButtons } from './actions/ActionButtons.tsx'
import type { ActionKind, ActionTarget } from './actions/actions.ts'
import type { Selection } from './useSelection.ts'

type SelectionBarProps = {
  selection: Selection
  loadedCount: number
  total: number | undefined
  isFetching: boolean
  role: Role | undefined
  onSelectAll(): void
  onAction(action: ActionKind, targets: ActionTarget[]): void
}

export function SelectionBar({ selection, loadedCount, total, isFetching, role, onSelectAll, onAction }: SelectionBarProps) {
  const { t } = useTranslation()
  const n = selection.selected.size
  const targets = [...selection.selected.values()]
  return (
    <div className={`selection-bar ${n > 0 ? 'has-selection' : ''}`} data-testid="selection-bar" data-count={n}>
      <div className="selection-line">
        <label className="inline-field selection-all">
          <input
            type="checkbox"
            data-testid="select-all"
            checked={n > 0 && n >= loadedCount}
            ref={(el) => {
              if (el) el.indeterminate = n > 0 && n < loadedCount
            }}
            onChange={(e) => (e.target.checked ? onSelectAll() : selection.clear())}
          />
          {t('antrean.selection.all', { n: formatNumber(loadedCount) })}
        </label>
        {n === 0 ? (
          <span className="note">{t('antrean.selection.hint')}</span>
        ) : (
          <>
            <strong className="selection-count">{t('antrean.selection.count', { n: formatNumber(n) })}</strong>
            <button type="button" className="button" onClick={selection.clear} data-testid="selection-clear">
              {t('antrean.selection.clear')}
            </button>
          </>
        )}
        <span className={`queue-total ${isFetching ? 'is-fetching' : ''}`} data-testid="queue-total" data-value={total ?? ''}>
          {total === undefined ? t('app.loading') : t('antrean.total', { count: total, n: formatNumber(total) })}
        </span>
      </div>
      {n > 0 && <ActionButtons role={role} targets={targets} onAction={onAction} testIdPrefix="bulk-action" />}
    </div>
  )
}

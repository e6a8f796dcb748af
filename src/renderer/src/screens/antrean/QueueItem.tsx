// One row of a queue: tracking ID, title, status, where, which unit, age and deadline, who holds it, flags.
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import { formatDay, formatSpan } from './time.ts'
import type { QueueRow } from './useQueueRows.ts'
import { pct } from './routing/suggestion.ts'
import './routing/routing.css'

type QueueItemProps = {
  index: number
  row: QueueRow | undefined
  top: number
  height: number
  now: number
  timeZone: string
  isCursor: boolean
  isOpen: boolean
  isSelected: boolean
  onOpen(index: number, row: QueueRow): void
  onToggle(index: number, row: QueueRow, isRange: boolean): void
  onReassign?(row: QueueRow): void
}

export const QueueItem = memo(function QueueItem(p: QueueItemProps) {
  const { t } = useTranslation()
  const style = { transform: `translateY(${p.top}px)`, height: p.height }
  const { row } = p
  if (!row) {
    return (
      <div className="queue-row is-loading" role="row" aria-rowindex={p.index + 1} style={style} data-testid="queue-row-loading" data-index={p.index}>
        <span className="queue-row-loading">{t('app.loading')}</span>
      </div>
    )
  }
  const isOverdue = row.next_due_at !== null && row.next_due_at < p.now
  const classes = ['queue-row', p.isCursor && 'is-cursor', p.isOpen && 'is-open', p.isSelected && 'is-selected'].filter(Boolean).join(' ')
  const where = row.kecamatan ? (row.desa ? `${row.kecamatan} / ${row.desa}` : row.kecamatan) : t('antrean.row.noLocation')
  return (
    <div
      className={classes}
      role="row"
      aria-rowindex={p.index + 1}
      aria-selected={p.isSelected}
      style={style}
      data-testid="queue-row"
      data-index={p.index}
      data-id={row.id}
      data-tracking-id={row.tracking_id}
      onClick={(e) => (e.shiftKey ? p.onToggle(p.index, row, true) : p.onOpen(p.index, row))}
    >
      <span role="gridcell" className="queue-row-check">
        <input
          type="checkbox"
          checked={p.isSelected}
          aria-label={t('antrean.row.select', { id: row.tracking_id })}
          data-testid="queue-row-check"
          onClick={(e) => {
            e.stopPropagation()
            p.onToggle(p.index, row, e.shiftKey)
          }}
          onChange={() => {}}
        />
      </span>
      <span role="gridcell" className="queue-row-main">
        <span className="queue-row-title">
          <span className="queue-row-id">#{row.tracking_id}</span>
          <span className={`queue-row-judul ${row.judul === null ? 'is-rahasia' : ''}`}>{row.judul ?? t('antrean.rahasiaTitle')}</span>
          {row.is_anonim === 1 && <span className="flag">{t('antrean.flags.anonim')}</span>}
          {row.is_rahasia === 1 && <span className="flag flag-rahasia">{t('antrean.flags.rahasia')}</span>}
        </span>
        <span className="queue-row-meta">
          <StatusBadge status={row.status} />
          <span className="queue-row-where">{where}</span>
          <span className={`queue-row-unit ${row.unit ? '' : 'is-none'}`}>{row.unit ?? t('antrean.row.noUnit')}</span>
          <RowSuggestion row={row} />
          {row.claimed_by && (
            <span className="queue-row-claim" data-testid="queue-row-claim">
              {t('antrean.row.claimedBy', { nama: row.claimed_by })}
            </span>
          )}
        </span>
      </span>
      {p.onReassign && row.misroute_confidence !== null && row.suggested_unit_id !== null && (
        <button
          type="button"
          className="button queue-row-reassign"
          data-testid="queue-row-reassign"
          title={t('routing.reassignTo', { unit: row.suggested_unit ?? '' })}
          onClick={(e) => {
            e.stopPropagation()
            p.onReassign!(row)
          }}
        >
          {t('routing.reassignShort')}
        </button>
      )}
      <span role="gridcell" className="queue-row-side">
        <span className="queue-row-age">{t('antrean.row.age', { span: formatSpan(p.now - row.submitted_at, t) })}</span>
        {row.next_due_at !== null &&
          (isOverdue ? (
            <span className="queue-row-due is-overdue" data-testid="queue-row-overdue">
              {t('antrean.row.late', { span: formatSpan(p.now - row.next_due_at, t) })}
            </span>
          ) : (
            <span className="queue-row-due">{t('antrean.row.due', { date: formatDay(row.next_due_at, p.timeZone) })}</span>
          ))}
      </span>
    </div>
  )
})

/** The routing suggestion beside the unit: for a complaint not yet with a unit, and when it disagrees with the unit. */
function RowSuggestion({ row }: { row: QueueRow }) {
  const { t } = useTranslation()
  if (row.suggested_unit === null || row.suggested_confidence === null) return null
  if (row.misroute_confidence !== null) {
    return (
      <span className="queue-row-suggest is-misroute" data-testid="queue-row-suggest" data-confidence={row.misroute_confidence}>
        {t('routing.rowMisroute', { unit: row.suggested_unit, pct: pct(row.misroute_confidence) })}
      </span>
    )
  }
  if (row.unit_id !== null) return null
  return (
    <span className="queue-row-suggest" data-testid="queue-row-suggest" data-confidence={row.suggested_confidence}>
      {t('routing.row', { unit: row.suggested_unit, pct: pct(row.suggested_confidence) })}
    </span>
  )
}

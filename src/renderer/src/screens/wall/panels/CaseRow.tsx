// One complaint on a wall: tracking ID, public title (the API never sends a rahasia one), status and place.
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import { formatNumber, formatWhen } from '#renderer/format.ts'
import type { WallCase } from '../useWallData.ts'

type CaseRowProps = { c: WallCase; timeZone: string; today: string; testId: string; isNew?: boolean; showLate?: boolean }

export function CaseRow({ c, timeZone, today, testId, isNew = false, showLate = false }: CaseRowProps) {
  const { t } = useTranslation()
  return (
    <li className={`wall-case ${isNew ? 'is-new' : ''}`} data-testid={testId} data-tracking-id={c.tracking_id} data-id={c.id}>
      <div className="wall-case-head">
        <span className="wall-case-id">#{c.tracking_id}</span>
        {showLate && c.overdue ? (
          <span className="wall-case-late">{t('wall.overdue.late', { hk: formatNumber(c.overdue.hk) })}</span>
        ) : (
          <time className="wall-case-time">{formatWhen(c.updated_at, timeZone, today)}</time>
        )}
      </div>
      <div className={`wall-case-title ${c.judul === null ? 'is-rahasia' : ''}`}>{c.judul ?? t('wall.rahasia')}</div>
      <div className="wall-case-meta">
        <StatusBadge status={c.status} />
        <span>
          {c.kecamatan ?? t('wall.noKecamatan')} · {c.unit ?? t('wall.noUnit')}
        </span>
      </div>
    </li>
  )
}

import { useTranslation } from 'react-i18next'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import type { ComplaintRowData } from '../useComplaintPage.ts'
import { formatDateTime as formatMoment } from '#renderer/format.ts'

/** What one complaint shows in a side list: ID, when, title (or "rahasia"), status, place and unit. */
export function ComplaintRow({ row, timeZone }: { row: ComplaintRowData; timeZone: string }) {
  const { t } = useTranslation()
  const place = row.desa ?? row.kecamatan
  return (
    <>
      <span className="peta-row-head">
        <span className="peta-row-id">#{row.tracking_id}</span>
        <time dateTime={new Date(row.submitted_at).toISOString()}>{formatMoment(row.submitted_at, timeZone)}</time>
      </span>
      <span className={`peta-row-title ${row.judul === null ? 'is-rahasia' : ''}`}>{row.judul ?? t('peta.rahasia')}</span>
      <span className="peta-row-meta">
        <StatusBadge status={row.status} />
        <span className="peta-row-where">
          {place ? `${place} · ` : ''}
          {row.unit ?? t('peta.noUnit')}
        </span>
      </span>
    </>
  )
}

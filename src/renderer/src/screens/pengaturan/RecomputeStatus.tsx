// Whether the deadlines on every screen already follow the calendar and rules shown here. A change is saved at
// once and the deadlines are rebuilt just after (seconds on a regency's store, a minute on a million complaints),
// so this line says "Menghitung ulang tenggat…" until the rebuild is done, polling while it runs.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'

export function RecomputeStatus({ kabupaten }: { kabupaten: string }) {
  const { t } = useTranslation()
  const status = useQuery({
    ...useTRPC().calendar.status.queryOptions({ kabupaten }),
    refetchInterval: (q) => (q.state.data?.status === 'recomputing' ? 1000 : false),
  }).data
  if (!status) return null
  const last = status.lastRun
  return (
    <div className={`recompute recompute-${status.status}`} data-testid="recompute-status" data-status={status.status} role="status">
      <span className="recompute-dot" aria-hidden="true" />
      <span className="recompute-text">{t(`pengaturan.recompute.${status.status}`)}</span>
      {last && status.status === 'current' && (
        <span className="recompute-last">
          {t('pengaturan.recompute.last', { n: formatNumber(last.complaints), seconds: (last.ms / 1000).toLocaleString('id-ID', { maximumFractionDigits: 1 }) })}
        </span>
      )}
      {status.error && <span className="form-error">{status.error}</span>}
    </div>
  )
}

// "Sedang dihitung ulang…" beside the live state while the server recomputes this kabupaten's deadlines and KPI
// in the background (a day off added, the end of a large sync). The server announces the start and the end on
// the change bus, so this refetches then; while it shows, it polls. The numbers on screen stay the old ones
// until the new ones are in, then every screen refetches.
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'

export function Recomputing({ kabupaten }: { kabupaten: string | undefined }) {
  const { t } = useTranslation()
  const status = useQuery({
    ...useTRPC().calendar.status.queryOptions(kabupaten ? { kabupaten } : skipToken),
    refetchInterval: (q) => (q.state.data?.status === 'recomputing' ? 1500 : false),
  }).data
  if (status?.status !== 'recomputing') return null
  return (
    <span className="live live-recomputing" data-testid="recomputing" role="status" title={t('recomputing.hint')}>
      <span className="live-dot" aria-hidden="true" />
      {t('recomputing.label')}
    </span>
  )
}

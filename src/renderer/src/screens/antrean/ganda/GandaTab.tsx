// The tab of the queue "Kemungkinan ganda" beside the other queue tabs, with its count (isu.ganda: the same rows as
// its list and its export).
import { skipToken, useQuery } from '@tanstack/react-query'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'
import { sharedFilters } from '#renderer/filters/links.ts'

export function GandaTab({ kabupaten, isCurrent = false }: { kabupaten: string | undefined; isCurrent?: boolean }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { search } = useLocation()
  const n = useQuery(trpc.isu.ganda.queryOptions(kabupaten ? { kabupaten, limit: 1 } : skipToken)).data?.count
  return (
    <Link
      className={`queue-tab queue-tab-ganda ${n ? 'is-alerting' : ''}`}
      to={{ pathname: '/antrean/ganda', search: `?${sharedFilters(search, ['kab'])}` }}
      aria-current={isCurrent ? 'page' : undefined}
      data-testid="queue-tab-ganda"
      data-count={n ?? ''}
      title={t('isu.ganda.hint')}
    >
      <span className="queue-tab-label">{t('isu.ganda.tab')}</span>
      <span className="queue-tab-count">{n === undefined ? '…' : formatNumber(n)}</span>
    </Link>
  )
}

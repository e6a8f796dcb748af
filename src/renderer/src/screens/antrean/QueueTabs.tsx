// The queue tabs with how many complaints wait in each (complaints.queueCounts, whole kabupaten, all dates).
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'
import { QUEUE_TABS, type QueueName } from './queues.ts'
import { GandaTab } from './ganda/GandaTab.tsx'

/** Queues whose count is a problem in itself (drawn in the alert colour when not zero). */
const ALERTING: ReadonlySet<QueueName> = new Set(['terlambat', 'salah_sasaran', 'dikembalikan'])

type QueueTabsProps = { kabupaten: string | undefined; queue: QueueName; onSelect(queue: QueueName): void }

export function QueueTabs({ kabupaten, queue, onSelect }: QueueTabsProps) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const counts = useQuery(trpc.complaints.queueCounts.queryOptions(kabupaten ? { kabupaten } : skipToken)).data
  return (
    <nav className="queue-tabs" aria-label={t('antrean.tabsLabel')}>
      {QUEUE_TABS.map((q, i) => {
        const n = counts?.[q]
        return (
          <button
            key={q}
            type="button"
            className={`queue-tab ${ALERTING.has(q) && n ? 'is-alerting' : ''}`}
            aria-current={q === queue ? 'page' : undefined}
            data-testid={`queue-tab-${q}`}
            data-count={n ?? ''}
            title={t('antrean.tabHint', { key: i + 1 })}
            onClick={() => onSelect(q)}
          >
            <span className="queue-tab-label">
              <kbd className="queue-tab-key">{i + 1}</kbd> {t(`antrean.queues.${q}`)}
            </span>
            <span className="queue-tab-count">{n === undefined ? '…' : formatNumber(n)}</span>
          </button>
        )
      })}
      <GandaTab kabupaten={kabupaten} />
    </nav>
  )
}

// The history of runs (sync_run): when, what triggered it, how it ended, what it brought, how long it took.
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { Panel } from '#renderer/components/Panel.tsx'
import { DataTable, num } from '#renderer/components/DataTable.tsx'
import { formatNumber } from '#renderer/format.ts'
import { duration, when } from './time.ts'

export function RunHistory({ kabupaten, timeZone }: { kabupaten: string | undefined; timeZone: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { today } = useFilters()
  const runs = useQuery({ ...trpc.sync.runs.queryOptions(kabupaten ? { kabupaten, limit: 40 } : skipToken), refetchInterval: 30_000 }).data
  return (
    <Panel title={t('sinkron.history')} className="sinkron-history" testId="run-history">
      <DataTable
        rows={runs}
        className="sinkron-table"
        empty={t('sinkron.noRuns')}
        columns={[...['when', 'source', 'status'].map((c) => t(`sinkron.col.${c}`)), ...['fetched', 'inserted', 'updated', 'quarantined', 'duration'].map((c) => num(t(`sinkron.col.${c}`)))]}
        row={(r) => (
          <tr key={r.id} data-status={r.status} title={r.error ?? undefined}>
            <td>
              {when(r.started_at, timeZone, today)}
              <span className="sinkron-trigger"> · {t(`sinkron.trigger.${r.trigger}`)}</span>
            </td>
            <td>{r.source}</td>
            <td>
              <span className={`sinkron-state small state-${r.status}`}>{t(`sinkron.state.${r.status}`)}</span>
              {r.error && <div className="sinkron-run-error">{r.error}</div>}
            </td>
            <td className="num">{formatNumber(r.fetched)}</td>
            <td className="num">{formatNumber(r.inserted)}</td>
            <td className="num">{formatNumber(r.updated)}</td>
            <td className={`num ${r.quarantined ? 'is-warning' : ''}`}>{formatNumber(r.quarantined)}</td>
            <td className="num">{duration((r.finished_at ?? r.heartbeat_at) - r.started_at)}</td>
          </tr>
        )}
      />
    </Panel>
  )
}

// The quarantine: records that could not be stored, why, where they were, how often they came, and the payload
// as received (identity hidden by role and anonim flag, on the server).
import { useState } from 'react'
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { Panel } from '#renderer/components/Panel.tsx'
import { DataTable, num } from '#renderer/components/DataTable.tsx'
import { formatNumber } from '#renderer/format.ts'
import { when } from './time.ts'

export function QuarantineView() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { kabupaten, today } = useFilters()
  const tz = kabupaten?.time_zone ?? 'Asia/Jakarta'
  const [includeResolved, setIncludeResolved] = useState(false)
  const [picked, setPicked] = useState<number | null>(null)
  const list = useQuery(trpc.sync.quarantine.queryOptions(kabupaten ? { kabupaten: kabupaten.kode, includeResolved, limit: 200 } : skipToken)).data
  const raw = useQuery(trpc.sync.quarantineRaw.queryOptions(picked !== null ? { id: picked } : skipToken)).data
  return (
    <div className="sinkron-split">
      <Panel title={`${t('sinkron.quarantineTitle')}${list ? ` (${formatNumber(list.total)})` : ''}`} className="sinkron-quarantine" testId="quarantine">
        <p className="note">{t('sinkron.quarantineLead')}</p>
        <label className="inline-field">
          <input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} /> {t('sinkron.showResolved')}
        </label>
        {list?.total === 0 && <p className="empty sinkron-good">{t('sinkron.quarantineEmpty')}</p>}
        {!!list?.rows.length && (
          <DataTable
            rows={list.rows}
            className="sinkron-table is-clickable"
            columns={[...['reason', 'tracking', 'where'].map((c) => t(`sinkron.col.${c}`)), num(t('sinkron.col.seen'))]}
            row={(q) => (
              <tr
                key={q.id}
                aria-selected={q.id === picked}
                tabIndex={0}
                data-testid="quarantine-row"
                onClick={() => setPicked(q.id)}
                onKeyDown={(e) => e.key === 'Enter' && setPicked(q.id)}
              >
                <td className="sinkron-reason">
                  {q.reason}
                  {q.resolved_at !== null && <span className="sinkron-state small state-ok"> {t('sinkron.resolved')}</span>}
                </td>
                <td>{q.tracking_id ?? '–'}</td>
                <td>
                  {q.source}
                  <div className="sinkron-trigger">{q.ref}</div>
                </td>
                <td className="num">
                  {t('sinkron.seenTimes', { count: q.seen_count })}
                  <div className="sinkron-trigger">{when(q.last_seen_at, tz, today)}</div>
                </td>
              </tr>
            )}
          />
        )}
      </Panel>
      <Panel title={t('sinkron.raw')} className="sinkron-raw" testId="quarantine-raw">
        {!raw && <p className="empty">{t('sinkron.rawPick')}</p>}
        {raw && (
          <>
            {raw.redacted && <p className="note">{t('sinkron.rawRedacted')}</p>}
            <pre className="sinkron-pre">{raw.raw}</pre>
          </>
        )}
      </Panel>
    </div>
  )
}

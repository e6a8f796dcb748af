// Past imports of this kabupaten: which file (and its content hash), by whom, with what result.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { Panel } from '#renderer/components/Panel.tsx'
import { DataTable, num } from '#renderer/components/DataTable.tsx'
import { formatDateTime, formatNumber } from '#renderer/format.ts'
import { useFilters } from '#renderer/filters/filters.tsx'

export function ImportHistory({ kabupaten }: { kabupaten: string }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const timeZone = useFilters().kabupaten?.time_zone ?? 'Asia/Jakarta'
  const history = useQuery(trpc.imports.history.queryOptions({ kabupaten })).data ?? []
  return (
    <Panel title={t('impor.history.title')} testId="import-history">
      <DataTable
        rows={history}
        className="impor-table"
        wrapClassName="impor-scroll"
        empty={t('impor.history.empty')}
        columns={[
          ...['when', 'file', 'layout'].map((c) => t(`impor.history.${c}`)),
          ...['accepted', 'rejected', 'inserted', 'updated'].map((c) => num(t(`impor.report.counts.${c}`))),
          t('impor.history.by'),
        ]}
        row={(h) => (
        <tr key={h.id}>
          <td>{formatDateTime(h.imported_at, timeZone)}</td>
          <td title={`SHA-256 ${h.file_sha256}`}>{h.file_name}</td>
          <td>{h.layout}</td>
          <td className="num">{formatNumber(h.accepted)}</td>
          <td className="num">{formatNumber(h.rejected)}</td>
          <td className="num">{formatNumber(h.inserted ?? 0)}</td>
          <td className="num">{formatNumber(h.updated ?? 0)}</td>
          <td>{h.imported_by}</td>
        </tr>
        )}
      />
    </Panel>
  )
}

// "N laporan · M masalah unik" under a Ringkasan tile: raw reports and unique problems (linked duplicates counted
// once; isu.unique) over the same complaints the tile counts — submitted in the period, or open now. Said only when
// some of them are linked duplicates: "938 laporan · 938 masalah unik" under a tile that says 938 tells nothing.
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { formatNumber } from '#renderer/format.ts'

export function UniqueLine({ of }: { of: 'masuk' | 'terbuka' }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { kabupaten, period, filter } = useFilters()
  const kode = kabupaten?.kode
  const data = useQuery({ ...trpc.isu.unique.queryOptions(kode ? { kabupaten: kode, period, filter } : skipToken), placeholderData: keepPreviousData }).data
  const u = data?.[of]
  return (
    <span className="kpi-unique" data-testid={`kpi-${of}-unique`} data-reports={u?.reports ?? ''} data-unique={u?.unique ?? ''}>
      {u ? (u.unique < u.reports ? t('isu.unique.line', { reports: formatNumber(u.reports), unique: formatNumber(u.unique) }) : '') : '…'}
    </span>
  )
}

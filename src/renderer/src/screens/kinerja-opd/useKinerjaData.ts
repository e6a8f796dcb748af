// The screen's data, all from the API with the shared period and filter: KPI rows per OPD (always: the picker,
// the header and the misroute chart need them), per bidang of the chosen OPD, per OPD of first disposition
// (misroutes), the daily trend of the OPD or of everything, and the unit tree (names and kinds).
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'

export type KpiTable = Outputs['kpi']['table']
export type KpiRow = KpiTable['rows'][number]
export type TrendPoint = Outputs['kpi']['trend'][number]
export type Unit = Outputs['units']['list'][number]

export type KinerjaData = {
  /** Per OPD (and kecamatan office); the '' row holds complaints not yet dispositioned. */
  opd: KpiTable | undefined
  /** Per unit under the chosen OPD (its bidang, and the OPD itself for complaints kept at OPD level). */
  bidang: KpiTable | undefined
  /** Per OPD that first received the complaint. */
  firstOpd: KpiTable | undefined
  trend: TrendPoint[] | undefined
  units: Unit[] | undefined
  /** Old figures are on screen while the new period, filter or OPD loads. */
  isUpdating: boolean
  isLoading: boolean
}

type ViewInput = { kabupaten?: string; within?: string; key?: string }

/**
 * Keeps the last figures on screen while a new period or filter loads, but only for the same kabupaten and the
 * same OPD: one OPD's rows (and their queue links) must never be drawn as another's.
 */
function keepSameView(view: ViewInput) {
  return <T>(previous: T | undefined, previousQuery: { queryKey: readonly unknown[] } | undefined): T | undefined => {
    const input = (previousQuery?.queryKey[1] as { input?: ViewInput } | undefined)?.input
    const isSame = input?.kabupaten === view.kabupaten && input?.within === view.within && input?.key === view.key
    return isSame ? keepPreviousData(previous) : undefined
  }
}

export function useKinerjaData(opdId: string | null): KinerjaData {
  const trpc = useTRPC()
  const { kabupaten, period, filter } = useFilters()
  const kode = kabupaten?.kode
  const table = (dim: 'opd' | 'first_opd') => ({
    ...trpc.kpi.table.queryOptions(kode ? { kabupaten: kode, dim, period, filter } : skipToken),
    placeholderData: keepSameView({ kabupaten: kode }),
  })
  const opd = useQuery(table('opd'))
  const firstOpd = useQuery(table('first_opd'))
  const bidang = useQuery({
    ...trpc.kpi.table.queryOptions(kode && opdId ? { kabupaten: kode, dim: 'unit', period, filter, within: opdId } : skipToken),
    placeholderData: keepSameView({ kabupaten: kode, within: opdId ?? undefined }),
  })
  const trend = useQuery({
    ...trpc.kpi.trend.queryOptions(kode ? { kabupaten: kode, period, filter, dim: opdId ? 'opd' : 'all', key: opdId ?? '' } : skipToken),
    placeholderData: keepSameView({ kabupaten: kode, key: opdId ?? '' }),
  })
  const units = useQuery(trpc.units.list.queryOptions(kode ? { kabupaten: kode } : skipToken))
  const shown = [opd, firstOpd, trend, ...(opdId ? [bidang] : [])]
  return {
    opd: opd.data,
    bidang: opdId ? bidang.data : undefined,
    firstOpd: firstOpd.data,
    trend: trend.data,
    units: units.data,
    isUpdating: shown.some((q) => q.isPlaceholderData),
    isLoading: shown.some((q) => q.data === undefined),
  }
}

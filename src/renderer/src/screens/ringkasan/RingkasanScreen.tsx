// Ringkasan: the command centre's first screen. All numbers come ready from overview.summary and
// overview.latest; the frame's live subscription refetches them when the store changes.
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { KpiRow } from './KpiRow.tsx'
import { DailyTrend } from './DailyTrend.tsx'
import { LatestFeed } from './LatestFeed.tsx'
import { Breakdowns } from './Breakdowns.tsx'
import { OverdueList } from './OverdueList.tsx'
import { IsuStrip } from './IsuStrip.tsx'

const LATEST_LIMIT = 12
const OVERDUE_LIMIT = 8
const NO_DAYS: { date: string; n: number }[] = []

export function RingkasanScreen() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { kabupaten, period, today, filter } = useFilters()
  const kode = kabupaten?.kode
  const summary = useQuery({
    ...trpc.overview.summary.queryOptions(kode ? { kabupaten: kode, period, filter } : skipToken),
    // Keep the last numbers on screen while new ones load (period or kabupaten switch), instead of blanking.
    placeholderData: keepPreviousData,
  })
  const latest = useQuery({
    ...trpc.overview.latest.queryOptions(kode ? { kabupaten: kode, limit: LATEST_LIMIT } : skipToken),
    placeholderData: keepPreviousData,
  })
  const overdue = useQuery({
    ...trpc.complaints.queue.queryOptions(kode ? { kabupaten: kode, queue: 'terlambat', sort: 'tenggat', limit: OVERDUE_LIMIT, filter } : skipToken),
    placeholderData: keepPreviousData,
  })
  const s = summary.data
  return (
    <div className="ringkasan-page">
      <IsuStrip kabupaten={kode} today={today} />
      <div className={`ringkasan ${summary.isPlaceholderData ? 'is-updating' : ''}`} data-testid="ringkasan" data-kabupaten={s?.kabupaten.kode ?? ''}>
        <h1 className="visually-hidden">{t('ringkasan.title')}</h1>
        <KpiRow summary={s} period={period} />
        <DailyTrend className="area-trend" period={s?.period ?? period} daily={s?.daily ?? NO_DAYS} />
        <Breakdowns summary={s} period={period} />
        <OverdueList
          className="area-overdue"
          rows={overdue.data?.rows}
          now={overdue.dataUpdatedAt || Date.now()}
        />
        <LatestFeed
          className="area-latest"
          items={latest.data}
          kabupatenKode={kode}
          timeZone={kabupaten?.time_zone ?? 'Asia/Jakarta'}
          today={today}
        />
      </div>
    </div>
  )
}

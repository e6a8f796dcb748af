// The four breakdown panels of Ringkasan (status, channel, top kecamatan, top categories). They only label
// the API's rows; each panel sits in its own grid area of the screen.
import { memo } from 'react'
import { useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { BarList, type BarItem } from '#renderer/components/BarList.tsx'
import type { OverviewSummary } from '#renderer/api/trpc.ts'
import type { Period } from '#shared/period.ts'
import { periodListHref } from '#renderer/filters/drill.ts'

/** Every row opens the period's complaints it counts (a status row: the 'semua' queue narrowed to that status). */
function BreakdownsView({ summary, period }: { summary: OverviewSummary | undefined; period: Period }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const p = summary?.period ?? period
  const panels: { area: string; title: string; items: BarItem[] }[] = [
    {
      area: 'status',
      title: t('ringkasan.status'),
      items: (summary?.byStatus ?? []).map((r) => ({ key: r.status, label: t(`status.${r.status}`), n: r.n, tone: `status-${r.status}`, href: periodListHref(search, p, { status: r.status }) })),
    },
    {
      area: 'channel',
      title: t('ringkasan.channel'),
      items: (summary?.byChannel ?? []).map((r) => ({ key: r.channel, label: t(`channel.${r.channel}`), n: r.n, href: periodListHref(search, p, { kanal: r.channel }) })),
    },
    {
      area: 'kecamatan',
      title: t('ringkasan.kecamatan'),
      items: (summary?.topKecamatan ?? []).map((r) => ({ key: r.kode, label: r.nama, n: r.n, href: periodListHref(search, p, { kec: r.kode }) })),
    },
    {
      area: 'kategori',
      title: t('ringkasan.kategori'),
      items: (summary?.topCategories ?? []).map((r) => ({ key: String(r.id), label: r.nama, n: r.n, href: periodListHref(search, p, { kategori: String(r.id) }) })),
    },
  ]
  return panels.map((p) => (
    <Panel key={p.area} title={p.title} className={`area-${p.area}`} testId={`by-${p.area}`}>
      <BarList items={p.items} total={summary?.masuk ?? 0} testIdPrefix={p.area} emptyText={t('ringkasan.none')} />
    </Panel>
  ))
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const Breakdowns = memo(BreakdownsView)

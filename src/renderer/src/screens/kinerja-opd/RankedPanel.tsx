// One league-table panel: the ranked units of a metric, best first, each bar opening that unit's queue.
import { memo } from 'react'
import type { ReactNode } from 'react'
import { useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { RankedBars } from '#renderer/components/RankedBars.tsx'
import { queueHref } from './links.ts'
import { rankBy, scaleOf } from './rank.ts'
import type { RankedMetric } from './metrics.ts'
import type { KpiRow } from './useKinerjaData.ts'

type RankedPanelProps = {
  metric: RankedMetric
  /** The units this table may rank (enough complaints), in any order. */
  rows: KpiRow[]
  className: string
  /** Shown under the bars (e.g. what was left out). */
  footer?: ReactNode
}

function RankedPanelView({ metric, rows, className, footer }: RankedPanelProps) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const items = rankBy(rows, (r) => metric.value(r), metric.better).map((r) => ({
    key: r.key,
    label: r.label,
    value: metric.value(r),
    valueText: metric.text(r),
    extent: metric.extent?.(r),
    previous: metric.value(r.previous),
    previousText: metric.value(r.previous) === null ? t('kinerjaOpd.noPrevious') : t('kinerjaOpd.previous', { value: metric.text(r.previous) }),
    extraText: metric.extra?.(r),
    href: queueHref(search, r.key),
  }))
  const max = metric.max ?? scaleOf(rows.flatMap((r) => [metric.value(r), metric.extent?.(r), metric.value(r.previous)]))
  const base = `kinerjaOpd.charts.${metric.key}`
  return (
    <Panel title={t(`${base}.title`)} className={`kinerja-panel ${className}`} testId={`panel-${metric.key}`}>
      <p className="kinerja-note">{t(`${base}.note`)}</p>
      <RankedBars
        items={items}
        max={max}
        better={metric.better}
        testId={`bars-${metric.key}`}
        emptyText={t('kinerjaOpd.noneRanked')}
        valueHeading={t(`${base}.column`)}
        extraHeading={metric.extra ? t('kinerjaOpd.misroute.hkHeading') : undefined}
      />
      {footer}
    </Panel>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const RankedPanel = memo(RankedPanelView)

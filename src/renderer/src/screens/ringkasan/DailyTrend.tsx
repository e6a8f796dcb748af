import { memo } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Panel } from '#renderer/components/Panel.tsx'
import { formatDate, formatNumber } from '#renderer/format.ts'
import type { Period } from '#shared/domain.ts'
import { dailySeries } from './dailySeries.ts'
import { useRemPx } from '#renderer/hooks.ts'
import { periodListHref } from '#renderer/filters/drill.ts'

type DailyTrendProps = { className: string; period: Period; daily: { date: string; n: number }[] }

/**
 * Complaints received per local day over the period. Colours come from the theme through currentColor/CSS.
 * Clicking a day opens that day's complaints in Antrean.
 */
function DailyTrendView({ className, period, daily }: DailyTrendProps) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const navigate = useNavigate()
  const data = dailySeries(period, daily)
  const rem = useRemPx()
  const openDay = (index: unknown) => {
    const day = data[Number(index)]
    if (day) void navigate(periodListHref(search, { from: day.date, to: day.date }))
  }
  return (
    <Panel title={t('ringkasan.trend')} className={className} testId="trend">
      <div className="chart is-clickable" data-testid="trend-chart" title={t('ringkasan.trendClick')}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart
            data={data}
            margin={{ top: rem * 0.5, right: rem, bottom: 0, left: 0 }}
            onClick={(state) => openDay(state?.activeTooltipIndex ?? state?.activeIndex)}
          >
            <CartesianGrid vertical={false} />
            <XAxis
              dataKey="date"
              tickFormatter={(d: string) => formatDate(d, true)}
              height={rem * 2}
              minTickGap={rem * 2.5}
              tickMargin={rem * 0.4}
            />
            <YAxis allowDecimals={false} tickFormatter={formatNumber} width="auto" domain={[0, (max: number) => Math.max(1, Number.isFinite(max) ? max : 1)]} />
            <Tooltip
              labelFormatter={(d) => formatDate(String(d))}
              formatter={(n) => [t('ringkasan.trendTooltip', { n: formatNumber(Number(n)) }), '']}
              separator=""
              wrapperClassName="chart-tooltip"
              contentStyle={{ background: 'var(--surface-raised)', border: '1px solid var(--border)', color: 'var(--text)' }}
              itemStyle={{ color: 'var(--text)' }}
              labelStyle={{ color: 'var(--text)', fontWeight: 700 }}
            />
            <Area
              type="monotone"
              dataKey="n"
              stroke="currentColor"
              strokeWidth={Math.max(2, rem * 0.14)}
              fill="currentColor"
              fillOpacity={0.25}
              isAnimationActive={false}
              activeDot={{ r: rem * 0.4, cursor: 'pointer' }}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </Panel>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const DailyTrend = memo(DailyTrendView)

// Complaints in over the period for the chosen OPD (or all), and how many of them are already selesai.
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { Panel } from '#renderer/components/Panel.tsx'
import { formatDate, formatNumber } from '#renderer/format.ts'
import { useRemPx } from '#renderer/hooks.ts'
import { trendSeries } from './trendSeries.ts'
import type { TrendPoint } from './useKinerjaData.ts'

type TrendPanelProps = { points: TrendPoint[] | undefined; scope: string; className: string }

function TrendPanelView({ points, scope, className }: TrendPanelProps) {
  const { t } = useTranslation()
  const rem = useRemPx()
  const { grain, points: data } = trendSeries(points ?? [])
  const stroke = Math.max(2, rem * 0.14)
  return (
    <Panel title={t('kinerjaOpd.trend.title', { scope })} className={`kinerja-panel ${className}`} testId="panel-trend">
      <ul className="trend-legend">
        <li className="trend-masuk">{t(`kinerjaOpd.trend.masuk.${grain}`)}</li>
        <li className="trend-selesai">{t('kinerjaOpd.trend.selesai')}</li>
      </ul>
      {data.length < 2 || !data.some((p) => p.n > 0) ? (
        <p className="empty" data-testid="trend-empty">{t('kinerjaOpd.trend.empty')}</p>
      ) : (
      <div className="chart trend-chart" data-testid="trend-chart" data-grain={grain} data-total={data.reduce((s, p) => s + p.n, 0)}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: rem * 0.5, right: rem, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="date" tickFormatter={(d: string) => formatDate(d, true)} height={rem * 2} minTickGap={rem * 2.5} tickMargin={rem * 0.4} />
            <YAxis allowDecimals={false} domain={[0, (max: number) => Math.max(1, Number.isFinite(max) ? max : 1)]} tickFormatter={formatNumber} width={rem * 2.6} tickMargin={rem * 0.3} />
            <Tooltip
              labelFormatter={(d) => t(`kinerjaOpd.trend.tooltip.${grain}`, { date: formatDate(String(d)) })}
              formatter={(n, name) => [formatNumber(Number(n)), name === 'n' ? t('kinerjaOpd.trend.masuk.label') : t('kinerjaOpd.trend.selesai')]}
              wrapperClassName="chart-tooltip"
              contentStyle={{ background: 'var(--surface-raised)', border: '1px solid var(--border)', color: 'var(--text)' }}
              itemStyle={{ color: 'var(--text)' }}
              labelStyle={{ color: 'var(--text)', fontWeight: 700 }}
            />
            <Line type="monotone" dataKey="n" stroke="var(--accent)" strokeWidth={stroke} dot={false} isAnimationActive={false} />
            <Line type="monotone" dataKey="selesai" stroke="var(--good)" strokeWidth={stroke} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      )}
    </Panel>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const TrendPanel = memo(TrendPanelView)

// A ranked list of horizontal bars, one per unit, in the order given. Each row has the unit's name in a column of
// its own, then the bar on a value axis shared by every row (tick labels over the bars, grid lines through them),
// the value printed beside it and the change since the previous period. The previous period is a tick on the bar
// and a whisker (e.g. p90 beyond the median) runs along its bottom edge: both stay inside the bar's column, never
// over a name. Each row is a link (e.g. to the unit's queue). Ordering, values and texts come from the caller.
import { Link } from 'react-router'
import { formatNumber } from '../format.ts'
import './RankedBars.css'

export type RankedBar = {
  key: string
  label: string
  /** Bar length on the chart's scale; null draws an empty track and "–". */
  value: number | null
  valueText: string
  /** Drawn as a thin whisker from the value to here (e.g. p90 beyond the median). */
  extent?: number | null
  previous: number | null
  /** Spoken and shown on hover: what the previous period's figure was. */
  previousText: string
  /** A further figure in its own column after the change (e.g. working days lost to misroutes). */
  extraText?: string
  href: string
}

type RankedBarsProps = {
  items: RankedBar[]
  /** The value at the right end of the axis (rounded up to a tick by the chart). */
  max: number
  /** Which way is an improvement: colours the change arrow. */
  better: 'higher' | 'lower'
  /** The list gets this data-testid, each row "<testId>-row". */
  testId: string
  emptyText: string
  /** Heading over the value column. */
  valueHeading: string
  /** Heading over the extra column, when the items have one. */
  extraHeading?: string
}

/** Axis ticks: 0 and 3–5 round steps (1, 2, 2.5, 5 × 10^k) up to at least `max`. Never NaN, never a zero range. */
export function axisTicks(max: number): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1
  const raw = top / 4
  const mag = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag
  const ticks: number[] = []
  for (let v = 0; v < top + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6)
  return ticks
}

const clampPct = (v: number, max: number) => `${Math.max(0, Math.min(100, (100 * v) / (max > 0 ? max : 1)))}%`

export function RankedBars({ items, max, better, testId, emptyText, valueHeading, extraHeading }: RankedBarsProps) {
  if (items.length === 0) return <p className="empty">{emptyText}</p>
  const ticks = axisTicks(max)
  const top = ticks[ticks.length - 1]
  const hasExtra = extraHeading !== undefined
  return (
    <div className={`ranked-chart ${hasExtra ? 'has-extra' : ''}`}>
      <div className="ranked-head" aria-hidden="true">
        <span />
        <span className="ranked-axis" data-testid={`${testId}-axis`}>
          {ticks.map((v) => (
            <span key={v} className="ranked-tick" style={{ left: clampPct(v, top) }}>
              {formatNumber(v)}
            </span>
          ))}
        </span>
        <span className="ranked-value-head">{valueHeading}</span>
        <span />
        {hasExtra && <span className="ranked-extra-head">{extraHeading}</span>}
      </div>
      <ol className="ranked" data-testid={testId}>
        {items.map((item, i) => (
          <li
            key={item.key}
            data-testid={`${testId}-row`}
            data-key={item.key}
            data-value={item.value ?? ''}
            data-previous={item.previous ?? ''}
            data-rank={i + 1}
          >
            <RankedBarRow item={item} max={top} ticks={ticks} better={better} hasExtra={hasExtra} />
          </li>
        ))}
      </ol>
    </div>
  )
}

function RankedBarRow({ item, max, ticks, better, hasExtra }: { item: RankedBar; max: number; ticks: number[]; better: 'higher' | 'lower'; hasExtra: boolean }) {
  const diff = item.value !== null && item.previous !== null ? item.value - item.previous : null
  const tone = diff === null || diff === 0 ? 'same' : diff > 0 === (better === 'higher') ? 'better' : 'worse'
  const extent = item.value !== null && item.extent != null && item.extent > item.value ? { from: item.value, to: item.extent } : null
  const says = `${item.label}: ${item.valueText} · ${item.previousText}`
  return (
    <Link to={item.href} className="ranked-row" title={says} aria-label={says}>
      <span className="ranked-label">{item.label}</span>
      <span className="ranked-track">
        {ticks.slice(1).map((v) => (
          <span key={v} className="ranked-grid" style={{ left: clampPct(v, max) }} />
        ))}
        {item.value !== null && <span className="ranked-fill" style={{ width: clampPct(item.value, max) }} />}
        {extent && <span className="ranked-extent" style={{ left: clampPct(extent.from, max), width: clampPct(extent.to - extent.from, max) }} />}
        {item.previous !== null && <span className="ranked-ghost" style={{ left: clampPct(item.previous, max) }} />}
      </span>
      <span className="ranked-value">{item.valueText}</span>
      <span className={`ranked-change is-${tone}`} aria-hidden="true">
        {diff === null ? '–' : diff === 0 ? '=' : diff > 0 ? '▲' : '▼'}
      </span>
      {hasExtra && <span className="ranked-extra">{item.extraText ?? '–'}</span>}
    </Link>
  )
}

// A ranked list of horizontal bars, one per unit, in the order given. The label sits on its own bar (one line
// per unit, so a league table of twenty OPD fits a narrow wall panel); the value is printed beside it, and the
// previous period is a ghost tick on the bar plus an up/down arrow coloured by whether that is better. Each row
// is a link (e.g. to the unit's queue). Ordering, values and texts come from the caller: this only draws.
import { Link } from 'react-router'
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
  href: string
}

type RankedBarsProps = {
  items: RankedBar[]
  /** The value at the right end of the track. */
  max: number
  /** Which way is an improvement: colours the change arrow. */
  better: 'higher' | 'lower'
  /** The list gets this data-testid, each row "<testId>-row". */
  testId: string
  emptyText: string
  /** Heading over the value column. */
  valueHeading: string
}

const clampPct = (v: number, max: number) => `${Math.max(0, Math.min(100, (100 * v) / (max || 1)))}%`

export function RankedBars({ items, max, better, testId, emptyText, valueHeading }: RankedBarsProps) {
  if (items.length === 0) return <p className="empty">{emptyText}</p>
  return (
    <div className="ranked-chart">
      <div className="ranked-head" aria-hidden="true">
        <span />
        <span>{valueHeading}</span>
        <span />
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
            <RankedBarRow item={item} max={max} better={better} />
          </li>
        ))}
      </ol>
    </div>
  )
}

function RankedBarRow({ item, max, better }: { item: RankedBar; max: number; better: 'higher' | 'lower' }) {
  const diff = item.value !== null && item.previous !== null ? item.value - item.previous : null
  const tone = diff === null || diff === 0 ? 'same' : diff > 0 === (better === 'higher') ? 'better' : 'worse'
  const extent = item.value !== null && item.extent != null && item.extent > item.value ? { from: item.value, to: item.extent } : null
  const says = `${item.label}: ${item.valueText} · ${item.previousText}`
  return (
    <Link to={item.href} className="ranked-row" title={says} aria-label={says}>
      <span className="ranked-track">
        {item.value !== null && <span className="ranked-fill" style={{ width: clampPct(item.value, max) }} />}
        {extent && <span className="ranked-extent" style={{ left: clampPct(extent.from, max), width: clampPct(extent.to - extent.from, max) }} />}
        {item.previous !== null && <span className="ranked-ghost" style={{ left: clampPct(item.previous, max) }} />}
        <span className="ranked-label">{item.label}</span>
      </span>
      <span className="ranked-value">{item.valueText}</span>
      <span className={`ranked-change is-${tone}`} aria-hidden="true">
        {diff === null ? '–' : diff === 0 ? '=' : diff > 0 ? '▲' : '▼'}
      </span>
    </Link>
  )
}

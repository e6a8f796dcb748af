import { formatPercent } from '#renderer/format.ts'
import './OnTimeBar.css'

/**
 * The share answered on time as a bar with its figure on it, green from 80 % and red under 50 %, in the OPD league
 * of the briefing and of the wall. `className` is the screen's, which sets the bar's scale (OnTimeBar.css).
 */
export function OnTimeBar({ pct, className }: { pct: number | null; className: string }) {
  const width = pct ?? 0
  return (
    <span className={`on-time-bar ${className}`}>
      <span className={`on-time-bar-fill ${width >= 80 ? 'is-good' : width < 50 ? 'is-bad' : ''}`} style={{ width: `${width}%` }} />
      <span className="on-time-bar-text">{formatPercent(pct)}</span>
    </span>
  )
}

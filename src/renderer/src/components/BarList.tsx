import { Link } from 'react-router'
import { formatNumber, formatPercent } from '../format.ts'

/** One row; with `href` the row is a link (to the complaints it counts). */
export type BarItem = { key: string; label: string; n: number; tone?: string; href?: string }

type BarListProps = {
  items: BarItem[]
  /** What the shares are of (e.g. all complaints received in the period). */
  total: number
  /** Each row gets data-testid "<prefix>-<key>". */
  testIdPrefix: string
  emptyText: string
}

/** A ranked list drawn as horizontal bars with count and share: readable from across a room, unlike a pie. */
export function BarList({ items, total, testIdPrefix, emptyText }: BarListProps) {
  if (items.length === 0) return <p className="empty">{emptyText}</p>
  const max = Math.max(1, ...items.map((i) => i.n))
  return (
    <ol className="barlist">
      {items.map((item) => {
        const cells = (
          <>
            <span className="barlist-label">{item.label}</span>
            <span className="barlist-track" aria-hidden="true">
              <span className={`barlist-bar ${item.tone ?? ''}`} style={{ width: `${(100 * item.n) / max}%` }} />
            </span>
            <span className="barlist-n">{formatNumber(item.n)}</span>
            <span className="barlist-share">{formatPercent(total > 0 ? (100 * item.n) / total : null)}</span>
          </>
        )
        return (
          <li key={item.key} data-testid={`${testIdPrefix}-${item.key}`} data-value={item.n}>
            {item.href ? (
              <Link to={item.href} className="barlist-row barlist-link">
                {cells}
              </Link>
            ) : (
              <div className="barlist-row">{cells}</div>
            )}
          </li>
        )
      })}
    </ol>
  )
}

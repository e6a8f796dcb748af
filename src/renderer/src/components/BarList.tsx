import { formatNumber, formatPercent } from '../format.ts'

export type BarItem = { key: string; label: string; n: number; tone?: string }

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
  const max = Math.max(...items.map((i) => i.n))
  return (
    <ol className="barlist">
      {items.map((item) => (
        <li key={item.key} className="barlist-row" data-testid={`${testIdPrefix}-${item.key}`} data-value={item.n}>
          <span className="barlist-label">{item.label}</span>
          <span className="barlist-track" aria-hidden="true">
            <span className={`barlist-bar ${item.tone ?? ''}`} style={{ width: `${(100 * item.n) / max}%` }} />
          </span>
          <span className="barlist-n">{formatNumber(item.n)}</span>
          <span className="barlist-share">{formatPercent(total > 0 ? (100 * item.n) / total : null)}</span>
        </li>
      ))}
    </ol>
  )
}

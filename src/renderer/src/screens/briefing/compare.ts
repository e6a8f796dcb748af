// A figure against the previous period, as a slide writes it: the change with its sign, and whether the change
// is good news (more complaints is neither: people using the channel is not bad in itself).
import { formatNumber } from '#renderer/format.ts'

export type Better = 'higher' | 'lower' | 'neither'
export type Kind = 'count' | 'percent' | 'days'
export type Change = { direction: 'up' | 'down' | 'same' | 'none'; tone: 'good' | 'bad' | 'neutral'; sign: string; value: string; kind: Kind }

const ONE_DECIMAL = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

export function compare(current: number | null, previous: number | null, kind: Kind, better: Better): Change {
  if (current === null || previous === null || (kind === 'count' && previous === 0)) {
    return { direction: 'none', tone: 'neutral', sign: '', value: '', kind }
  }
  // Counts change by a share of the old value; percentages by points; days by days.
  const delta = kind === 'count' ? (100 * (current - previous)) / previous : current - previous
  const rounded = kind === 'days' ? Math.round(delta) : Math.round(delta * 10) / 10
  if (rounded === 0) return { direction: 'same', tone: 'neutral', sign: '', value: '', kind }
  const direction = rounded > 0 ? 'up' : 'down'
  const isGood = better === 'neither' ? null : (direction === 'up') === (better === 'higher')
  const magnitude = Math.abs(rounded)
  return {
    direction,
    tone: isGood === null ? 'neutral' : isGood ? 'good' : 'bad',
    sign: rounded > 0 ? '+' : '−',
    value: kind === 'count' ? `${ONE_DECIMAL.format(magnitude)}%` : kind === 'days' ? formatNumber(magnitude) : ONE_DECIMAL.format(magnitude),
    kind,
  }
}

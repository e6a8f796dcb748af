// League-table order for the ranked charts: best first, by one figure of the API's rows. A unit without the
// figure (nothing to divide by) goes last; ties go to the unit with more complaints, then by name.
import type { KpiRow } from './useKinerjaData.ts'

export function rankBy(rows: KpiRow[], pick: (r: KpiRow) => number | null, better: 'higher' | 'lower'): KpiRow[] {
  const sign = better === 'higher' ? -1 : 1
  return [...rows].sort((a, b) => {
    const x = pick(a)
    const y = pick(b)
    if (x === null || y === null) return x === y ? b.n - a.n : x === null ? 1 : -1
    return sign * (x - y) || b.n - a.n || a.label.localeCompare(b.label, 'id')
  })
}

/** The rows a league table may rank: the API marks those with enough complaints (never the '' row). */
export function rankable(rows: KpiRow[]): KpiRow[] {
  return rows.filter((r) => r.isRanked)
}

/** A chart's scale: the largest value drawn, the previous period's included. */
export function scaleOf(values: (number | null | undefined)[]): number {
  return Math.max(1, ...values.filter((v): v is number => typeof v === 'number'))
}

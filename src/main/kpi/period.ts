// Splits a period of local dates into whole months (read from the month rows of kpi_count) and the
// leftover days at its edges (read from the day rows): a year costs 12 row reads per slice, not 365.
import { parseDateOrThrow } from '../calendar/days.ts'
import { monthStart } from './aggregates.ts'
import type { Period } from '../../shared/domain.ts'

export type DayRange = { grain: 0 | 1; from: number; to: number } // inclusive day numbers

export function periodDays(period: Period): { from: number; to: number } {
  return { from: parseDateOrThrow(period.from), to: parseDateOrThrow(period.to) }
}

function nextMonthStart(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000
}

export function splitPeriod(period: Period): DayRange[] {
  const { from, to } = periodDays(period)
  const firstFull = monthStart(from) === from ? from : nextMonthStart(from)
  const lastFullEnd = nextMonthStart(to) - 1 === to ? to : monthStart(to) - 1 // last day of the last whole month
  if (firstFull > lastFullEnd) return [{ grain: 0, from, to }]
  const parts: DayRange[] = []
  if (from < firstFull) parts.push({ grain: 0, from, to: firstFull - 1 })
  // Month rows are keyed by their first day, so the range covers first days from firstFull to the last month's.
  parts.push({ grain: 1, from: firstFull, to: monthStart(lastFullEnd) })
  if (lastFullEnd < to) parts.push({ grain: 0, from: lastFullEnd + 1, to })
  return parts
}

/**
 * The period to compare with: for whole months, as many whole months just before (this year against last year,
 * March against February); otherwise the same number of days just before.
 */
export function previousPeriod(period: Period): Period {
  const { from, to } = periodDays(period)
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10)
  if (monthStart(from) === from && nextMonthStart(to) - 1 === to) {
    const a = new Date(from * 86_400_000)
    const b = new Date(to * 86_400_000)
    const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1
    const start = Date.UTC(a.getUTCFullYear(), a.getUTCMonth() - months, 1) / 86_400_000
    return { from: iso(start), to: iso(from - 1) }
  }
  const len = to - from + 1
  return { from: iso(from - len), to: iso(from - 1) }
}

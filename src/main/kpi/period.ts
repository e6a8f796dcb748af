// Splits a period of local dates into whole years, whole months and the leftover days at its edges, read from
// the year, month and day rows of kpi_count: a calendar year costs one row read per slice, not 365.
import { parseDateOrThrow } from '../calendar/days.ts'
import { monthStart, yearStart, type Grain } from './aggregates.ts'
import type { Period } from '../../shared/domain.ts'

export type DayRange = { grain: Grain; from: number; to: number } // inclusive day numbers

export function periodDays(period: Period): { from: number; to: number } {
  return { from: parseDateOrThrow(period.from), to: parseDateOrThrow(period.to) }
}

function nextMonthStart(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000
}

export function splitPeriod(period: Period): DayRange[] {
  const { from, to } = periodDays(period)
  return splitDays(from, to, 2)
}

/** Days from..to (inclusive) as whole years, then whole months, then days at the edges. */
function splitDays(from: number, to: number, grain: Grain): DayRange[] {
  if (from > to) return []
  if (grain === 0) return [{ grain: 0, from, to }]
  const start = grain === 2 ? yearStart : monthStart
  const next = grain === 2 ? nextYearStart : nextMonthStart
  const firstFull = start(from) === from ? from : next(from)
  const lastFullEnd = next(to) - 1 === to ? to : start(to) - 1 // last day of the last whole year or month
  if (firstFull > lastFullEnd) return splitDays(from, to, (grain - 1) as Grain)
  return [
    ...splitDays(from, firstFull - 1, (grain - 1) as Grain),
    // Rows are keyed by their first day, so the range covers first days from firstFull to the last unit's.
    { grain, from: firstFull, to: start(lastFullEnd) },
    ...splitDays(lastFullEnd + 1, to, (grain - 1) as Grain),
  ]
}

function nextYearStart(day: number): number {
  return Date.UTC(new Date(day * 86_400_000).getUTCFullYear() + 1, 0, 1) / 86_400_000
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

// Splits a period of local dates into whole years, quarters, months, 7-day blocks of a month and the leftover days
// at its edges, read from the matching rows of kpi_count: a calendar year costs one row read per slice, and a
// rolling year about sixteen (three quarters, two months, and a few blocks and days at each edge) instead of 365.
import { parseDateOrThrow } from '../calendar/days.ts'
import { monthStart, quarterStart, weekStart, yearStart, type Grain } from './aggregates.ts'
import type { Period } from '#shared/domain.ts'

export type DayRange = { grain: Grain; from: number; to: number } // inclusive day numbers

export function periodDays(period: Period): { from: number; to: number } {
  return { from: parseDateOrThrow(period.from), to: parseDateOrThrow(period.to) }
}

export function splitPeriod(period: Period): DayRange[] {
  const { from, to } = periodDays(period)
  return splitDays(from, to, 0)
}

/** Local days from..to (inclusive day numbers) as the fewest rows of kpi_count. */
export function splitDayRange(from: number, to: number): DayRange[] {
  return splitDays(from, to, 0)
}

type Level = { grain: Grain; start: (day: number) => number; next: (day: number) => number }

/** Coarsest first. Every level's units are whole units of the level below, so the split can recurse. */
const LEVELS: Level[] = [
  { grain: 2, start: yearStart, next: nextYearStart },
  { grain: 4, start: quarterStart, next: (day) => nextMonthStart(quarterStart(day) + 62) },
  { grain: 1, start: monthStart, next: nextMonthStart },
  { grain: 3, start: weekStart, next: (day) => Math.min(weekStart(day) + 7, nextMonthStart(day)) },
]

/** Days from..to (inclusive) as whole units of LEVELS[level] and finer units at the edges. */
function splitDays(from: number, to: number, level: number): DayRange[] {
  if (from > to) return []
  if (level === LEVELS.length) return [{ grain: 0, from, to }]
  const { grain, start, next } = LEVELS[level]
  const firstFull = start(from) === from ? from : next(from)
  const lastFullEnd = next(to) - 1 === to ? to : start(to) - 1 // last day of the last whole unit
  if (firstFull > lastFullEnd) return splitDays(from, to, level + 1)
  return [
    ...splitDays(from, firstFull - 1, level + 1),
    // Rows are keyed by their first day, so the range covers first days from firstFull to the last unit's.
    { grain, from: firstFull, to: start(lastFullEnd) },
    ...splitDays(lastFullEnd + 1, to, level + 1),
  ]
}

function nextMonthStart(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000
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

// The working-day (hari kerja) calendar of one kabupaten, and the two questions every LAPOR! deadline asks:
// how many hari kerja have passed, and when does the N-th hari kerja end.
//
// Hari kerja: Monday–Friday, minus libur nasional, minus cuti bersama when skipCutiBersama (ASN are off; whether
// LAPOR!'s own clock skips them is UNCONFIRMED, so it is a rule flag), minus the kabupaten's own extra days off.
// Days are local days in the kabupaten's zone: the same instant can be Thursday 23:30 in Natuna (WIB) and
// Friday 00:30 in Kutai Timur (WITA), and the two Pemda then have different deadlines for it.
//
// Speed: recomputing deadlines for a million complaints after a calendar edit must not walk days. A calendar
// precomputes, for every day of a range (default 2015-01-01..2035-12-31, widened to hold every given day off),
// the number of working days up to and including it, and the day of each working day by its ordinal. Both
// questions are then O(1) array reads; outside the range no day off is known and Monday–Friday are counted by
// closed-form arithmetic, still O(1).
import { dayOf, formatDay, isWeekend, parseDateOrThrow, startOfDay, weekdaysThrough, firstDayWithWeekdays } from './days.ts'

export type DayOffKind = 'libur' | 'cuti_bersama' | 'lokal'
export type DayOff = { date: string; kind: DayOffKind }

export type CalendarInput = {
  /** The kabupaten's fixed offset (kabupaten.utc_offset_minutes): WIB 420, WITA 480, WIT 540. */
  utcOffsetMinutes: number
  /** Active days off that apply to this kabupaten (national and its own); weekend dates are harmless. */
  daysOff: Iterable<DayOff>
  /** True: a cuti bersama date is not a working day (default rule, UNCONFIRMED upstream). */
  skipCutiBersama: boolean
  /** Precomputed range, local dates inclusive; widened automatically to hold every day off. */
  range?: { from: string; to: string }
}

export type Calendar = {
  readonly utcOffsetMinutes: number
  readonly skipCutiBersama: boolean
  /** First and last precomputed local dates. */
  readonly range: { readonly from: string; readonly to: string }
  readonly offsetMs: number
  readonly lo: number // first precomputed day number
  readonly hi: number // last precomputed day number
  readonly isWorking: Uint8Array // [day - lo] → 1 if a working day
  readonly through: Int32Array // [day - lo] → working days in lo..day, inclusive
  readonly nth: Int32Array // [k - 1] → (day - lo) of the k-th working day of the range
  readonly total: number // working days in the whole range
}

export const DEFAULT_RANGE = { from: '2015-01-01', to: '2035-12-31' } as const

export function createCalendar(input: CalendarInput): Calendar {
  const { utcOffsetMinutes, skipCutiBersama } = input
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
    throw new RangeError(`utcOffsetMinutes tidak valid: ${utcOffsetMinutes}`)
  }
  const off: number[] = []
  for (const d of input.daysOff) {
    // A cuti bersama is an ordinary working day when the rule says LAPOR! does not skip it.
    if (d.kind === 'cuti_bersama' && !skipCutiBersama) continue
    off.push(parseDateOrThrow(d.date))
  }
  const range = input.range ?? DEFAULT_RANGE
  let lo = parseDateOrThrow(range.from)
  let hi = parseDateOrThrow(range.to)
  for (const d of off) {
    if (d < lo) lo = d
    if (d > hi) hi = d
  }
  if (hi < lo) throw new RangeError(`Rentang kalender terbalik: ${range.from}..${range.to}`)

  const size = hi - lo + 1
  const isWorking = new Uint8Array(size)
  for (let i = 0; i < size; i++) isWorking[i] = isWeekend(lo + i) ? 0 : 1
  for (const d of off) isWorking[d - lo] = 0
  const through = new Int32Array(size)
  const nth = new Int32Array(size)
  let count = 0
  for (let i = 0; i < size; i++) {
    if (isWorking[i]) nth[count++] = i
    through[i] = count
  }
  return {
    utcOffsetMinutes,
    skipCutiBersama,
    range: { from: formatDay(lo), to: formatDay(hi) },
    offsetMs: utcOffsetMinutes * 60_000,
    lo,
    hi,
    isWorking,
    through,
    nth: nth.slice(0, count),
    total: count,
  }
}

/** The local date ('YYYY-MM-DD') of an instant in the kabupaten's zone. */
export function localDate(cal: Calendar, atMs: number): string {
  return formatDay(dayOf(finite(atMs), cal.offsetMs))
}

/** Whether a local date is a hari kerja in this kabupaten. */
export function isWorkingDay(cal: Calendar, date: string): boolean {
  return isWorkingDayNumber(cal, parseDateOrThrow(date))
}

/**
 * Hari kerja taken from `fromMs` to `toMs`, defined so that "≤ N hari kerja" has LAPOR!'s meaning:
 * with D the local day of `fromMs` and E that of `toMs`, the result is the ordinal, counted after D, of the
 * working day on which the action falls — E itself if E is a working day, otherwise the next working day after
 * E. Day D never counts, whatever the hour. Examples (no holidays): submitted Friday, handled Friday → 0;
 * handled the next Monday → 1; submitted Saturday, handled Monday → 1 (Monday is day 1); submitted Thursday,
 * handled Saturday → 2 (after the end of Friday, day 1, so it counts as Monday, day 2).
 *
 * Hence, for every N ≥ 1: workingDaysBetween(cal, from, to) <= N  ⇔  to <= dueAt(cal, from, N).
 * A plain count of working days in (D, E] would call a Saturday answer on time for a Friday deadline.
 *
 * `toMs` before `fromMs` (clock skew between systems) gives 0.
 */
export function workingDaysBetween(cal: Calendar, fromMs: number, toMs: number): number {
  if (finite(toMs) < finite(fromMs)) return 0
  const d = dayOf(fromMs, cal.offsetMs)
  const e = dayOf(toMs, cal.offsetMs)
  return workingThrough(cal, e) + (isWorkingDayNumber(cal, e) ? 0 : 1) - workingThrough(cal, d)
}

/**
 * The deadline "N hari kerja after startMs": the last millisecond of the N-th working day after the local day
 * of startMs (local 23:59:59.999, returned as ms UTC), so `atMs <= dueAt(...)` ⇔ met. This inclusive end is
 * chosen over the exclusive next local midnight so that stored due times compare with `<=` everywhere (SQL,
 * KPI code, UI) and display as the right date. N must be an integer ≥ 1.
 */
export function dueAt(cal: Calendar, startMs: number, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Jumlah hari kerja harus bilangan bulat ≥ 1, bukan ${n}`)
  const d = dayOf(finite(startMs), cal.offsetMs)
  const e = dayWithWorkingCount(cal, workingThrough(cal, d) + n)
  return startOfDay(e + 1, cal.offsetMs) - 1
}

/** Calendar-day deadline (the 60-day cap): the end of the local day N days after the local day of startMs. */
export function dueAfterCalendarDays(cal: Calendar, startMs: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Jumlah hari harus bilangan bulat ≥ 0, bukan ${n}`)
  return startOfDay(dayOf(finite(startMs), cal.offsetMs) + n + 1, cal.offsetMs) - 1
}

/** Local calendar days from the day of fromMs to the day of toMs (0 on the same day or if toMs is earlier). */
export function calendarDaysBetween(cal: Calendar, fromMs: number, toMs: number): number {
  if (finite(toMs) < finite(fromMs)) return 0
  return dayOf(toMs, cal.offsetMs) - dayOf(fromMs, cal.offsetMs)
}

function isWorkingDayNumber(cal: Calendar, day: number): boolean {
  if (day < cal.lo || day > cal.hi) return !isWeekend(day)
  return cal.isWorking[day - cal.lo] === 1
}

/** Working days up to and including `day`, relative to the day before the range (0 there; negative before). */
function workingThrough(cal: Calendar, day: number): number {
  if (day < cal.lo) return weekdaysThrough(day) - weekdaysThrough(cal.lo - 1)
  if (day > cal.hi) return cal.total + weekdaysThrough(day) - weekdaysThrough(cal.hi)
  return cal.through[day - cal.lo]
}

/** The first day on which workingThrough reaches `count`; it is always a working day. */
function dayWithWorkingCount(cal: Calendar, count: number): number {
  if (count <= 0) return firstDayWithWeekdays(count + weekdaysThrough(cal.lo - 1))
  if (count > cal.total) return firstDayWithWeekdays(count - cal.total + weekdaysThrough(cal.hi))
  return cal.lo + cal.nth[count - 1]
}

function finite(ms: number): number {
  if (!Number.isFinite(ms)) throw new TypeError(`Waktu tidak valid: ${ms}`)
  return ms
}

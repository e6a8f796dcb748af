// Working days (hari kerja) for the generator: Monday–Friday minus libur nasional and cuti bersama, in the
// kabupaten's own zone. A deliberately small internal helper: the generator only needs "the n-th working day
// after day d" in O(1), so it precomputes a table over the span it works in.
import { readJson } from '#main/resources.ts'

export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

type HolidayFile = Record<string, { libur?: [string, string][]; cuti_bersama?: [string, string][] } | string>

// The shipped table starts in 2024 but the default three-year span reaches into late 2023.
const EXTRA_HOLIDAYS = ['2023-12-25', '2023-12-26'] // Natal 2023 and its cuti bersama (SKB 2023)

/** Local day numbers (days since 1970-01-01 in local time) of every official day off. */
export function loadHolidayDays(): Set<number> {
  const file = readJson<HolidayFile>('calendar', 'holidays-id-2024-2026.json')
  const days = new Set<number>(EXTRA_HOLIDAYS.map(dayOfIsoDate))
  for (const [year, entry] of Object.entries(file)) {
    if (!/^\d{4}$/.test(year) || typeof entry !== 'object') continue
    for (const [date] of [...(entry.libur ?? []), ...(entry.cuti_bersama ?? [])]) days.add(dayOfIsoDate(date))
  }
  return days
}

export function dayOfIsoDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / DAY
}

/** 0 = Sunday … 6 = Saturday for a day number (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export class WorkCalendar {
  readonly offsetMs: number
  private readonly first: number
  private readonly work: Uint8Array
  /** rank[i] = number of working days before day first+i. */
  private readonly rank: Int32Array
  private readonly workdays: Int32Array

  constructor(offsetMinutes: number, firstDay: number, lastDay: number, holidays: Set<number>) {
    this.offsetMs = offsetMinutes * MINUTE
    this.first = firstDay
    const n = lastDay - firstDay + 1
    this.work = new Uint8Array(n)
    this.rank = new Int32Array(n + 1)
    const list: number[] = []
    for (let i = 0; i < n; i++) {
      const day = firstDay + i
      const wd = weekdayOf(day)
      this.rank[i] = list.length
      if (wd !== 0 && wd !== 6 && !holidays.has(day)) {
        this.work[i] = 1
        list.push(day)
      }
    }
    this.rank[n] = list.length
    this.workdays = Int32Array.from(list)
  }

  /** Local day number of a UTC instant. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetMs) / DAY)
  }

  /** Minutes since local midnight of a UTC instant. */
  minuteOfDay(ms: number): number {
    return Math.floor((((ms + this.offsetMs) % DAY) + DAY) % DAY / MINUTE)
  }

  /** The UTC instant of a local day plus minutes since local midnight. */
  at(day: number, minutes: number): number {
    return day * DAY + minutes * MINUTE - this.offsetMs
  }

  isWork(day: number): boolean {
    return this.work[this.index(day)] === 1
  }

  /** n = 0: the day itself if it is a working day, else the next one; n ≥ 1: the n-th working day after it. */
  nthWorkday(day: number, n: number): number {
    const r = n === 0 ? this.rank[this.index(day)] : this.rank[this.index(day) + 1] + n - 1
    if (r >= this.workdays.length) throw new Error('WorkCalendar: beyond the precomputed range')
    return this.workdays[r]
  }

  /** Working days after the local day of `from` up to and including the local day of `to` (0 if the same day). */
  workdaysBetween(from: number, to: number): number {
    const a = this.index(this.dayOf(from))
    const b = this.index(this.dayOf(to))
    return b <= a ? 0 : this.rank[b + 1] - this.rank[a + 1]
  }

  private index(day: number): number {
    const i = day - this.first
    if (i < 0 || i >= this.work.length) throw new Error('WorkCalendar: day outside the precomputed range')
    return i
  }
}

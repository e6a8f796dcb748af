// The calendar arithmetic without a store: definitions, zones near midnight, and the O(1) tables checked against
// a day-by-day walk, inside and outside the precomputed range.
import { describe, expect, it } from 'vitest'
import {
  createCalendar,
  dueAt,
  isWorkingDay,
  localDate,
  workingDaysBetween,
  calendarDaysBetween,
  dueAfterCalendarDays,
  type Calendar,
} from '#main/calendar/calendar.ts'
import { DAY_MS, formatDay, parseDate, weekdayOf } from '#main/calendar/days.ts'
import { at, endOf, officialDaysOff } from './time.ts'

const wita = (skipCutiBersama = true) => createCalendar({ utcOffsetMinutes: 480, daysOff: officialDaysOff(), skipCutiBersama })
const wib = () => createCalendar({ utcOffsetMinutes: 420, daysOff: officialDaysOff(), skipCutiBersama: true })

describe('day arithmetic', () => {
  it('parses only real dates and knows the weekday', () => {
    expect(parseDate('2024-02-29')).not.toBeNull()
    expect(parseDate('2025-02-29')).toBeNull()
    expect(parseDate('2025-13-01')).toBeNull()
    expect(parseDate('2025-1-01')).toBeNull()
    expect(formatDay(parseDate('2025-08-18')!)).toBe('2025-08-18')
    expect(weekdayOf(parseDate('2025-08-18')!)).toBe(0) // Monday
    expect(weekdayOf(parseDate('2024-04-10')!)).toBe(2) // Idul Fitri 1445 H was a Wednesday
  })
})

describe('definitions', () => {
  const cal = wita()
  it('counts working days after the day of submission, whatever its hour', () => {
    // Thursday 10 July 2025: no day off in July 2025.
    const thu = at('2025-07-10 23:59', 'WITA')
    expect(workingDaysBetween(cal, thu, at('2025-07-10 23:59:59', 'WITA'))).toBe(0)
    expect(workingDaysBetween(cal, at('2025-07-10 00:00', 'WITA'), at('2025-07-11 00:01', 'WITA'))).toBe(1)
    expect(workingDaysBetween(cal, thu, at('2025-07-14 08:00', 'WITA'))).toBe(2) // Fri, Mon
    // An answer on Saturday came after the end of Friday: it counts as Monday, day 2.
    expect(workingDaysBetween(cal, thu, at('2025-07-12 10:00', 'WITA'))).toBe(2)
    // Submitted on Saturday: Monday is day 1, and a Saturday answer is within day 1.
    const sat = at('2025-07-12 10:00', 'WITA')
    expect(workingDaysBetween(cal, sat, at('2025-07-12 11:00', 'WITA'))).toBe(1)
    expect(workingDaysBetween(cal, sat, at('2025-07-14 16:00', 'WITA'))).toBe(1)
    expect(dueAt(cal, sat, 1)).toBe(endOf('2025-07-14', 'WITA'))
  })

  it('puts the deadline at the last millisecond of the N-th working day, so <= due means met', () => {
    const thu = at('2025-07-10 14:00', 'WITA')
    const due = dueAt(cal, thu, 3) // Fri 11, Mon 14, Tue 15
    expect(due).toBe(endOf('2025-07-15', 'WITA'))
    expect(localDate(cal, due)).toBe('2025-07-15')
    expect(localDate(cal, due + 1)).toBe('2025-07-16')
    expect(workingDaysBetween(cal, thu, due)).toBe(3)
    expect(workingDaysBetween(cal, thu, due + 1)).toBe(4)
  })

  it('gives 0 for an action stamped before its start (clock skew)', () => {
    expect(workingDaysBetween(cal, at('2025-07-14 10:00', 'WITA'), at('2025-07-10 10:00', 'WITA'))).toBe(0)
  })

  it('counts calendar days for the 60-day cap the same way', () => {
    const s = at('2025-01-10 10:00', 'WITA')
    expect(dueAfterCalendarDays(cal, s, 60)).toBe(endOf('2025-03-11', 'WITA'))
    expect(calendarDaysBetween(cal, s, at('2025-03-11 23:00', 'WITA'))).toBe(60)
  })

  it('rejects a deadline of zero or fractional days and non-finite times', () => {
    expect(() => dueAt(cal, 0, 0)).toThrow(RangeError)
    expect(() => dueAt(cal, 0, 1.5)).toThrow(RangeError)
    expect(() => workingDaysBetween(cal, Number.NaN, 0)).toThrow(TypeError)
  })
})

describe('time zones near midnight', () => {
  // 2025-07-10T16:30Z is Thursday 23:30 in Natuna (WIB) but already Friday 00:30 in Kutai Timur (WITA).
  const instant = Date.parse('2025-07-10T16:30:00Z')

  it('puts the same instant on different local days', () => {
    expect(localDate(wib(), instant)).toBe('2025-07-10')
    expect(localDate(wita(), instant)).toBe('2025-07-11')
    // Local midnight, not the UTC date: 17:00Z is 00:00 Friday in WIB while the UTC date is still the 10th.
    expect(localDate(wib(), Date.parse('2025-07-10T17:00:00Z'))).toBe('2025-07-11')
    expect(localDate(wib(), Date.parse('2025-07-10T16:59:59.999Z'))).toBe('2025-07-10')
  })

  it('gives each kabupaten its own deadline for it', () => {
    expect(dueAt(wib(), instant, 3)).toBe(endOf('2025-07-15', 'WIB')) // from Thu: Fri, Mon, Tue
    expect(dueAt(wita(), instant, 3)).toBe(endOf('2025-07-16', 'WITA')) // from Fri: Mon, Tue, Wed
    expect(endOf('2025-07-15', 'WIB')).toBe(Date.parse('2025-07-15T16:59:59.999Z'))
    expect(endOf('2025-07-16', 'WITA')).toBe(Date.parse('2025-07-16T15:59:59.999Z'))
    // An answer at Tue 23:30 WIB is on time in Natuna; half an hour later it is Wednesday there.
    expect(workingDaysBetween(wib(), instant, Date.parse('2025-07-15T16:30:00Z'))).toBe(3)
    expect(workingDaysBetween(wib(), instant, Date.parse('2025-07-15T17:30:00Z'))).toBe(4)
  })

  it('does not depend on the machine zone', () => {
    // vitest runs with TZ=UTC; the calendar must never call local-time Date methods.
    expect(process.env.TZ).toBe('UTC')
    expect(localDate(wita(), at('2025-07-10 00:00', 'WITA'))).toBe('2025-07-10')
  })
})

// A slow reference: walk local dates one by one with isWorkingDay.
function naiveWorkingDays(cal: Calendar, fromMs: number, toMs: number): number {
  if (toMs < fromMs) return 0
  const off = cal.utcOffsetMinutes * 60_000
  const d = Math.floor((fromMs + off) / DAY_MS)
  let e = Math.floor((toMs + off) / DAY_MS)
  while (!isWorkingDay(cal, formatDay(e))) e++ // an action on a day off counts on the next working day
  let n = 0
  for (let x = d + 1; x <= e; x++) if (isWorkingDay(cal, formatDay(x))) n++
  return n
}

function naiveDueAt(cal: Calendar, startMs: number, n: number): number {
  const off = cal.utcOffsetMinutes * 60_000
  let x = Math.floor((startMs + off) / DAY_MS)
  for (let k = 0; k < n; ) if (isWorkingDay(cal, formatDay(++x))) k++
  return (x + 1) * DAY_MS - off - 1
}

// Deterministic pseudo-random numbers so a failure can be replayed.
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
}

describe('precomputed tables against a day-by-day walk', () => {
  const cases: [string, Calendar, number, number][] = [
    ['official table, default range', wita(), Date.parse('2023-06-01'), Date.parse('2027-06-01')],
    ['official table, cuti bersama working', wita(false), Date.parse('2023-06-01'), Date.parse('2027-06-01')],
    // A narrow range: most instants fall outside it and use the closed-form Mon–Fri arithmetic.
    [
      'narrow range, crossing both ends',
      createCalendar({ utcOffsetMinutes: 420, daysOff: officialDaysOff(), skipCutiBersama: true, range: { from: '2025-01-01', to: '2025-01-31' } }),
      Date.parse('2023-01-01'),
      Date.parse('2028-01-01'),
    ],
    ['far outside the default range', wib(), Date.parse('2013-06-01'), Date.parse('2037-06-01')],
  ]
  for (const [name, cal, lo, hi] of cases) {
    it(`agrees for random instants: ${name}`, () => {
      const rnd = lcg(name.length * 7919)
      for (let i = 0; i < 1500; i++) {
        const from = lo + Math.floor(rnd() * (hi - lo))
        const to = from + Math.floor(rnd() * 40 * DAY_MS) - 2 * DAY_MS
        const n = 1 + Math.floor(rnd() * 15)
        const wd = workingDaysBetween(cal, from, to)
        expect(wd, `${new Date(from).toISOString()} → ${new Date(to).toISOString()}`).toBe(naiveWorkingDays(cal, from, to))
        const due = dueAt(cal, from, n)
        expect(due).toBe(naiveDueAt(cal, from, n))
        // The definition the KPI layer relies on: "≤ N hari kerja" ⇔ "by the due instant".
        expect(wd <= n).toBe(to <= due)
      }
    })
  }

  it('widens its range to hold a day off outside the default one', () => {
    const cal = createCalendar({ utcOffsetMinutes: 480, daysOff: [{ date: '2040-01-02', kind: 'lokal' }], skipCutiBersama: true })
    expect(cal.range.to).toBe('2040-01-02')
    expect(isWorkingDay(cal, '2040-01-02')).toBe(false)
    expect(isWorkingDay(cal, '2040-01-03')).toBe(true)
  })
})

// Deadlines over the official days off, hand-checked against resources/calendar/holidays-id-2024-2026.json and
// the weekday of each date, with the calendar loaded from a real store.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { seedOfficialHolidays } from '#main/calendar/holiday-import.ts'
import {
  addLocalDayOff,
  calendarRevision,
  loadCalendar,
  loadDeadlineRules,
  saveDeadlineRules,
  setDayOffActive,
} from '#main/calendar/store.ts'
import { dueAt, isWorkingDay, workingDaysBetween } from '#main/calendar/calendar.ts'
import { DEFAULT_DEADLINE_RULES } from '#main/calendar/deadlines.ts'
import { loadMigrations, migrate } from '#main/store/migrate.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { at, endOf, KUTIM, NATUNA } from './time.ts'

function store() {
  const { db } = tempStore()
  seedKabupaten(db, KUTIM)
  seedKabupaten(db, NATUNA)
  seedOfficialHolidays(db)
  return db
}

describe('official days off', () => {
  it('Idul Fitri 2024: libur Wed 10–Thu 11 April, cuti bersama Mon 8, Tue 9, Fri 12, Mon 15 April', () => {
    const cal = loadCalendar(store(), KUTIM)
    expect(isWorkingDay(cal, '2024-04-05')).toBe(true) // Friday before
    for (const d of ['2024-04-08', '2024-04-09', '2024-04-10', '2024-04-11', '2024-04-12', '2024-04-13', '2024-04-14', '2024-04-15']) {
      expect(isWorkingDay(cal, d), d).toBe(false)
    }
    expect(isWorkingDay(cal, '2024-04-16')).toBe(true)
    // Submitted Friday 5 April: day 1 is Tuesday 16, day 3 Thursday 18.
    const fri = at('2024-04-05 10:00', 'WITA')
    expect(dueAt(cal, fri, 3)).toBe(endOf('2024-04-18', 'WITA'))
    expect(dueAt(cal, fri, 5)).toBe(endOf('2024-04-22', 'WITA')) // 16, 17, 18, 19, Mon 22
    expect(workingDaysBetween(cal, fri, at('2024-04-16 09:00', 'WITA'))).toBe(1)
    // Submitted Thursday 4 April: Friday 5 is day 1, then Tuesday 16, Wednesday 17.
    expect(dueAt(cal, at('2024-04-04 15:00', 'WITA'), 3)).toBe(endOf('2024-04-17', 'WITA'))
  })

  it('Idul Fitri 2025: libur Mon 31 March–Tue 1 April, cuti bersama 2, 3, 4, 7 April (and Nyepi 28–29 March)', () => {
    const cal = loadCalendar(store(), KUTIM)
    for (const d of ['2025-03-28', '2025-03-31', '2025-04-01', '2025-04-02', '2025-04-03', '2025-04-04', '2025-04-07']) {
      expect(isWorkingDay(cal, d), d).toBe(false)
    }
    expect(isWorkingDay(cal, '2025-03-27')).toBe(true)
    expect(isWorkingDay(cal, '2025-04-08')).toBe(true)
    // Submitted Thursday 27 March: nothing is a working day until Tuesday 8 April.
    const thu = at('2025-03-27 10:00', 'WITA')
    expect(workingDaysBetween(cal, thu, at('2025-04-07 15:00', 'WITA'))).toBe(1) // a day off counts as the next working day
    expect(workingDaysBetween(cal, thu, at('2025-04-08 15:00', 'WITA'))).toBe(1)
    expect(workingDaysBetween(cal, thu, at('2025-04-10 15:00', 'WITA'))).toBe(3)
    expect(dueAt(cal, thu, 3)).toBe(endOf('2025-04-10', 'WITA'))
    // Dispositioned Wednesday 26 March: Thu 27, Tue 8, Wed 9, Thu 10, Fri 11 April.
    expect(dueAt(cal, at('2025-03-26 16:00', 'WITA'), 5)).toBe(endOf('2025-04-11', 'WITA'))
  })

  it('18 August 2025, added as cuti bersama by the SKB amendment, moves a deadline by one day', () => {
    const db = store()
    const cal = loadCalendar(db, NATUNA)
    expect(isWorkingDay(cal, '2025-08-18')).toBe(false) // Monday after the Sunday 17 August
    // Submitted Friday 15 August: Tue 19, Wed 20, Thu 21.
    expect(dueAt(cal, at('2025-08-15 10:00', 'WIB'), 3)).toBe(endOf('2025-08-21', 'WIB'))
  })

  it('a deadline across a plain weekend', () => {
    const cal = loadCalendar(store(), KUTIM)
    // Thursday 10 July 2025 (no day off in July 2025): Fri 11, Mon 14, Tue 15.
    expect(dueAt(cal, at('2025-07-10 14:00', 'WITA'), 3)).toBe(endOf('2025-07-15', 'WITA'))
  })

  it('deadlines across the year end: Natal Thu 25, cuti bersama Fri 26 December 2025, Tahun Baru Thu 1 January 2026', () => {
    const cal = loadCalendar(store(), NATUNA)
    const wed = at('2025-12-24 09:00', 'WIB')
    expect(dueAt(cal, wed, 3)).toBe(endOf('2025-12-31', 'WIB')) // Mon 29, Tue 30, Wed 31
    expect(dueAt(cal, wed, 5)).toBe(endOf('2026-01-05', 'WIB')) // … Fri 2, Mon 5
    expect(dueAt(cal, wed, 10)).toBe(endOf('2026-01-12', 'WIB')) // … Tue 6 – Fri 9, Mon 12
    expect(workingDaysBetween(cal, wed, at('2026-01-02 10:00', 'WIB'))).toBe(4)
    // 2024: Natal Wed 25, cuti bersama Thu 26, Tahun Baru Wed 1 January 2025.
    expect(dueAt(cal, at('2024-12-24 09:00', 'WIB'), 5)).toBe(endOf('2025-01-03', 'WIB')) // 27, 30, 31, 2, 3
  })

  it('with skip_cuti_bersama = 0 a cuti bersama is a working day, for that kabupaten only', () => {
    const db = store()
    saveDeadlineRules(db, KUTIM, { skipCutiBersama: false })
    const kutim = loadCalendar(db, KUTIM)
    expect(isWorkingDay(kutim, '2024-04-08')).toBe(true)
    expect(isWorkingDay(kutim, '2024-04-10')).toBe(false) // libur stays a day off
    // Friday 5 April 2024: Mon 8, Tue 9, Fri 12.
    expect(dueAt(kutim, at('2024-04-05 10:00', 'WITA'), 3)).toBe(endOf('2024-04-12', 'WITA'))
    // Year end 2025: Fri 26 December counts; Mon 29, Tue 30.
    expect(dueAt(kutim, at('2025-12-24 09:00', 'WITA'), 3)).toBe(endOf('2025-12-30', 'WITA'))
    expect(dueAt(loadCalendar(db, NATUNA), at('2024-04-05 10:00', 'WIB'), 3)).toBe(endOf('2024-04-18', 'WIB'))
  })

  it("a kabupaten's local day off does not touch the other kabupaten", () => {
    const db = store()
    addLocalDayOff(db, KUTIM, '2025-07-14', 'Libur lokal (uji)')
    const kutim = loadCalendar(db, KUTIM)
    const natuna = loadCalendar(db, NATUNA)
    expect(isWorkingDay(kutim, '2025-07-14')).toBe(false)
    expect(isWorkingDay(natuna, '2025-07-14')).toBe(true)
    expect(dueAt(kutim, at('2025-07-10 14:00', 'WITA'), 3)).toBe(endOf('2025-07-16', 'WITA')) // Fri 11, Tue 15, Wed 16
    expect(dueAt(natuna, at('2025-07-10 14:00', 'WIB'), 3)).toBe(endOf('2025-07-15', 'WIB'))
  })

  it('switching a date off (or back on) changes the result and the revision', () => {
    const db = store()
    const rev = calendarRevision(db)
    const fri = at('2025-08-15 10:00', 'WITA')
    expect(setDayOffActive(db, '2025-08-18', null, false)).toBe(true)
    expect(calendarRevision(db)).toBeGreaterThan(rev)
    expect(dueAt(loadCalendar(db, KUTIM), fri, 3)).toBe(endOf('2025-08-20', 'WITA')) // Mon 18 works again
    setDayOffActive(db, '2025-08-18', null, true)
    expect(dueAt(loadCalendar(db, KUTIM), fri, 3)).toBe(endOf('2025-08-21', 'WITA'))
    expect(setDayOffActive(db, '2025-08-19', null, false)).toBe(false) // no such national row
  })

  it('gives each kabupaten a rule row with the LAPOR! defaults', () => {
    const db = store()
    expect(loadDeadlineRules(db, KUTIM)).toEqual(DEFAULT_DEADLINE_RULES)
    expect(loadDeadlineRules(db, NATUNA)).toEqual(DEFAULT_DEADLINE_RULES)
    expect(() => saveDeadlineRules(db, KUTIM, { verificationDays: 0 })).toThrow()
    expect(() => loadCalendar(db, '99.99')).toThrow(/99\.99/)
  })

  it('gives a rule row to a kabupaten that was already in a store made before 0002', () => {
    const db = new Database(join(tempDir(), 'old.db'))
    try {
      db.pragma('foreign_keys = ON')
      migrate(db, loadMigrations().filter((m) => m.version === 1))
      // What a build from before 0002 wrote (today's seed code already expects the calendar tables).
      db.prepare(
        `INSERT INTO kabupaten (kode, nama, provinsi_kode, provinsi, ibukota, time_zone, utc_offset_minutes)
         VALUES (?, 'Kabupaten Natuna', '21', 'Kepulauan Riau', 'Ranai', 'Asia/Jakarta', 420)`,
      ).run(NATUNA)
      migrate(db)
      expect(loadDeadlineRules(db, NATUNA)).toEqual(DEFAULT_DEADLINE_RULES)
    } finally {
      db.close()
    }
  })
})

// Loading the official table and importing amendments: idempotent seed, all-or-nothing import with errors that
// say where, replace/merge semantics, and local days off left alone.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { importHolidays, importHolidaysFile, officialYears, seedOfficialHolidays } from '#main/calendar/holiday-import.ts'
import { formatHolidayFileErrors } from '#main/calendar/holiday-file.ts'
import { addLocalDayOff, calendarRevision, listDaysOff, loadCalendar, setDayOffActive } from '#main/calendar/store.ts'
import { isWorkingDay } from '#main/calendar/calendar.ts'
import { resourcePath } from '#main/resources.ts'
import { readJson } from '#main/resources.ts'
import type { Db } from '#main/store/open.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { KUTIM } from './time.ts'

type YearJson = { skb: string; libur: [string, string][]; cuti_bersama: [string, string][] }
const official = () => readJson<Record<string, YearJson>>('calendar', 'holidays-id-2024-2026.json')

function seeded(): Db {
  const { db } = tempStore()
  seedKabupaten(db, KUTIM)
  seedOfficialHolidays(db)
  return db
}

const snapshot = (db: Db) => ({
  rows: db.prepare('SELECT * FROM calendar_day_off ORDER BY id').all(),
  years: db.prepare('SELECT * FROM calendar_year ORDER BY year').all(),
  revision: calendarRevision(db),
})

describe('seedOfficialHolidays', () => {
  it('loads every date of the shipped table once, however often it runs', () => {
    const { db } = tempStore()
    // 2019: 17 libur + 4 cuti bersama; 2020: 17 + 5; 2021: 15 + 1; 2022: 16 + 4; 2023: 16 + 11 (106);
    // 2024: 19 + 10; 2025: 17 + 11; 2026: 17 + 8 (82).
    expect(seedOfficialHolidays(db)).toEqual({ added: 188 })
    const rev = calendarRevision(db)
    expect(seedOfficialHolidays(db)).toEqual({ added: 0 })
    expect(calendarRevision(db)).toBe(rev)
    expect(db.prepare('SELECT count(*) FROM calendar_day_off WHERE kabupaten_kode IS NULL').pluck().get()).toBe(188)
    expect(db.prepare('SELECT year FROM calendar_year ORDER BY year').pluck().all()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    expect(officialYears()).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    expect(resourcePath('calendar', 'holidays-id-2024-2026.json')).toMatch(/resources[/\\]calendar/)
  })

  it('skips the holidays of 2019–2023 as the SKBs and their amendments left them', () => {
    const cal = loadCalendar(seeded(), KUTIM)
    // Idul Fitri and its cuti bersama, Natal, election days (Keppres), and the COVID-era changes.
    for (const d of ['2019-04-17', '2019-06-03', '2019-06-07', '2019-12-24', '2020-12-09', '2020-12-31', '2020-08-21', '2021-05-12', '2021-08-11', '2021-10-20', '2022-04-29', '2022-05-06', '2023-04-19', '2023-04-25', '2023-06-28', '2023-12-26']) {
      expect(isWorkingDay(cal, d), d).toBe(false)
    }
    // Days the amendments gave back: 28–30 Dec 2020, 10 Aug / 19 Oct / 24 Dec 2021; no cuti bersama Natal 2022.
    for (const d of ['2020-12-28', '2020-12-29', '2020-12-30', '2021-08-10', '2021-10-19', '2021-12-24', '2022-12-26']) {
      expect(isWorkingDay(cal, d), d).toBe(true)
    }
  })

  it('does not switch back on a date an admin switched off', () => {
    const db = seeded()
    setDayOffActive(db, '2025-08-18', null, false)
    seedOfficialHolidays(db)
    expect(isWorkingDay(loadCalendar(db, KUTIM), '2025-08-18')).toBe(true)
  })
})

describe('importHolidays', () => {
  const malformed = {
    _note: 'comments are allowed',
    '2026': {
      skb: 'SKB uji',
      libur: [
        ['2026-01-01', 'Tahun Baru'],
        ['2026-02-30', 'Tanggal yang tidak ada'],
      ],
      cuti_bersama: [['2026-03-18']],
    },
    '2027': { skb: 'SKB uji', libur: [['2026-05-01', 'Tahun salah']], cuti_bersama: [] },
    '2028': { libur: 'tidak ada', cuti_bersama: [] },
    '20x9': { skb: 'x', libur: [], cuti_bersama: [] },
  }

  it('rejects a malformed file with errors that say where, and changes nothing', () => {
    const db = seeded()
    const before = snapshot(db)
    const res = importHolidays(db, malformed)
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ year: '2026', list: 'libur', index: 1, message: expect.stringContaining('2026-02-30') }),
        expect.objectContaining({ year: '2026', list: 'cuti_bersama', index: 0, message: expect.stringContaining('pasangan') }),
        expect.objectContaining({ year: '2027', list: 'libur', index: 0, message: expect.stringContaining('tidak berada di tahun 2027') }),
        expect.objectContaining({ year: '2028', message: expect.stringContaining('skb') }),
        expect.objectContaining({ year: '2028', message: expect.stringContaining('libur wajib ada') }),
        expect.objectContaining({ year: '20x9', message: expect.stringContaining('bukan tahun') }),
      ]),
    )
    const text = formatHolidayFileErrors(res.errors)
    expect(text).toContain('tahun 2026, libur no. 2 (indeks 1), tanggal: tanggal "2026-02-30" tidak ada di kalender')
    expect(text).toContain('tahun 2026, cuti_bersama no. 1 (indeks 0)')
    expect(snapshot(db)).toEqual(before)
  })

  it('imports nothing when one year is bad and another is fine', () => {
    const db = seeded()
    const before = snapshot(db)
    const good = { skb: 'SKB 2027 (uji)', libur: [['2027-01-01', 'Tahun Baru']], cuti_bersama: [] }
    const res = importHolidays(db, { '2027': good, '2028': { ...good, libur: [['2028-01-01', 'A'], ['2028-01-01', 'B']] } })
    expect(res.ok).toBe(false)
    if (!res.ok) expect(formatHolidayFileErrors(res.errors)).toContain('tahun 2028, libur no. 2 (indeks 1), tanggal: tanggal 2028-01-01 sudah tercantum di libur no. 1')
    expect(snapshot(db)).toEqual(before)
  })

  it('reports a file that is not JSON, and one that cannot be read', () => {
    const db = seeded()
    const file = join(tempDir(), 'amandemen.json')
    writeFileSync(file, '{ "2026": { "skb": "x", } }')
    const bad = importHolidaysFile(db, file)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ where: file, message: expect.stringContaining('bukan JSON yang sah') })
    const missing = importHolidaysFile(db, join(tempDir(), 'tidak-ada.json'))
    expect(missing.ok).toBe(false)
  })

  it('replaces a whole year: a date moved by an amendment leaves its old day (hypothetical move)', () => {
    const db = seeded()
    const y2026 = official()['2026']
    const moved = { ...y2026, skb: `${y2026.skb}; perubahan (uji)`, libur: y2026.libur.map(([d, n]): [string, string] => (d === '2026-08-25' ? ['2026-08-26', n] : [d, n])) }
    addLocalDayOff(db, KUTIM, '2026-08-27', 'Libur lokal (uji)')
    const rev = calendarRevision(db)

    const preview = importHolidays(db, { '2026': moved }, { dryRun: true })
    expect(preview).toEqual({ ok: true, dryRun: true, summary: { years: [2026], added: 1, changed: 0, deactivated: 1, unchanged: 24 } })
    expect(calendarRevision(db)).toBe(rev)

    const file = join(tempDir(), 'amandemen-2026.json')
    writeFileSync(file, JSON.stringify({ '2026': moved }))
    expect(importHolidaysFile(db, file)).toMatchObject({ ok: true, summary: { added: 1, deactivated: 1 } })
    expect(calendarRevision(db)).toBeGreaterThan(rev)
    const cal = loadCalendar(db, KUTIM)
    expect(isWorkingDay(cal, '2026-08-25')).toBe(true)
    expect(isWorkingDay(cal, '2026-08-26')).toBe(false)
    expect(isWorkingDay(cal, '2026-08-27')).toBe(false) // the local day off is not the import's business
    const old = listDaysOff(db, KUTIM, 2026).find((r) => r.date === '2026-08-25')
    expect(old).toMatchObject({ is_active: 0, source: 'shipped' }) // kept, switched off
    expect(db.prepare('SELECT skb FROM calendar_year WHERE year = 2026').pluck().get()).toMatch(/perubahan \(uji\)$/)
    // Importing the same file again changes nothing.
    expect(importHolidaysFile(db, file)).toMatchObject({ ok: true, summary: { added: 0, changed: 0, deactivated: 0, unchanged: 25 } })
  })

  it('merge only adds and updates, and a new year can be added', () => {
    const db = seeded()
    const res = importHolidays(
      db,
      { '2026': { skb: 'tambahan (uji)', libur: [], cuti_bersama: [['2026-12-28', 'Tambahan (uji)']] }, '2027': { skb: 'SKB 2027 (uji)', libur: [['2027-01-01', 'Tahun Baru 2027 Masehi']], cuti_bersama: [] } },
      { mode: 'merge' },
    )
    expect(res).toMatchObject({ ok: true, summary: { years: [2026, 2027], added: 2, deactivated: 0 } })
    const cal = loadCalendar(db, KUTIM)
    expect(isWorkingDay(cal, '2026-12-28')).toBe(false)
    expect(isWorkingDay(cal, '2026-12-25')).toBe(false) // untouched by a merge
    expect(isWorkingDay(cal, '2027-01-01')).toBe(false)
  })

  it('an import switches an official date back on if the file lists it', () => {
    const db = seeded()
    setDayOffActive(db, '2025-08-18', null, false)
    const res = importHolidays(db, { '2025': official()['2025'] })
    expect(res).toMatchObject({ ok: true, summary: { changed: 1, deactivated: 0 } })
    expect(isWorkingDay(loadCalendar(db, KUTIM), '2025-08-18')).toBe(false)
  })
})

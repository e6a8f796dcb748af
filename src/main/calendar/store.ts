// The calendar and deadline rules of a kabupaten as held in the store (0002_calendar.sql), and the small edits
// Pengaturan makes to them. Callers that edit on behalf of a user write the audit log themselves.
import { z } from 'zod'
import type { Db } from '../store/open.ts'
import { createCalendar, type Calendar, type DayOffKind } from './calendar.ts'
import { parseDateOrThrow } from './days.ts'
import { CAP_UNITS, type CapUnit, type DeadlineRules } from './deadlines.ts'

type RuleRow = {
  verification_days: number
  first_response_days: number
  auto_close_days: number
  completion_cap_days: number
  completion_cap_unit: CapUnit
  is_skip_cuti_bersama: number
}

/** Builds the calendar of one kabupaten: its zone, the active national days off, its own days off, its rules. */
export function loadCalendar(db: Db, kabupatenKode: string): Calendar {
  const kab = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').get(kabupatenKode) as
    | { utc_offset_minutes: number }
    | undefined
  if (!kab) throw new Error(`Kabupaten ${kabupatenKode} tidak ada di berkas data`)
  const rules = loadDeadlineRules(db, kabupatenKode)
  const daysOff = db
    .prepare(
      `SELECT date, kind FROM calendar_day_off
       WHERE is_active = 1 AND (kabupaten_kode IS NULL OR kabupaten_kode = ?)`,
    )
    .all(kabupatenKode) as { date: string; kind: DayOffKind }[]
  return createCalendar({ utcOffsetMinutes: kab.utc_offset_minutes, daysOff, skipCutiBersama: rules.skipCutiBersama })
}

export function loadDeadlineRules(db: Db, kabupatenKode: string): DeadlineRules {
  const row = db
    .prepare(
      `SELECT verification_days, first_response_days, auto_close_days, completion_cap_days, completion_cap_unit,
         is_skip_cuti_bersama
       FROM deadline_rule WHERE kabupaten_kode = ?`,
    )
    .get(kabupatenKode) as RuleRow | undefined
  // 0002 gives every kabupaten a row (trigger on kabupaten), so a missing row means an unknown kabupaten.
  if (!row) throw new Error(`Aturan tenggat untuk kabupaten ${kabupatenKode} tidak ada (kabupaten belum dimuat?)`)
  return {
    verificationDays: row.verification_days,
    firstResponseDays: row.first_response_days,
    autoCloseDays: row.auto_close_days,
    completionCapDays: row.completion_cap_days,
    completionCapUnit: row.completion_cap_unit,
    skipCutiBersama: row.is_skip_cuti_bersama === 1,
  }
}

// Messages in the admin's words: Pengaturan shows them next to the field.
const days = (max: number) =>
  z.number({ error: 'harus berupa angka' }).int({ error: 'harus bilangan bulat' }).min(1, 'paling sedikit 1 hari').max(max, `paling banyak ${max} hari`)
export const deadlineRulesPatchSchema = z
  .object({
    verificationDays: days(60),
    firstResponseDays: days(60),
    autoCloseDays: days(60),
    completionCapDays: days(366),
    completionCapUnit: z.enum(CAP_UNITS, { error: "harus 'hari_kalender' atau 'hari_kerja'" }),
    skipCutiBersama: z.boolean(),
  })
  .partial()
export type DeadlineRulesPatch = z.infer<typeof deadlineRulesPatchSchema>

/** Changes some rules of a kabupaten; returns the rules now in force. */
export function saveDeadlineRules(db: Db, kabupatenKode: string, patch: DeadlineRulesPatch, now = Date.now()): DeadlineRules {
  const p = deadlineRulesPatchSchema.parse(patch)
  const r = { ...loadDeadlineRules(db, kabupatenKode), ...p }
  db.prepare(
    `UPDATE deadline_rule SET verification_days = ?, first_response_days = ?, auto_close_days = ?,
       completion_cap_days = ?, completion_cap_unit = ?, is_skip_cuti_bersama = ?, updated_at = ? WHERE kabupaten_kode = ?`,
  ).run(r.verificationDays, r.firstResponseDays, r.autoCloseDays, r.completionCapDays, r.completionCapUnit, r.skipCutiBersama ? 1 : 0, now, kabupatenKode)
  return r
}

/** Adds (or switches back on and renames) an extra day off for one kabupaten only. Returns the row id. */
export function addLocalDayOff(db: Db, kabupatenKode: string, date: string, nama: string, now = Date.now()): number {
  parseDateOrThrow(date)
  if (!nama.trim()) throw new Error('Nama hari libur lokal wajib diisi')
  const existing = db
    .prepare('SELECT id FROM calendar_day_off WHERE kabupaten_kode = ? AND date = ?')
    .pluck()
    .get(kabupatenKode, date) as number | undefined
  if (existing !== undefined) {
    db.prepare('UPDATE calendar_day_off SET nama = ?, is_active = 1, updated_at = ? WHERE id = ?').run(nama.trim(), now, existing)
    return existing
  }
  return Number(
    db
      .prepare(
        `INSERT INTO calendar_day_off (date, kabupaten_kode, kind, nama, source, is_active, updated_at)
         VALUES (?, ?, 'lokal', ?, 'manual', 1, ?)`,
      )
      .run(date, kabupatenKode, nama.trim(), now).lastInsertRowid,
  )
}

/**
 * Switches a day off on or off without deleting it (kabupatenKode null: a national date). Returns false when
 * there is no such row.
 */
export function setDayOffActive(db: Db, date: string, kabupatenKode: string | null, isActive: boolean, now = Date.now()): boolean {
  const res = db
    .prepare(
      `UPDATE calendar_day_off SET is_active = ?, updated_at = ?
       WHERE date = ? AND kabupaten_kode IS ?`,
    )
    .run(isActive ? 1 : 0, now, date, kabupatenKode)
  return res.changes > 0
}

export type DayOffRow = {
  id: number
  date: string
  kabupaten_kode: string | null
  kind: DayOffKind
  nama: string
  source: 'shipped' | 'import' | 'manual'
  is_active: 0 | 1
}

/** Days off of a year that concern a kabupaten (national and its own), active or not, by date. */
export function listDaysOff(db: Db, kabupatenKode: string, year: number): DayOffRow[] {
  return db
    .prepare(
      `SELECT id, date, kabupaten_kode, kind, nama, source, is_active FROM calendar_day_off
       WHERE date BETWEEN ? AND ? AND (kabupaten_kode IS NULL OR kabupaten_kode = ?)
       ORDER BY date, kabupaten_kode`,
    )
    .all(`${year}-01-01`, `${year}-12-31`, kabupatenKode) as DayOffRow[]
}

/** Moves on every change to a day off or a rule; deadlines stored at another revision are stale. */
export function calendarRevision(db: Db): number {
  return db.prepare('SELECT revision FROM calendar_revision WHERE id = 1').pluck().get() as number
}

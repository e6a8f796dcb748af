// Loading national days off into the store: the shipped official table (seedOfficialHolidays) and amendments
// imported from Pengaturan (importHolidays). Both read the holiday file shape of holiday-file.ts. An import is
// all or nothing: one bad entry anywhere and no row changes, because a half-applied SKB amendment would
// silently shift deadlines for every complaint of that year.
import { readFileSync } from 'node:fs'
import type { Db } from '../store/open.ts'
import { resourcePath } from '../resources.ts'
import { parseHolidayFile, formatHolidayFileErrors, type HolidayFileError, type HolidayYear } from './holiday-file.ts'

export const OFFICIAL_HOLIDAYS_FILE = ['calendar', 'holidays-id-2024-2026.json'] as const
/** Every shipped table, oldest first: 2019–2023 (so deadlines of older complaints skip Idul Fitri, Natal and cuti
 * bersama too) and 2024–2026. Same shape; loaded alike. */
export const OFFICIAL_HOLIDAYS_FILES = [['calendar', 'holidays-id-2019-2023.json'], OFFICIAL_HOLIDAYS_FILE] as const

/** The years the shipped tables cover (a deadline in another year is computed without holidays, and says so). */
export function officialYears(): number[] {
  return OFFICIAL_HOLIDAYS_FILES.flatMap((f) => Object.keys(JSON.parse(readFileSync(resourcePath(...f), 'utf8')) as object).filter((k) => /^\d{4}$/.test(k)).map(Number))
}

/**
 * - replace (default): each year in the file becomes exactly the file's list; national dates of that year not in
 *   the file are switched off (is_active = 0, kept for history). This is how a moved date (isbat) leaves its old
 *   day, so an amendment file must list the whole year, as the SKB and its amendments do together.
 * - merge: only adds or updates the listed dates; nothing is switched off.
 * Local (per-kabupaten) days off are never touched by an import.
 */
export type ImportMode = 'replace' | 'merge'

export type ImportOptions = {
  mode?: ImportMode
  /** Validate and count what would change, then roll back (the preview in Pengaturan). */
  dryRun?: boolean
  now?: number
}

export type ImportSummary = { years: number[]; added: number; changed: number; deactivated: number; unchanged: number }
export type ImportResult = { ok: true; summary: ImportSummary; dryRun: boolean } | { ok: false; errors: HolidayFileError[] }

type Row = { id: number; date: string; kind: string; nama: string; is_active: number }

/** Imports a parsed holiday file (same shape as the shipped table). Imports nothing if anything is invalid. */
export function importHolidays(db: Db, data: unknown, options: ImportOptions = {}): ImportResult {
  const parsed = parseHolidayFile(data)
  if (!parsed.ok) return parsed
  const mode = options.mode ?? 'replace'
  const now = options.now ?? Date.now()
  const summary: ImportSummary = { years: parsed.years.map((y) => y.year), added: 0, changed: 0, deactivated: 0, unchanged: 0 }
  const rollback = new Error('dry run')
  try {
    db.transaction(() => {
      for (const y of parsed.years) applyYear(db, y, mode, now, summary)
      if (options.dryRun) throw rollback
    }).immediate()
  } catch (e) {
    if (e !== rollback) throw e
  }
  return { ok: true, summary, dryRun: options.dryRun ?? false }
}

/** Reads and imports a JSON file; unreadable files and JSON syntax errors are reported like validation errors. */
export function importHolidaysFile(db: Db, file: string, options: ImportOptions = {}): ImportResult {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    return { ok: false, errors: [fileError(file, `berkas tidak bisa dibaca (${(e as Error).message})`)] }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { ok: false, errors: [fileError(file, `bukan JSON yang sah: ${(e as Error).message}`)] }
  }
  return importHolidays(db, data, options)
}

/**
 * Run each time a store is opened for writing (kpi/service.ts ensureFresh), so that a store created before a
 * shipped table existed (2019–2023 came after 2024–2026) gets it. Nothing happens on a store without a
 * kabupaten (seedKabupaten seeds then). A day added moves the calendar revision, so the deadlines and KPI
 * aggregates are rebuilt right after, and the years drop out of the "calendar does not cover" warnings.
 */
export function ensureOfficialHolidays(db: Db, now = Date.now()): { added: number } {
  if (db.prepare('SELECT 1 FROM kabupaten LIMIT 1').get() === undefined) return { added: 0 }
  return seedOfficialHolidays(db, now)
}

/**
 * Loads the shipped official table. Idempotent, and it only adds: a date already in the store (perhaps switched
 * off or renamed in Pengaturan, or moved by an imported amendment) is left as it is, so opening a store again
 * never undoes an admin's decision. Corrections to a year already loaded arrive through importHolidays.
 */
export function seedOfficialHolidays(db: Db, now = Date.now()): { added: number } {
  const years: HolidayYear[] = []
  for (const file of OFFICIAL_HOLIDAYS_FILES) {
    const parsed = parseHolidayFile(JSON.parse(readFileSync(resourcePath(...file), 'utf8')) as unknown)
    if (!parsed.ok) throw new Error(`Tabel libur resmi ${file[1]} tidak sah:\n${formatHolidayFileErrors(parsed.errors)}`)
    years.push(...parsed.years)
  }
  const parsed = { years }
  const insert = db.prepare(
    `INSERT INTO calendar_day_off (date, kabupaten_kode, kind, nama, source, is_active, updated_at)
     SELECT @date, NULL, @kind, @nama, 'shipped', 1, @now
     WHERE NOT EXISTS (SELECT 1 FROM calendar_day_off WHERE kabupaten_kode IS NULL AND date = @date)`,
  )
  // A year loaded from the shipped table takes the table's latest SKB text (a corrected source); a year the admin
  // imported keeps the admin's.
  const year = db.prepare(
    `INSERT INTO calendar_year (year, skb, source, updated_at) VALUES (?, ?, 'shipped', ?)
     ON CONFLICT (year) DO UPDATE SET skb = excluded.skb, updated_at = excluded.updated_at
     WHERE calendar_year.source = 'shipped' AND calendar_year.skb <> excluded.skb`,
  )
  let added = 0
  db.transaction(() => {
    for (const y of parsed.years) {
      year.run(y.year, y.skb, now)
      for (const { date, nama, kind } of entries(y)) added += insert.run({ date, kind, nama, now }).changes
    }
  }).immediate()
  return { added }
}

function applyYear(db: Db, y: HolidayYear, mode: ImportMode, now: number, summary: ImportSummary): void {
  const existing = db
    .prepare(
      `SELECT id, date, kind, nama, is_active FROM calendar_day_off
       WHERE kabupaten_kode IS NULL AND date BETWEEN ? AND ?`,
    )
    .all(`${y.year}-01-01`, `${y.year}-12-31`) as Row[]
  const byDate = new Map(existing.map((r) => [r.date, r]))
  const insert = db.prepare(
    `INSERT INTO calendar_day_off (date, kabupaten_kode, kind, nama, source, is_active, updated_at)
     VALUES (?, NULL, ?, ?, 'import', 1, ?)`,
  )
  const update = db.prepare(
    `UPDATE calendar_day_off SET kind = ?, nama = ?, is_active = 1, source = 'import', updated_at = ? WHERE id = ?`,
  )
  const listed = new Set<string>()
  for (const { date, nama, kind } of entries(y)) {
    listed.add(date)
    const row = byDate.get(date)
    if (!row) {
      insert.run(date, kind, nama, now)
      summary.added++
    } else if (row.kind !== kind || row.nama !== nama || row.is_active !== 1) {
      update.run(kind, nama, now, row.id)
      summary.changed++
    } else summary.unchanged++
  }
  if (mode === 'replace') {
    const off = db.prepare('UPDATE calendar_day_off SET is_active = 0, updated_at = ? WHERE id = ?')
    for (const row of existing) {
      if (row.is_active === 1 && !listed.has(row.date)) {
        off.run(now, row.id)
        summary.deactivated++
      }
    }
  }
  db.prepare(
    `INSERT INTO calendar_year (year, skb, source, updated_at) VALUES (?, ?, 'import', ?)
     ON CONFLICT (year) DO UPDATE SET skb = excluded.skb, source = 'import', updated_at = excluded.updated_at`,
  ).run(y.year, y.skb, now)
}

function entries(y: HolidayYear): { date: string; nama: string; kind: 'libur' | 'cuti_bersama' }[] {
  return [
    ...y.libur.map((e) => ({ ...e, kind: 'libur' as const })),
    ...y.cuti_bersama.map((e) => ({ ...e, kind: 'cuti_bersama' as const })),
  ]
}

function fileError(file: string, message: string): HolidayFileError {
  return { where: file, year: null, list: null, index: null, message }
}

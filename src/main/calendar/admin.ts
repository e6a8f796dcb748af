// The working-day calendar as Pengaturan shows and an admin changes it: a year's days off, an extra local day off,
// switching a day off on or off, the deadline rules and a holiday file. Every change is audited in the same
// transaction; nothing is deleted (an official date switched off stays listed).
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { DomainError } from '#main/errors.ts'
import { appendAudit } from '#main/audit/log.ts'
import { addLocalDayOff, listDaysOff, loadDeadlineRules, saveDeadlineRules, setDayOffActive, type DayOffRow, type DeadlineRulesPatch } from './store.ts'
import { importHolidays, type ImportMode, type ImportResult } from './holiday-import.ts'
import { formatHolidayFileErrors, type HolidayFileError } from './holiday-file.ts'
import { isWeekend, parseDate } from './days.ts'
import type { DeadlineRules } from './deadlines.ts'

export type DayOffView = {
  id: number
  date: string
  kind: DayOffRow['kind']
  nama: string
  source: DayOffRow['source']
  /** nasional rows are shared by every kabupaten of the store; lokal rows are this kabupaten's own. */
  scope: 'nasional' | 'lokal'
  isActive: boolean
}

const toView = (r: DayOffRow): DayOffView => ({
  id: r.id,
  date: r.date,
  kind: r.kind,
  nama: r.nama,
  source: r.source,
  scope: r.kabupaten_kode === null ? 'nasional' : 'lokal',
  isActive: r.is_active === 1,
})

/** A year's days off for a kabupaten, and the SKB (joint decree) the national ones follow. */
export function yearOfDaysOff(db: Db, kabupaten: string, year: number) {
  const row = db.prepare('SELECT skb, source FROM calendar_year WHERE year = ?').get(year) as { skb: string; source: 'shipped' | 'import' } | undefined
  return { year, skb: row?.skb ?? null, skbSource: row?.source ?? null, days: listDaysOff(db, kabupaten, year).map(toView) }
}

/** An extra day off for this kabupaten only (a Bupati's decision, a local event). */
export function addDayOff(db: Db, user: SessionUser, kabupaten: string, date: string, nama: string) {
  if (isWeekend(parseDate(date)!)) throw new DomainError('INVALID', `Tanggal ${date} jatuh pada akhir pekan: sudah bukan hari kerja`)
  return db.transaction(() => {
    const before = db.prepare('SELECT nama, is_active FROM calendar_day_off WHERE kabupaten_kode = ? AND date = ?').get(kabupaten, date) as
      | Pick<DayOffRow, 'nama' | 'is_active'>
      | undefined
    const id = addLocalDayOff(db, kabupaten, date, nama)
    const after = { date, nama, isActive: true }
    appendAudit(db, user, {
      action: 'calendar.add_day_off',
      entity: 'calendar_day_off',
      entityId: id,
      before: before ? { date, nama: before.nama, isActive: before.is_active === 1 } : null,
      after: { kabupaten, ...after },
    })
    return { id, ...after }
  }).immediate()
}

/** Switches a national or this kabupaten's day off on or off; false when it already was. */
export function switchDayOff(db: Db, user: SessionUser, kabupaten: string, id: number, isActive: boolean): boolean {
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM calendar_day_off WHERE id = ?').get(id) as DayOffRow | undefined
    if (!row || (row.kabupaten_kode !== null && row.kabupaten_kode !== kabupaten)) {
      throw new DomainError('NOT_FOUND', `Hari libur ${id} tidak ada di kalender kabupaten ${kabupaten}`)
    }
    // A national day off holds for every kabupaten of the store: a profile limited to some may not switch it.
    if (row.kabupaten_kode === null && user.kabupaten) {
      throw new DomainError('FORBIDDEN', `Profil ${user.username} tidak berwenang atas hari libur nasional ${row.date}: berlaku untuk semua kabupaten`)
    }
    if ((row.is_active === 1) === isActive) return false
    setDayOffActive(db, row.date, row.kabupaten_kode, isActive)
    const scope = row.kabupaten_kode === null ? 'nasional' : row.kabupaten_kode
    appendAudit(db, user, {
      action: 'calendar.set_day_off_active',
      entity: 'calendar_day_off',
      entityId: row.id,
      before: { date: row.date, kind: row.kind, nama: row.nama, scope, isActive: row.is_active === 1 },
      after: { date: row.date, kind: row.kind, nama: row.nama, scope, isActive },
    })
    return true
  }).immediate()
}

/** Changes some deadline rules of a kabupaten; the rules now in force, and whether anything changed. */
export function changeDeadlineRules(db: Db, user: SessionUser, kabupaten: string, patch: DeadlineRulesPatch): { rules: DeadlineRules; changed: boolean } {
  return db.transaction(() => {
    const before = loadDeadlineRules(db, kabupaten)
    const after = { ...before, ...patch }
    if (JSON.stringify(after) === JSON.stringify(before)) return { rules: before, changed: false }
    saveDeadlineRules(db, kabupaten, patch)
    appendAudit(db, user, { action: 'calendar.set_rules', entity: 'deadline_rule', entityId: kabupaten, before, after })
    return { rules: after, changed: true }
  }).immediate()
}

/**
 * Imports a holiday file's text into the national days off. All or nothing: a malformed file is refused with every
 * problem and where it is, and nothing changes. dryRun counts what would change (the preview before "Impor").
 */
export function importHolidayText(db: Db, user: SessionUser, text: string, opts: { mode: ImportMode; dryRun: boolean }): Extract<ImportResult, { ok: true }> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return refuse([jsonSyntaxError(text, e as Error)])
  }
  const outcome = db.transaction(() => {
    const before = opts.dryRun ? [] : nationalRows(db, yearsIn(data))
    const result = importHolidays(db, data, opts)
    if (!result.ok || opts.dryRun) return result
    const { summary } = result
    if (summary.added + summary.changed + summary.deactivated > 0) {
      appendAudit(db, user, {
        action: 'calendar.import_holidays',
        entity: 'calendar_day_off',
        entityId: summary.years.join(','),
        before,
        after: { mode: opts.mode, summary, days: nationalRows(db, summary.years) },
      })
    }
    return result
  }).immediate()
  if (!outcome.ok) return refuse(outcome.errors)
  return outcome
}

/** The national rows of some years, as an audit entry's before/after of an import. */
function nationalRows(db: Db, years: number[]): { date: string; kind: string; nama: string; isActive: boolean }[] {
  if (years.length === 0) return []
  const marks = years.map(() => '?').join(', ')
  // sql-vetted: `marks` is one ? per year; the years are bound
  const rows = db
    .prepare(
      `SELECT date, kind, nama, is_active FROM calendar_day_off
       WHERE kabupaten_kode IS NULL AND CAST(substr(date, 1, 4) AS INTEGER) IN (${marks}) ORDER BY date`,
    )
    .all(...years) as Pick<DayOffRow, 'date' | 'kind' | 'nama' | 'is_active'>[]
  return rows.map((r) => ({ date: r.date, kind: r.kind, nama: r.nama, isActive: r.is_active === 1 }))
}

/** JSON.parse's "at position N" as a line and column an admin can find in a text editor. */
function jsonSyntaxError(text: string, err: Error): HolidayFileError {
  const at = /position (\d+)/.exec(err.message)
  let where = 'berkas'
  if (at) {
    const before = text.slice(0, Number(at[1]))
    const line = before.split('\n').length
    where = `baris ${line}, kolom ${before.length - before.lastIndexOf('\n')}`
  }
  return { where, year: null, list: null, index: null, message: `bukan JSON yang sah (${err.message})` }
}

function yearsIn(data: unknown): number[] {
  if (typeof data !== 'object' || data === null) return []
  return Object.keys(data)
    .filter((k) => /^\d{4}$/.test(k))
    .map(Number)
}

// A file typed wrong throughout would list hundreds of lines; the first ones show what to fix.
const MAX_LISTED_ERRORS = 25

function refuse(errors: HolidayFileError[]): never {
  const more = errors.length - MAX_LISTED_ERRORS
  const listed = formatHolidayFileErrors(errors.slice(0, MAX_LISTED_ERRORS)) + (more > 0 ? `\n… dan ${more} kesalahan lagi` : '')
  throw new DomainError('INVALID', `Berkas libur tidak sah, tidak ada yang diubah (${errors.length} kesalahan):\n${listed}`)
}

// Which years the national holiday table covers (calendar_year: the shipped tables and imported ones). A deadline
// in a year it does not cover is computed with weekends only, so Idul Fitri, Natal and cuti bersama count as
// working days there: the complaint detail and `tanggap info` say so rather than show a confident date.
import type { Db } from '../store/open.ts'
import type { ComplaintDeadlines } from './deadlines.ts'

export function coveredYears(db: Db): Set<number> {
  return new Set(db.prepare('SELECT year FROM calendar_year').pluck().all() as number[])
}

export type CalendarGap = { years: number[]; message: string }

/** The years of a complaint's deadline clocks (start, due, done) the holiday table does not cover, or null. */
export function deadlineCalendarGap(covered: ReadonlySet<number>, d: ComplaintDeadlines, offsetMinutes: number): CalendarGap | null {
  const years = new Set<number>()
  for (const o of [d.verification, d.firstResponse, d.autoClose, d.completion]) {
    for (const t of [o.startAt, o.dueAt, o.doneAt]) {
      if (t === null) continue
      const y = new Date(t + offsetMinutes * 60_000).getUTCFullYear()
      if (!covered.has(y)) years.add(y)
    }
  }
  if (!years.size) return null
  const list = [...years].sort((a, b) => a - b)
  return {
    years: list,
    message: `Kalender libur belum mencakup tahun ${list.join(', ')}: tenggat dihitung tanpa libur nasional dan cuti bersama tahun itu (hanya Sabtu–Minggu); impor tabel libur tahun tersebut di Pengaturan`,
  }
}

/** Complaints of a kabupaten submitted in a year the table does not cover, per year (for `tanggap info`). */
export function uncoveredComplaintYears(db: Db, kabupaten: string): { year: number; complaints: number }[] {
  const covered = coveredYears(db)
  const offset = (db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kabupaten) as number | undefined) ?? 0
  const rows = db
    .prepare(`SELECT CAST(strftime('%Y', (submitted_at + ?) / 1000, 'unixepoch') AS INTEGER) AS year, count(*) AS n FROM complaint WHERE kabupaten_kode = ? GROUP BY year`)
    .all(offset * 60_000, kabupaten) as { year: number; n: number }[]
  return rows.filter((r) => !covered.has(r.year)).map((r) => ({ year: r.year, complaints: r.n }))
}

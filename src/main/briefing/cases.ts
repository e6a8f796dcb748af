// Single complaints as a briefing or a wall shows them (overdue cases, notable cases, the live feed): the fields
// a meeting room may see, with the privacy rule of privacy/public-view.ts applied here, on the server, whatever
// the role of the caller. The reporter row is read only to mask the reporter's own name inside a title.
import type { Db } from '../store/open.ts'
import type { Status } from '#shared/domain.ts'
import type { Calendar } from '../calendar/calendar.ts'
import { calendarDaysBetween, workingDaysBetween } from '../calendar/calendar.ts'
import { publicTitle } from '../privacy/public-view.ts'

/** Which LAPOR! deadline a case has missed: verification (3 hk), first tindak lanjut (5 hk), the 60-day cap. */
export type OverdueStep = 'verifikasi' | 'tindak_lanjut' | 'batas_60_hari'

export type PublicCase = {
  id: number
  tracking_id: string
  /** null for a rahasia report: the screen writes "Laporan rahasia". */
  judul: string | null
  is_rahasia: 0 | 1
  status: Status
  kecamatan: string | null
  unit: string | null
  category: string | null
  submitted_at: number
  updated_at: number
  /** Calendar days since submission, in the kabupaten's zone. */
  ageDays: number
  /** The missed deadlines (earliest first) and by how many hari kerja, for an open case past one; else null. */
  overdue: { steps: OverdueStep[]; dueAt: number; hk: number } | null
}

/** The public fields as selected (the title not yet masked), with the deadline row and the reporter beside them. */
type CaseRow = Omit<PublicCase, 'judul' | 'ageDays' | 'overdue'> & {
  judul: string
  is_open: 0 | 1 | null
  next_due_at: number | null
  verify_met: 0 | 1 | null
  verify_due_at: number | null
  response_met: 0 | 1 | null
  response_due_at: number | null
  cap_met: 0 | 1 | null
  cap_due_at: number | null
  r_nama: string | null
  r_nik: string | null
  r_phone: string | null
  r_email: string | null
}

const SELECT = `
  SELECT c.id, c.tracking_id, c.judul, c.is_rahasia, c.status, c.submitted_at, c.updated_at,
         k.nama AS kecamatan, coalesce(u.singkatan, u.nama) AS unit, g.nama AS category,
         s.is_open, s.next_due_at, s.verify_met, s.verify_due_at, s.response_met, s.response_due_at, s.cap_met, s.cap_due_at,
         r.nama AS r_nama, r.nik AS r_nik, r.phone AS r_phone, r.email AS r_email
  FROM complaint c
  LEFT JOIN complaint_sla s ON s.complaint_id = c.id
  LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode
  LEFT JOIN unit u ON u.id = c.unit_id
  LEFT JOIN category g ON g.id = c.category_id
  LEFT JOIN reporter r ON r.complaint_id = c.id`

/** The cases with these ids, in this order, as a public view shows them. */
export function publicCases(db: Db, cal: Calendar, now: number, ids: number[]): PublicCase[] {
  if (ids.length === 0) return []
  // sql-vetted: SELECT is a constant query text of this module
  const rows = db.prepare(`${SELECT} WHERE c.id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as CaseRow[]
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const r = byId.get(id)
    return r ? [toPublicCase(r, cal, now)] : []
  })
}

// Picking the ids first, from one table and its index, and the details second keeps every list here a few
// milliseconds on a million complaints; one query with the joins and ORDER BY would sort the whole kabupaten.

/** The most recently changed complaints (the live feed). The unary + keeps SQLite on the updated_at index. */
export function latestIds(db: Db, kabupaten: string, limit: number): number[] {
  return db
    .prepare('SELECT id FROM complaint WHERE +kabupaten_kode = ? ORDER BY updated_at DESC, id DESC LIMIT ?')
    .pluck()
    .all(kabupaten, limit) as number[]
}

/** Open complaints past a deadline; with `since`, only those that became overdue after it or arrived after `sinceId`. */
export function overdueIds(db: Db, kabupaten: string, now: number, limit: number, since?: { at: number; id: number }): number[] {
  return db
    .prepare(
      `SELECT complaint_id FROM complaint_sla
       WHERE kabupaten_kode = @kab AND is_open = 1 AND next_due_at < @now
       ${since ? 'AND (next_due_at >= @at OR complaint_id > @id)' : ''}
       ORDER BY next_due_at ${since ? 'DESC' : 'ASC'}, complaint_id LIMIT @limit`,
    )
    .pluck()
    .all({ kab: kabupaten, now, limit, ...(since ?? {}) }) as number[]
}

function toPublicCase(r: CaseRow, cal: Calendar, now: number): PublicCase {
  const who = { nama: r.r_nama, nik: r.r_nik, phone: r.r_phone, email: r.r_email }
  return {
    id: r.id,
    tracking_id: r.tracking_id,
    judul: publicTitle(r.judul, r.is_rahasia, who),
    is_rahasia: r.is_rahasia,
    status: r.status,
    kecamatan: r.kecamatan,
    unit: r.unit,
    category: r.category,
    submitted_at: r.submitted_at,
    updated_at: r.updated_at,
    ageDays: calendarDaysBetween(cal, r.submitted_at, now),
    overdue: overdueOf(r, cal, now),
  }
}

function overdueOf(r: CaseRow, cal: Calendar, now: number): PublicCase['overdue'] {
  if (r.is_open !== 1 || r.next_due_at === null || r.next_due_at >= now) return null
  const missed = (
    [
      ['verifikasi', r.verify_met, r.verify_due_at],
      ['tindak_lanjut', r.response_met, r.response_due_at],
      ['batas_60_hari', r.cap_met, r.cap_due_at],
    ] as const
  )
    .filter(([, met, due]) => met === null && due !== null && due < now)
    .sort((a, b) => a[2]! - b[2]!)
    .map(([step]) => step)
  return { steps: missed, dueAt: r.next_due_at, hk: workingDaysBetween(cal, r.next_due_at, now) }
}

/** Open complaints past a LAPOR! deadline (the Antrean's "terlambat" queue), most overdue first. */
export function overdueCases(db: Db, cal: Calendar, kabupaten: string, now: number, limit: number): { total: number; cases: PublicCase[] } {
  const total = db
    .prepare('SELECT count(*) FROM complaint_sla WHERE kabupaten_kode = ? AND is_open = 1 AND next_due_at < ?')
    .pluck()
    .get(kabupaten, now) as number
  return { total, cases: publicCases(db, cal, now, overdueIds(db, kabupaten, now, limit)) }
}

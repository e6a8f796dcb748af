// A liaison's inbox: the open complaints its units (and sub-units) hold, most urgent first (overdue first, then
// fewest hari kerja left), with the deadline as the KPI code keeps it (complaint_sla.next_due_at, the earliest
// pending LAPOR! deadline) counted in hari kerja on the kabupaten's calendar.
import type { Db } from '../store/open.ts'
import { OPEN_STATUSES_SQL } from '#shared/status.ts'
import { SOON_HK, type InboxFilter } from '#shared/liaison.ts'
import type { Status } from '#shared/domain.ts'
import { cachedCalendar } from '../kpi/service.ts'
import { localDate, workingDaysBetween } from '../calendar/calendar.ts'
import { complaintPrivacy, redactText, type PrivacyView } from '../privacy/policy.ts'
import { reportersOf } from '../privacy/reporters.ts'
import { unitsUnder, type Liaison } from './scope.ts'
import { LIAISON_VIEW } from './privacy.ts'

export type InboxRow = {
  id: number
  nomor: string
  judul: string | null
  kategori: string | null
  kecamatan: string | null
  desa: string | null
  unit: { id: number; nama: string }
  status: Status
  /** Local date (YYYY-MM-DD) of the earliest pending deadline; null when none is pending. */
  tenggat: string | null
  /** Hari kerja left until the deadline; negative: overdue by that many. Null without a pending deadline. */
  sisaHariKerja: number | null
  terlambat: boolean
  /** What the command centre asked (the reason of the disposition that brought it here). */
  diminta: string | null
  /** A return waiting for a supervisor's decision. */
  menungguKeputusan: boolean
  /** The latest return was rejected: it is back, with the supervisor's reason. */
  ditolakKembali?: { alasan: string; oleh: string; pada: number }
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
}

export type Inbox = { rows: InboxRow[]; counts: Record<InboxFilter, number>; nextCursor: number | null }

type Raw = {
  id: number
  kabupaten_kode: string
  tracking_id: string
  judul: string
  kategori: string | null
  kecamatan: string | null
  desa: string | null
  unit_id: number
  unit_nama: string
  status: Status
  next_due_at: number | null
  diminta: string | null
  ret: string | null
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
}

/** Every open complaint the units hold, each with its hari kerja left, most urgent first. */
export function openRowsOfUnits(db: Db, units: readonly number[], now: number, view: PrivacyView = LIAISON_VIEW): InboxRow[] {
  const scope = unitsUnder(db, units)
  if (scope.length === 0) return []
  const raw = db
    .prepare(
      // sql-vetted: OPEN_STATUSES_SQL is the fixed list of status codes from #shared/status.ts
      `SELECT c.id, c.kabupaten_kode, c.tracking_id, c.judul, g.nama AS kategori, k.nama AS kecamatan, d.nama AS desa,
              c.unit_id, u.nama AS unit_nama, c.status, s.next_due_at, c.is_anonim, c.is_rahasia,
              (SELECT e.reason FROM complaint_event e WHERE e.complaint_id = c.id AND e.kind = 'disposition' ORDER BY e.at DESC, e.id DESC LIMIT 1) AS diminta,
              (SELECT json_object('decided', r.decided_at IS NOT NULL, 'accepted', r.accepted, 'alasan', r.decision_alasan, 'oleh', r.decided_by_nama, 'pada', r.decided_at)
                 FROM liaison_return r WHERE r.complaint_id = c.id ORDER BY r.id DESC LIMIT 1) AS ret
       FROM complaint c JOIN unit u ON u.id = c.unit_id LEFT JOIN complaint_sla s ON s.complaint_id = c.id
       LEFT JOIN category g ON g.id = c.category_id LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode LEFT JOIN desa d ON d.kode = c.desa_kode
       WHERE c.unit_id IN (SELECT value FROM json_each(?)) AND c.status IN ${OPEN_STATUSES_SQL}`,
    )
    .all(JSON.stringify(scope)) as Raw[]
  const reporters = reportersOf(
    db,
    raw.map((r) => r.id),
  )
  const rows = raw.map((r): InboxRow => {
    const cal = cachedCalendar(db, r.kabupaten_kode)
    const due = r.next_due_at
    const sisa = due === null ? null : due >= now ? workingDaysBetween(cal, now, due) : -Math.max(1, workingDaysBetween(cal, due, now))
    const ret = r.ret ? (JSON.parse(r.ret) as { decided: number; accepted: number | null; alasan: string | null; oleh: string | null; pada: number | null }) : null
    const privacy = complaintPrivacy(view, r)
    const row: InboxRow = {
      id: r.id,
      nomor: r.tracking_id,
      judul: redactText(r.judul, privacy, reporters.get(r.id)),
      kategori: r.kategori,
      kecamatan: r.kecamatan,
      desa: r.desa,
      unit: { id: r.unit_id, nama: r.unit_nama },
      status: r.status,
      tenggat: due === null ? null : localDate(cal, due),
      sisaHariKerja: sisa,
      terlambat: due !== null && due < now,
      diminta: redactText(r.diminta, privacy, reporters.get(r.id)),
      menungguKeputusan: ret !== null && !ret.decided,
      is_anonim: r.is_anonim,
      is_rahasia: r.is_rahasia,
    }
    if (ret && ret.decided && ret.accepted === 0) row.ditolakKembali = { alasan: ret.alasan ?? '', oleh: ret.oleh ?? '', pada: ret.pada ?? 0 }
    return row
  })
  // Overdue first, then fewest hari kerja left; without a pending deadline last; oldest id first among equals.
  return rows.sort((a, b) => (a.sisaHariKerja ?? Infinity) - (b.sisaHariKerja ?? Infinity) || a.id - b.id)
}

function matches(row: InboxRow, filter: InboxFilter): boolean {
  switch (filter) {
    case 'semua':
      return true
    case 'terlambat':
      return row.terlambat
    case 'segera':
      return !row.terlambat && row.sisaHariKerja !== null && row.sisaHariKerja <= SOON_HK
    case 'dikembalikan':
      return row.menungguKeputusan || row.ditolakKembali !== undefined
  }
}

export function inbox(db: Db, user: Liaison, q: { filter?: InboxFilter; cursor?: number; limit?: number }, now = Date.now()): Inbox {
  const all = openRowsOfUnits(db, user.units, now)
  const counts = { semua: 0, terlambat: 0, segera: 0, dikembalikan: 0 }
  for (const r of all) for (const f of Object.keys(counts) as InboxFilter[]) if (matches(r, f)) counts[f]++
  const filtered = all.filter((r) => matches(r, q.filter ?? 'semua'))
  const start = q.cursor ?? 0
  const limit = q.limit ?? 50
  const rows = filtered.slice(start, start + limit)
  return { rows, counts, nextCursor: start + limit < filtered.length ? start + limit : null }
}

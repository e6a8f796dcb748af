// Work queues: the lists officials triage from. Oldest first by default, keyset-paged so that page 1 of a
// 100,000-row queue costs the same as page 1 of a short one.
import type { Db } from '../store/open.ts'
import type { Role, Status } from '../../shared/domain.ts'

export const QUEUES = ['verifikasi', 'disposisi', 'proses', 'terlambat', 'dikembalikan', 'salah_sasaran', 'semua_terbuka'] as const
export type QueueName = (typeof QUEUES)[number]

/** Which complaints each queue holds, as SQL over complaint c and complaint_sla s. */
const QUEUE_WHERE: Record<QueueName, string> = {
  verifikasi: "c.status = 'belum_terverifikasi'",
  disposisi: "c.status = 'belum_ditindaklanjuti' AND c.unit_id IS NULL",
  proses: "c.status IN ('belum_ditindaklanjuti', 'proses') AND c.unit_id IS NOT NULL",
  terlambat: "c.status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses') AND s.next_due_at < @now",
  dikembalikan: "c.status = 'bukan_wewenang'",
  // Until the routing model flags suspects, a re-disposition to another OPD is the visible sign of a misroute.
  salah_sasaran: "s.is_misrouted = 1 AND c.status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses')",
  semua_terbuka: "c.status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses')",
}

export type QueueRow = {
  id: number
  tracking_id: string
  judul: string | null
  status: Status
  submitted_at: number
  kecamatan: string | null
  unit: string | null
  next_due_at: number | null
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
}

export type QueuePageQuery = {
  kabupaten: string
  queue: QueueName
  unitId?: number
  limit: number
  /** Keyset cursor: the (submitted_at, id) of the last row of the previous page. */
  after?: { submitted_at: number; id: number }
  now: number
  role: Role
}

export function queuePage(db: Db, q: QueuePageQuery): QueueRow[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.tracking_id, c.judul, c.status, c.submitted_at, k.nama AS kecamatan,
              coalesce(u.singkatan, u.nama) AS unit, s.next_due_at, c.is_anonim, c.is_rahasia
       FROM complaint c
       LEFT JOIN complaint_sla s ON s.complaint_id = c.id
       LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode
       LEFT JOIN unit u ON u.id = c.unit_id
       WHERE c.kabupaten_kode = @kab AND ${QUEUE_WHERE[q.queue]}
         ${q.unitId === undefined ? '' : 'AND (c.unit_id = @unit OR u.parent_id = @unit)'}
         ${q.after ? 'AND (c.submitted_at, c.id) > (@afterAt, @afterId)' : ''}
       ORDER BY c.submitted_at, c.id LIMIT @limit`,
    )
    .all({ kab: q.kabupaten, now: q.now, unit: q.unitId, afterAt: q.after?.submitted_at, afterId: q.after?.id, limit: q.limit }) as QueueRow[]
  return q.role === 'viewer' ? rows.map((r) => (r.is_rahasia ? { ...r, judul: null } : r)) : rows
}

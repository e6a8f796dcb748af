// Work queues: the lists officials triage from. Oldest first by default, sortable and filterable, paged by
// offset so a virtualised list can jump anywhere in a 100,000-row queue.
import type { Db } from '../store/open.ts'
import type { Channel, Role, Status } from '../../shared/domain.ts'
import { viewFor, type Surface } from '../privacy/policy.ts'
import { redactRows } from '../privacy/reporters.ts'

export const QUEUES = ['verifikasi', 'disposisi', 'proses', 'terlambat', 'dikembalikan', 'salah_sasaran', 'tanpa_lokasi', 'semua_terbuka', 'semua'] as const
export type QueueName = (typeof QUEUES)[number]

const OPEN = "c.status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses')"

/** Which complaints each queue holds, as SQL over complaint c and complaint_sla s. */
const QUEUE_WHERE: Record<QueueName, string> = {
  verifikasi: "c.status = 'belum_terverifikasi'",
  disposisi: "c.status = 'belum_ditindaklanjuti' AND c.unit_id IS NULL",
  proses: "c.status IN ('belum_ditindaklanjuti', 'proses') AND c.unit_id IS NOT NULL",
  terlambat: `${OPEN} AND s.next_due_at < @now`,
  // Sent back: bukan wewenang, or reassigned away from the unit that first had it.
  dikembalikan: "(c.status = 'bukan_wewenang' OR (c.disposition_count >= 2 AND " + OPEN + '))',
  // Until the routing model flags suspects, a re-disposition to another OPD is the visible sign of a misroute.
  salah_sasaran: `s.is_misrouted = 1 AND ${OPEN}`,
  tanpa_lokasi: `c.kecamatan_kode IS NULL AND c.status <> 'dihapus'`,
  semua_terbuka: OPEN,
  semua: '1 = 1',
}

export const SORTS = ['terlama', 'terbaru', 'tenggat'] as const
export type QueueSort = (typeof SORTS)[number]

const ORDER: Record<QueueSort, string> = {
  terlama: 'c.submitted_at, c.id',
  terbaru: 'c.submitted_at DESC, c.id DESC',
  // Most urgent first; complaints with no pending deadline go last.
  tenggat: 's.next_due_at IS NULL, s.next_due_at, c.id',
}

export type QueueFilter = {
  unitId?: number
  kecamatan?: string
  desa?: string
  categoryIds?: number[]
  channel?: Channel
  /** Submitted within [from, to) (ms UTC). */
  from?: number
  to?: number
  /** Tracking ID or words of the title. */
  search?: string
}

export type QueueRow = {
  id: number
  tracking_id: string
  judul: string | null
  status: Status
  submitted_at: number
  updated_at: number
  kecamatan: string | null
  desa: string | null
  unit_id: number | null
  unit: string | null
  category: string | null
  channel: Channel
  next_due_at: number | null
  disposition_count: number
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
  claimed_by: string | null
}

export type QueuePageQuery = QueueFilter & {
  kabupaten: string
  queue: QueueName
  sort?: QueueSort
  limit: number
  offset?: number
  now: number
  role: Role
  /** Where the rows are shown (privacy/policy.ts); the interactive app unless said otherwise. */
  surface?: Surface
}

function where(q: QueuePageQuery): { sql: string; params: Record<string, unknown> } {
  const parts = ['c.kabupaten_kode = @kab', QUEUE_WHERE[q.queue]]
  const params: Record<string, unknown> = { kab: q.kabupaten, now: q.now }
  if (q.unitId !== undefined) {
    // A unit's queue includes its bidang / desa below it.
    parts.push('(c.unit_id = @unit OR c.unit_id IN (SELECT id FROM unit WHERE parent_id = @unit))')
    params.unit = q.unitId
  }
  if (q.kecamatan) parts.push('c.kecamatan_kode = @kecamatan'), (params.kecamatan = q.kecamatan)
  if (q.desa) parts.push('c.desa_kode = @desa'), (params.desa = q.desa)
  if (q.categoryIds?.length) {
    parts.push(`c.category_id IN (${q.categoryIds.map((_, i) => `@cat${i}`).join(', ')})`)
    q.categoryIds.forEach((id, i) => (params[`cat${i}`] = id))
  }
  if (q.channel) parts.push('c.channel = @channel'), (params.channel = q.channel)
  if (q.from !== undefined) parts.push('c.submitted_at >= @from'), (params.from = q.from)
  if (q.to !== undefined) parts.push('c.submitted_at < @to'), (params.to = q.to)
  if (q.search?.trim()) {
    parts.push("(c.tracking_id = @search OR c.judul LIKE @like ESCAPE '\\')")
    params.search = q.search.trim()
    params.like = `%${q.search.trim().replace(/[\\%_]/g, (m) => '\\' + m)}%`
  }
  return { sql: parts.join(' AND '), params }
}

export function queuePage(db: Db, q: QueuePageQuery): QueueRow[] {
  const w = where(q)
  // sql-vetted: where() joins fixed fragments with @parameters; ORDER maps the enum sort to fixed clauses
  const rows = db
    .prepare(
      `SELECT c.id, c.tracking_id, c.judul, c.status, c.submitted_at, c.updated_at, k.nama AS kecamatan, d.nama AS desa,
              c.unit_id, coalesce(u.singkatan, u.nama) AS unit, g.nama AS category, c.channel, s.next_due_at,
              c.disposition_count, c.is_anonim, c.is_rahasia,
              (SELECT au.nama FROM complaint_claim cl JOIN app_user au ON au.id = cl.user_id
               WHERE cl.complaint_id = c.id AND cl.expires_at > @now) AS claimed_by
       FROM complaint c
       LEFT JOIN complaint_sla s ON s.complaint_id = c.id
       LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode
       LEFT JOIN desa d ON d.kode = c.desa_kode
       LEFT JOIN unit u ON u.id = c.unit_id
       LEFT JOIN category g ON g.id = c.category_id
       WHERE ${w.sql}
       ORDER BY ${ORDER[q.sort ?? 'terlama']} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...w.params, limit: q.limit, offset: q.offset ?? 0 }) as QueueRow[]
  return redactRows(db, viewFor(q.role, q.surface ?? 'app'), rows, ['judul'])
}

export function queueCount(db: Db, q: Omit<QueuePageQuery, 'limit' | 'offset' | 'sort'>): number {
  const w = where({ ...q, limit: 0 })
  // sql-vetted: where() joins fixed fragments with @parameters
  return db
    .prepare(`SELECT count(*) FROM complaint c LEFT JOIN complaint_sla s ON s.complaint_id = c.id WHERE ${w.sql}`)
    .pluck()
    .get(w.params) as number
}

/** How many complaints wait in each queue now (the queue menu's badges). */
export function queueCounts(db: Db, kabupaten: string, now: number): Record<QueueName, number> {
  return Object.fromEntries(QUEUES.map((queue) => [queue, queueCount(db, { kabupaten, queue, now, role: 'viewer' })])) as Record<QueueName, number>
}

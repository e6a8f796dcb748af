// Work queues: the lists officials triage from. Oldest first by default, sortable and filterable, paged by
// offset so a virtualised list can jump anywhere in a 100,000-row queue.
import type { Db } from '../store/open.ts'
import type { Channel } from '#shared/domain.ts'
import { OPEN_STATUSES_SQL, type Status } from '#shared/status.ts'
import type { Role } from '#shared/roles.ts'
import { periodBounds, type Period } from '#shared/period.ts'
import { prepared } from '../store/statements.ts'
import { dayOf } from '../calendar/days.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { misrouteThreshold } from '../routing/settings.ts'
import { viewFor, type Surface } from '../privacy/policy.ts'
import { redactRows } from '../privacy/reporters.ts'
import { visibleTextMatch } from '../privacy/search.ts'

export const QUEUES = ['verifikasi', 'disposisi', 'proses', 'terlambat', 'dikembalikan', 'salah_sasaran', 'tanpa_lokasi', 'semua_terbuka', 'semua'] as const
export type QueueName = (typeof QUEUES)[number]

const OPEN = `c.status IN ${OPEN_STATUSES_SQL}`

/** Which complaints each queue holds, as SQL over complaint c, complaint_sla s and routing_suggestion r. */
const QUEUE_WHERE: Record<QueueName, string> = {
  verifikasi: "c.status = 'belum_terverifikasi'",
  disposisi: "c.status = 'belum_ditindaklanjuti' AND c.unit_id IS NULL",
  proses: "c.status IN ('belum_ditindaklanjuti', 'proses') AND c.unit_id IS NOT NULL",
  terlambat: `${OPEN} AND s.next_due_at < @now`,
  // Sent back: bukan wewenang, reassigned away from the unit that first had it, or returned by a unit's liaison
  // and waiting for a supervisor's decision (liaison_return, issue 18).
  dikembalikan:
    "(c.status = 'bukan_wewenang' OR (c.disposition_count >= 2 AND " +
    OPEN +
    ') OR EXISTS (SELECT 1 FROM liaison_return lr WHERE lr.complaint_id = c.id AND lr.decided_at IS NULL))',
  // Possibly misrouted: the routing suggestion disagrees with the unit holding it, confidently enough, and that
  // unit still holds it (src/main/routing). Complaints a supervisor already moved are in 'dikembalikan' instead:
  // a re-disposition is a misroute already fixed, not one waiting to be.
  salah_sasaran: `${OPEN} AND r.kabupaten_kode = @kab AND r.misroute_confidence >= @minConf AND r.held_unit_id = c.unit_id`,
  tanpa_lokasi: `c.kecamatan_kode IS NULL AND c.status <> 'dihapus'`,
  semua_terbuka: OPEN,
  semua: '1 = 1',
}

/**
 * Which joined rows a queue's condition reads besides complaint c: its deadline (complaint_sla s) or its routing
 * suggestion (routing_suggestion r). Kept beside QUEUE_WHERE: a queue whose condition reads s or r is listed here.
 */
const QUEUE_READS: Partial<Record<QueueName, 'deadline' | 'suggestion'>> = { terlambat: 'deadline', salah_sasaran: 'suggestion' }

/**
 * Whether a query needs the deadline and suggestion joins. The filters (unit, place, category, channel, period,
 * search) read complaint c only, so the queue and the order decide; counting a million-row queue over the bare
 * complaint table costs a third.
 */
function needsJoins(q: { queue: QueueName; sort?: QueueSort }): boolean {
  return QUEUE_READS[q.queue] !== undefined || q.sort === 'tenggat'
}

/**
 * The tables a queue reads. The misrouted queue starts from the stored suggestions (CROSS JOIN fixes SQLite's join
 * order): its partial index yields the few flagged complaints, most confident first, however large the store.
 */
function fromClause(queue: QueueName): string {
  return queue === 'salah_sasaran'
    ? 'routing_suggestion r CROSS JOIN complaint c ON c.id = r.complaint_id LEFT JOIN complaint_sla s ON s.complaint_id = c.id'
    : 'complaint c LEFT JOIN complaint_sla s ON s.complaint_id = c.id'
}

/** Order of a page: the misrouted queue reads its own order from the index; elsewhere 'keyakinan' looks it up. */
function orderOf(q: { queue: QueueName; sort?: QueueSort }): string {
  const sort = q.sort ?? 'terlama'
  if (sort === 'keyakinan' && q.queue === 'salah_sasaran') return 'r.misroute_confidence DESC, c.submitted_at, c.id'
  return ORDER[sort]
}

/** The stored routing suggestion of each listed row, looked up only for the rows of the page. */
const SUGGESTION_COLUMNS = `
  (SELECT unit_id FROM routing_suggestion WHERE complaint_id = c.id) AS suggested_unit_id,
  (SELECT CASE WHEN sp.kind = 'opd' THEN coalesce(sp.singkatan, sp.nama) || ' – ' || su.nama ELSE coalesce(su.singkatan, su.nama) END
   FROM routing_suggestion rs JOIN unit su ON su.id = rs.unit_id LEFT JOIN unit sp ON sp.id = su.parent_id
   WHERE rs.complaint_id = c.id) AS suggested_unit,
  (SELECT confidence FROM routing_suggestion WHERE complaint_id = c.id) AS suggested_confidence,
  (SELECT misroute_confidence FROM routing_suggestion
   WHERE complaint_id = c.id AND held_unit_id = c.unit_id AND misroute_confidence >= @minConf) AS misroute_confidence`

export const SORTS = ['terlama', 'terbaru', 'tenggat', 'keyakinan'] as const

/** Sorts after every deadline (the largest exact integer), in the order and in the index alike. */
const NO_DEADLINE = Number.MAX_SAFE_INTEGER

/** Queues that hold only open complaints, which complaint_sla_open_due indexes. */
const OPEN_ONLY: ReadonlySet<QueueName> = new Set(['verifikasi', 'disposisi', 'proses', 'terlambat', 'semua_terbuka'])

/**
 * The tables and order a page's ids are read with. Sorted by deadline, an open-only queue walks the open
 * complaints' due index and stops after the page, instead of joining and sorting every open complaint (seconds
 * on a million complaints). The queue's own conditions on complaint c still apply, so a complaint whose deadline
 * row is not written yet (during a bulk sync that rebuilds at the end) is left out until it is.
 */
function pagePlan(q: QueuePageQuery, whereSql: string): { from: string; where: string; order: string } {
  if (q.sort === 'tenggat' && OPEN_ONLY.has(q.queue)) {
    return {
      from: 'complaint_sla s INDEXED BY complaint_sla_open_due CROSS JOIN complaint c ON c.id = s.complaint_id',
      where: `s.kabupaten_kode = @kab AND s.is_open = 1 AND ${whereSql}`,
      order: `ifnull(s.next_due_at, ${NO_DEADLINE}), s.complaint_id`,
    }
  }
  const order = orderOf(q)
  // Deadlines and suggestions are joined only when the page asks about them.
  const isJoined = needsJoins(q)
  // By submission time, an open-only queue that needs no deadline and is not narrowed to a place or unit reads the
  // status index, which holds the order: the planner's own choice (the submission index, checking each row's status) took 0.6 s to reach
  // row 100,000 of a million-complaint store, this 0.06 s.
  const bySubmission = (q.sort ?? 'terlama') === 'terlama' || q.sort === 'terbaru'
  const byStatusIndex = bySubmission && OPEN_ONLY.has(q.queue) && !isJoined && !q.kecamatan && !q.desa && q.unitId === undefined
  const from = isJoined ? fromClause(q.queue) : byStatusIndex ? 'complaint c INDEXED BY complaint_kab_status' : 'complaint c'
  return { from, where: whereSql, order }
}
export type QueueSort = (typeof SORTS)[number]

const ORDER: Record<QueueSort, string> = {
  terlama: 'c.submitted_at, c.id',
  terbaru: 'c.submitted_at DESC, c.id DESC',
  // Most urgent first; complaints with no pending deadline go last. Written as the expression of the index
  // complaint_sla_open_due (0013), which open-only queues walk in this order (see pagePlan).
  tenggat: `ifnull(s.next_due_at, ${NO_DEADLINE}), c.id`,
  // Most confident misroute first (see orderOf: the misrouted queue reads this order from its index).
  keyakinan: '(SELECT misroute_confidence FROM routing_suggestion WHERE complaint_id = c.id AND held_unit_id = c.unit_id) DESC, c.submitted_at, c.id',
}

export type QueueFilter = {
  unitId?: number
  kecamatan?: string
  desa?: string
  categoryIds?: number[]
  channel?: Channel
  /** Submitted within these local dates of the kabupaten. */
  period?: Period
  /** Only complaints in this status now (Ringkasan's "Selesai" tile and status rows open 'semua' narrowed to one). */
  status?: Status
  /** Tracking ID or words of the title. */
  search?: string
  /** Only these complaints: a rising issue's (isu.list), so the queue holds exactly the complaints its row counts. */
  ids?: number[]
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
  /** The routing suggestion (stored for open complaints) and, when it confidently disagrees with the holder, how confidently. */
  suggested_unit_id: number | null
  suggested_unit: string | null
  suggested_confidence: number | null
  misroute_confidence: number | null
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
  /** Misroute confidence threshold; default: the setting (routing/settings.ts). */
  minConf?: number
  /** Where the rows are shown (privacy/policy.ts); the interactive app unless said otherwise. */
  surface?: Surface
}

function where(db: Db, q: QueuePageQuery): { sql: string; params: Record<string, unknown> } {
  const parts = ['c.kabupaten_kode = @kab', QUEUE_WHERE[q.queue]]
  const params: Record<string, unknown> = { kab: q.kabupaten, now: q.now }
  params.minConf = q.minConf ?? misrouteThreshold(db)
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
  if (q.status) parts.push('c.status = @status'), (params.status = q.status)
  if (q.period) {
    // Bounds in the kabupaten's own zone, as the KPI screens count the same period.
    const [from, to] = periodBounds(q.period, getKabupaten(db, q.kabupaten).utc_offset_minutes)
    parts.push('c.submitted_at >= @from AND c.submitted_at < @to')
    Object.assign(params, { from, to })
  }
  if (q.ids) parts.push('c.id IN (SELECT value FROM json_each(@ids))'), (params.ids = JSON.stringify(q.ids))
  if (q.search?.trim()) {
    // The tracking number always; words only of the title as this caller sees it (privacy/search.ts): never the
    // stored text of a complaint whose title is hidden or masked for them.
    const text = visibleTextMatch(db, viewFor(q.role, q.surface ?? 'app'), 'c.judul')
    // A tracking number is found by any beginning of it ("LOK-2103" finds LOK-2103-2026-00001, "#" as officials
    // write it is dropped): tracking numbers are shown to every role, so a prefix reveals nothing new.
    const words = q.search.trim()
    const escaped = (text: string) => text.replace(/[\\%_]/g, (m) => '\\' + m)
    // sql-vetted: visibleTextMatch() returns fixed fragments; the search words are bound @parameters
    parts.push(`(c.tracking_id LIKE @prefix ESCAPE '\\' OR ${text.sql})`)
    params.prefix = `${escaped(words.replace(/^#/, ''))}%`
    params.like = `%${escaped(words)}%`
  }
  return { sql: parts.join(' AND '), params }
}

/**
 * A page of a queue, in two steps: the page's ids (the order and offset over the narrowest rows), then their
 * columns. Computing names, suggestions and claims only for the rows shown keeps a deep page of a 100,000-row queue
 * (a virtualised list jumping to its end) from building every row it skips.
 */
export function queuePage(db: Db, q: QueuePageQuery): QueueRow[] {
  const w = where(db, q)
  const plan = pagePlan(q, w.sql)
  // sql-vetted: pagePlan() and where() return fixed fragments of this module; values are bound @parameters
  const ids = prepared(db, `SELECT c.id FROM ${plan.from} WHERE ${plan.where} ORDER BY ${plan.order} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...w.params, limit: q.limit, offset: q.offset ?? 0 }) as number[]
  if (ids.length === 0) return []
  // sql-vetted: SUGGESTION_COLUMNS is a constant of this module; values are bound @parameters
  const rows = prepared(
    db,
    `SELECT c.id, c.tracking_id, c.judul, c.status, c.submitted_at, c.updated_at, k.nama AS kecamatan, d.nama AS desa,
            c.unit_id, coalesce(u.singkatan, u.nama) AS unit, g.nama AS category, c.channel, s.next_due_at,
            c.disposition_count, ${SUGGESTION_COLUMNS}, c.is_anonim, c.is_rahasia,
            (SELECT au.nama FROM complaint_claim cl JOIN app_user au ON au.id = cl.user_id
             WHERE cl.complaint_id = c.id AND cl.expires_at > @now) AS claimed_by
     FROM complaint c LEFT JOIN complaint_sla s ON s.complaint_id = c.id
     LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode
     LEFT JOIN desa d ON d.kode = c.desa_kode
     LEFT JOIN unit u ON u.id = c.unit_id
     LEFT JOIN category g ON g.id = c.category_id
     WHERE c.id IN (SELECT value FROM json_each(@ids))`,
  ).all({ ids: JSON.stringify(ids), now: q.now, minConf: w.params.minConf }) as QueueRow[]
  const at = new Map(ids.map((id, i) => [id, i]))
  rows.sort((a, b) => at.get(a.id)! - at.get(b.id)!)
  return redactRows(db, viewFor(q.role, q.surface ?? 'app'), rows, ['judul'])
}

export function queueCount(db: Db, q: Omit<QueuePageQuery, 'limit' | 'offset' | 'sort'>): number {
  // sql-vetted: where() joins fixed fragments with @parameters
  const w = where(db, { ...q, limit: 0 })
  // A count has no order: only the queue's own condition decides the joins.
  const from = needsJoins({ queue: q.queue }) ? fromClause(q.queue) : 'complaint c'
  // sql-vetted: from and where() are fixed fragments of this module; values are bound @parameters
  return prepared(db, `SELECT count(*) FROM ${from} WHERE ${w.sql}`).pluck().get(w.params) as number
}

/** True when a queue query narrows nothing beyond the queue itself (its badge count is then its total). */
export function isUnfiltered(q: QueueFilter & { minConf?: number }): boolean {
  return (
    q.minConf === undefined &&
    q.unitId === undefined &&
    !q.kecamatan &&
    !q.desa &&
    !q.categoryIds?.length &&
    !q.channel &&
    !q.status &&
    q.period === undefined &&
    !q.search?.trim() &&
    q.ids === undefined
  )
}

/**
 * How many complaints wait in each queue now (the queue menu's badges). Unfiltered badges are read from the KPI
 * aggregates (year rows hold every complaint once; kpi_due holds open complaints by due day), a partial index
 * and the stored routing suggestions, so opening Antrean on a million complaints does not count a million rows nine times.
 */
export function queueCounts(db: Db, kabupaten: string, now: number): Record<QueueName, number> {
  type Sums = { n: number; btv: number; btl: number; proses: number; bw: number; dihapus: number }
  const sums = (dim: string, key: string): Sums =>
    prepared(
      db,
      `SELECT coalesce(sum(n), 0) AS n, coalesce(sum(belum_terverifikasi), 0) AS btv, coalesce(sum(belum_ditindaklanjuti), 0) AS btl,
              coalesce(sum(proses), 0) AS proses, coalesce(sum(bukan_wewenang), 0) AS bw, coalesce(sum(dihapus), 0) AS dihapus
       FROM kpi_count WHERE kabupaten_kode = ? AND dim = ? AND grain = 2 AND key = ?`,
    ).get(kabupaten, dim, key) as Sums
  const all = sums('all', '')
  const noUnit = sums('unit', '')
  const noPlace = sums('kecamatan', '')
  const today = dayOf(now, getKabupaten(db, kabupaten).utc_offset_minutes * 60_000)
  const notYetDue = prepared(db, "SELECT coalesce(sum(n), 0) FROM kpi_due WHERE kabupaten_kode = ? AND dim = 'all' AND due_day >= ?")
    .pluck()
    .get(kabupaten, today) as number
  const open = all.btv + all.btl + all.proses
  const count = (sql: string) => prepared(db, sql).pluck().get(kabupaten) as number
  return {
    verifikasi: all.btv,
    disposisi: noUnit.btl,
    proses: all.btl + all.proses - noUnit.btl - noUnit.proses,
    terlambat: open - notYetDue,
    // INDEXED BY: without statistics the planner picks the status index and reads every open complaint's row.
    // sql-vetted: OPEN_STATUSES_SQL is the fixed list of status codes from #shared/status.ts
    dikembalikan:
      all.bw +
      count(
        `SELECT count(*) FROM complaint INDEXED BY complaint_redisposed_open WHERE kabupaten_kode = ? AND disposition_count >= 2
         AND status IN ${OPEN_STATUSES_SQL}`,
      ) +
      // Returned by a liaison, waiting for a decision, and not already counted above.
      // sql-vetted: OPEN_STATUSES_SQL is the fixed list of status codes from #shared/status.ts
      count(
        `SELECT count(DISTINCT c.id) FROM liaison_return lr JOIN complaint c ON c.id = lr.complaint_id WHERE c.kabupaten_kode = ? AND lr.decided_at IS NULL
         AND c.status <> 'bukan_wewenang' AND NOT (c.disposition_count >= 2 AND c.status IN ${OPEN_STATUSES_SQL})`,
      ),
    salah_sasaran: queueCount(db, { kabupaten, queue: 'salah_sasaran', now, role: 'viewer' }),
    tanpa_lokasi: noPlace.n - noPlace.dihapus,
    semua_terbuka: open,
    semua: all.n,
  }
}

/** The queue's WHERE and ORDER BY, for exports that read the same rows with more columns. */
export { where as queueWhere, ORDER as QUEUE_ORDER, fromClause as queueFrom }

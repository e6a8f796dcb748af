// One queue as a screen asks for it: the queue, its sort and filters, and a period only when the user chose to
// narrow the queue to one. The list's pages, its count line and its export are all read from the query built here,
// so what the tab counts, what the list scrolls through and what the file holds are the same complaints.
// A work queue is the whole work: the global period of the KPI screens does not narrow it unless asked.
import type { Db } from '../store/open.ts'
import type { Role } from '#shared/roles.ts'
import type { Period } from '#shared/period.ts'
import type { Status } from '#shared/status.ts'
import { toKpiFilter, type ScreenFilter } from '../kpi/service.ts'
import { isUnfiltered, queueCount, queueCounts, type QueueName, type QueuePageQuery, type QueueSort } from './queries.ts'

export type QueueRequest = {
  kabupaten: string
  queue: QueueName
  sort?: QueueSort
  unitId?: number
  kecamatan?: string
  desa?: string
  /** The screens' category/channel filter. */
  filter?: ScreenFilter
  /** Only complaints submitted in these local dates: set when the user narrows the queue to a period. */
  period?: Period
  /** Only complaints in this status now: the 'semua' queue opened from a status count on Ringkasan. */
  status?: Status
  search?: string
  /** Only these complaints (a rising issue's). */
  ids?: number[]
}

export type QueueQuery = Omit<QueuePageQuery, 'limit' | 'offset'>

/** The query the list, its count and its export read. */
export function queueQuery(db: Db, r: QueueRequest, role: Role, now: number): QueueQuery {
  const f = toKpiFilter(db, r.filter)
  return {
    kabupaten: r.kabupaten,
    queue: r.queue,
    sort: r.sort,
    unitId: r.unitId,
    kecamatan: r.kecamatan,
    desa: r.desa,
    categoryIds: f?.categoryIds,
    channel: f?.channel,
    period: r.period,
    status: r.status,
    search: r.search,
    ids: r.ids,
    now,
    role,
  }
}

export type QueueTotals = {
  /** Complaints in the queue under every filter: the rows the list scrolls through and the export holds. */
  total: number
  /** With a period chosen: the same queue and filters without it (the "of N" and "N − total outside the period"). */
  withoutPeriod: number | null
}

/** How many the query holds; unfiltered, the tab's own count (the same figure, read from the aggregates). */
export function queueTotals(db: Db, q: QueueQuery): QueueTotals {
  const count = (query: QueueQuery) => (isUnfiltered(query) ? queueCounts(db, query.kabupaten, query.now)[query.queue] : queueCount(db, query))
  return { total: count(q), withoutPeriod: q.period ? count({ ...q, period: undefined }) : null }
}

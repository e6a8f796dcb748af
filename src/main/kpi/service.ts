// What the API and the CLI call for KPI figures: a cached calendar per kabupaten and calendar revision (building
// one costs milliseconds, a dashboard question must cost less), the minimum sample from the settings, and a
// rebuild of stale deadlines when the calendar or rules changed since they were computed.
import type { Db } from '../store/open.ts'
import type { Channel, Period } from '#shared/domain.ts'
import { calendarRevision, loadCalendar } from '../calendar/store.ts'
import type { Calendar } from '../calendar/calendar.ts'
import type { Dim } from './aggregates.ts'
import { kpiTable, type KpiFilter, type KpiTable } from './queries.ts'
import { isStale, rebuildKabupaten, slaContext } from './refresh.ts'
import { ensureOfficialHolidays } from '../calendar/holiday-import.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { periodBounds } from '#shared/period.ts'
import { appendAudit } from '../audit/log.ts'
import type { SessionUser } from '../users/session.ts'

const calendars = new WeakMap<Db, Map<string, Calendar>>()

export function cachedCalendar(db: Db, kabupaten: string): Calendar {
  let perDb = calendars.get(db)
  if (!perDb) calendars.set(db, (perDb = new Map()))
  const key = `${kabupaten}@${calendarRevision(db)}`
  let cal = perDb.get(key)
  if (!cal) {
    perDb.clear() // an older revision is never asked for again
    perDb.set(key, (cal = loadCalendar(db, kabupaten)))
  }
  return cal
}

const DIM_COLUMN: Record<Exclude<Dim, 'all'>, string> = {
  opd: 'opd_id',
  unit: 'unit_id',
  kecamatan: 'kecamatan_kode',
  desa: 'desa_kode',
  category: 'category_id',
  channel: 'channel',
  klasifikasi: 'klasifikasi',
  first_opd: 'first_opd_id',
}

export const DEFAULT_MIN_SAMPLE = 10

export function minSample(db: Db): number {
  const v = db.prepare("SELECT value FROM setting WHERE key = 'kpi.min_sample'").pluck().get() as string | undefined
  return v === undefined ? DEFAULT_MIN_SAMPLE : Number(JSON.parse(v))
}

/** Changes the minimum sample for rankings, audited; returns it. */
export function saveMinSample(db: Db, user: SessionUser, n: number): number {
  return db.transaction(() => {
    const before = minSample(db)
    db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('kpi.min_sample', ?)").run(JSON.stringify(n))
    appendAudit(db, user, { action: 'kpi.set_min_sample', entity: 'setting', entityId: 'kpi.min_sample', before, after: n })
    return n
  }).immediate()
}

/** Recomputes the deadlines of every kabupaten whose calendar or rules changed since the last computation (after
 * loading any shipped holiday year the store lacks). */
export function ensureFresh(db: Db, now = Date.now()): string[] {
  // Official holiday years shipped after the store was made (2019–2023) first: they make the kabupaten stale.
  ensureOfficialHolidays(db)
  const stale = (db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().all() as string[]).filter((k) => isStale(db, k))
  for (const k of stale) db.transaction(() => rebuildKabupaten(db, k, slaContext(db, k, now))).immediate()
  return stale
}

/** The filter the screens share: a category (a topic selects its sub-topics too) and/or a channel. */
export type ScreenFilter = { category?: number; channel?: Channel }

export function toKpiFilter(db: Db, f: ScreenFilter | undefined): KpiFilter | undefined {
  if (!f || (f.category === undefined && f.channel === undefined)) return undefined
  const categoryIds =
    f.category === undefined
      ? undefined
      : (db.prepare('SELECT id FROM category WHERE id = ? OR parent_id = ?').pluck().all(f.category, f.category) as number[])
  return { categoryIds: categoryIds?.length ? categoryIds : f.category === undefined ? undefined : [-1], channel: f.channel }
}

export function kpiFor(db: Db, kabupaten: string, dim: Dim, period: Period, now = Date.now(), min = minSample(db), filter?: ScreenFilter): KpiTable {
  getKabupaten(db, kabupaten) // a clear NOT_FOUND for an unknown kode
  return kpiTable(db, { kabupaten, dim, period, now, minSample: min, calendar: cachedCalendar(db, kabupaten), filter: toKpiFilter(db, filter) })
}

/** Complaints in per local day over a period, from the day rows of the aggregates. */
export function dailyTrend(
  db: Db,
  kabupaten: string,
  period: Period,
  dim: Dim = 'all',
  key = '',
  filter?: ScreenFilter,
): { date: string; n: number; selesai: number }[] {
  const k = getKabupaten(db, kabupaten)
  const [from, to] = periodBounds(period, k.utc_offset_minutes).map((ms) => Math.floor((ms + k.utc_offset_minutes * 60_000) / 86_400_000))
  const f = toKpiFilter(db, filter)
  // sql-vetted: DIM_COLUMN maps the enum Dim to fixed column names; values are ? parameters
  const rows = (
    f
      ? db
          .prepare(
            `SELECT day, count(*) AS n, sum(status = 'selesai') AS selesai FROM complaint_sla
             WHERE kabupaten_kode = ? AND day >= ? AND day < ?
             ${f.categoryIds ? `AND category_id IN (${f.categoryIds.map(() => '?').join(', ')})` : ''}
             ${f.channel ? 'AND channel = ?' : ''}
             ${dim === 'all' ? '' : `AND coalesce(${DIM_COLUMN[dim]}, '') = ?`} GROUP BY day ORDER BY day`,
          )
          .all(kabupaten, from, to, ...(f.categoryIds ?? []), ...(f.channel ? [f.channel] : []), ...(dim === 'all' ? [] : [key]))
      : db
          .prepare(
            `SELECT day, n, selesai FROM kpi_count WHERE kabupaten_kode = ? AND dim = ? AND key = ? AND grain = 0
             AND day >= ? AND day < ? ORDER BY day`,
          )
          .all(kabupaten, dim, key, from, to)
  ) as { day: number; n: number; selesai: number }[]
  const byDay = new Map(rows.map((r) => [r.day, r]))
  // Every day of the period appears, quiet days as zero, so a chart's axis is honest.
  const out: { date: string; n: number; selesai: number }[] = []
  for (let d = from; d < to; d++) {
    const r = byDay.get(d)
    out.push({ date: new Date(d * 86_400_000).toISOString().slice(0, 10), n: r?.n ?? 0, selesai: r?.selesai ?? 0 })
  }
  return out
}

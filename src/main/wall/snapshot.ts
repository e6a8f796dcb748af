// What a wall screen shows, in one answer per refresh: the headline KPIs, the kecamatan figures for the map, the
// OPD league, the live feed, the overdue cases, the complaints that became overdue since the wall's last answer
// (its alarm) and when data last came in. A public view like the briefing: the same safe answer for every role
// (privacy/public-view.ts), since a wall is seen by whoever walks past.
import type { Db } from '../store/open.ts'
import type { Period } from '#shared/domain.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { cachedCalendar, kpiFor } from '../kpi/service.ts'
import { kecamatanFigures, opdLeague, type KecamatanFigures, type OpdFigures } from '../briefing/deck.ts'
import { latestIds, overdueCases, overdueIds, publicCases, type PublicCase } from '../briefing/cases.ts'

const FEED = 12
const OVERDUE = 10
const ALARM = 20
const BACKLOG = 12

export type WallSnapshot = {
  kabupaten: { kode: string; nama: string; time_zone: string }
  period: Period
  /** Server time of this answer: the wall's next `since`. */
  now: number
  /** Highest complaint id now: the wall's next `sinceId`, so complaints that arrive already overdue alarm too. */
  maxId: number
  kpi: {
    masuk: number
    selesai: number
    pctSelesai: number | null
    pctResponseOnTime: number | null
    medianResponseHk: number | null
    openNow: number
    overdueNow: number
    previous: { masuk: number; pctSelesai: number | null; pctResponseOnTime: number | null; medianResponseHk: number | null }
  }
  kecamatan: KecamatanFigures[]
  tanpaLokasi: number
  league: OpdFigures[]
  notRanked: number
  /** The league's minimum number of complaints per OPD. */
  minSample: number
  /** OPD with open complaints, most overdue first (ranked or not: a backlog is a count, not a rate). */
  backlog: OpdFigures[]
  feed: PublicCase[]
  overdue: { total: number; cases: PublicCase[] }
  /** Open complaints that passed a deadline, or arrived past one, since `since` (empty on a wall's first answer). */
  newlyOverdue: PublicCase[]
  /** Last successful sync of any source of the kabupaten, and the newest change in its store. */
  sync: { lastSyncedAt: number | null; lastChangeAt: number | null }
}

export type WallQuery = { kabupaten: string; period: Period; since?: number; sinceId?: number }

export function wallSnapshot(db: Db, q: WallQuery, now = Date.now()): WallSnapshot {
  const k = getKabupaten(db, q.kabupaten)
  const cal = cachedCalendar(db, q.kabupaten)
  const all = kpiFor(db, q.kabupaten, 'all', q.period, now)
  const t = all.total
  const kec = kecamatanFigures(db, q.kabupaten, q.period, now)
  const opd = opdLeague(db, q.kabupaten, q.period, now)
  return {
    kabupaten: { kode: k.kode, nama: k.nama, time_zone: k.time_zone },
    period: q.period,
    now,
    maxId: (db.prepare('SELECT max(id) FROM complaint').pluck().get() as number | null) ?? 0,
    kpi: {
      masuk: t.n,
      selesai: t.selesai,
      pctSelesai: t.pctSelesai,
      pctResponseOnTime: t.pctResponseOnTime,
      medianResponseHk: t.medianResponseHk,
      openNow: t.openNow,
      overdueNow: t.overdueNow,
      previous: {
        masuk: t.previous.n,
        pctSelesai: t.previous.pctSelesai,
        pctResponseOnTime: t.previous.pctResponseOnTime,
        medianResponseHk: t.previous.medianResponseHk,
      },
    },
    kecamatan: kec.rows,
    tanpaLokasi: kec.tanpaLokasi,
    league: opd.league,
    notRanked: opd.notRanked,
    minSample: all.minSample,
    backlog: opd.backlog.slice(0, BACKLOG),
    feed: publicCases(db, cal, now, latestIds(db, q.kabupaten, FEED)),
    overdue: overdueCases(db, cal, q.kabupaten, now, OVERDUE),
    newlyOverdue:
      q.since === undefined
        ? []
        : publicCases(db, cal, now, overdueIds(db, q.kabupaten, now, ALARM, { at: q.since, id: q.sinceId ?? Number.MAX_SAFE_INTEGER })),
    sync: {
      lastSyncedAt: db.prepare('SELECT max(last_synced_at) FROM sync_source WHERE kabupaten_kode = ?').pluck().get(q.kabupaten) as number | null,
      lastChangeAt:
        (db.prepare('SELECT updated_at FROM complaint WHERE +kabupaten_kode = ? ORDER BY updated_at DESC LIMIT 1').pluck().get(q.kabupaten) as
          | number
          | undefined) ?? null,
    },
  }
}

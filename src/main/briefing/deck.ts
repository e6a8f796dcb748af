// Everything a briefing shows, for one kabupaten and period, in one answer: the headline KPIs against the
// previous period, the kecamatan figures for the map, the OPD league and backlog, the top issues per kecamatan,
// the overdue cases that need a decision and the operator's notable cases. Numbers come from the same KPI
// service as every screen (kpi/service.ts), so a slide and the Kinerja OPD screen never disagree; ranking and
// ordering are done here so the slides only draw.
import type { Db } from '../store/open.ts'
import type { Period } from '#shared/domain.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { cachedCalendar, kpiFor } from '../kpi/service.ts'
import type { AgeBucket, KpiRow } from '../kpi/queries.ts'
import { periodDays } from '../kpi/period.ts'
import { overdueCases, type PublicCase } from './cases.ts'
import { notableCases, type NotableCase } from './notable.ts'

/** How many overdue cases and kecamatan a slide holds at briefing type size. */
const OVERDUE_ON_SLIDE = 6
const ISSUE_KECAMATAN = 6
const ISSUES_PER_KECAMATAN = 4

type Figures = {
  n: number
  selesai: number
  pctSelesai: number | null
  pctVerifiedOnTime: number | null
  pctResponseOnTime: number | null
  medianResponseHk: number | null
  medianSelesaiHk: number | null
}

export type Headline = Figures & { openNow: number; overdueNow: number; backlog: Record<AgeBucket, number>; previous: Figures }

export type KecamatanFigures = { kode: string; nama: string; n: number; openNow: number; overdueNow: number; pctResponseOnTime: number | null }

export type OpdFigures = {
  key: string
  label: string
  n: number
  pctResponseOnTime: number | null
  previousPctResponseOnTime: number | null
  medianResponseHk: number | null
  p90ResponseHk: number | null
  openNow: number
  overdueNow: number
  backlog: Record<AgeBucket, number>
}

export type IssueRow = { kode: string; nama: string; n: number; categories: { id: number; nama: string; n: number }[] }

export type BriefingDeck = {
  kabupaten: { kode: string; nama: string; ibukota: string; provinsi: string; time_zone: string }
  period: Period
  previousPeriod: Period
  generatedAt: number
  minSample: number
  headline: Headline
  kecamatan: KecamatanFigures[]
  /** Complaints of the period without a kecamatan (not on the map). */
  tanpaLokasi: number
  /** OPD with enough complaints to rank, best share of tindak lanjut within 5 hk first. */
  league: OpdFigures[]
  /** OPD below the minimum sample: counted, never ranked. */
  notRanked: number
  /** OPD with open complaints, most overdue first. */
  backlog: OpdFigures[]
  /** Open complaints not yet dispositioned to any OPD. */
  undisposed: { openNow: number; overdueNow: number }
  issues: IssueRow[]
  overdue: { total: number; cases: PublicCase[] }
  notable: NotableCase[]
}

function figures(r: KpiRow | KpiRow['previous']): Figures {
  return {
    n: r.n,
    selesai: r.selesai,
    pctSelesai: r.pctSelesai,
    pctVerifiedOnTime: r.pctVerifiedOnTime,
    pctResponseOnTime: r.pctResponseOnTime,
    medianResponseHk: r.medianResponseHk,
    medianSelesaiHk: r.medianSelesaiHk,
  }
}

function opdFigures(r: KpiRow): OpdFigures {
  return {
    key: r.key,
    label: r.label,
    n: r.n,
    pctResponseOnTime: r.pctResponseOnTime,
    previousPctResponseOnTime: r.previous.pctResponseOnTime,
    medianResponseHk: r.medianResponseHk,
    p90ResponseHk: r.p90ResponseHk,
    openNow: r.openNow,
    overdueNow: r.overdueNow,
    backlog: r.backlog,
  }
}

/** League order: best share on time first; a tie goes to the faster median, then to the OPD with more complaints. */
export function leagueOrder(a: OpdFigures, b: OpdFigures): number {
  const x = a.pctResponseOnTime ?? -1
  const y = b.pctResponseOnTime ?? -1
  return y - x || (a.medianResponseHk ?? Infinity) - (b.medianResponseHk ?? Infinity) || b.n - a.n || a.label.localeCompare(b.label, 'id')
}

export function opdLeague(db: Db, kabupaten: string, period: Period, now: number) {
  const table = kpiFor(db, kabupaten, 'opd', period, now)
  const rows = table.rows.filter((r) => r.key !== '')
  const undisposed = table.rows.find((r) => r.key === '')
  return {
    league: rows.filter((r) => r.isRanked).map(opdFigures).sort(leagueOrder),
    notRanked: rows.filter((r) => !r.isRanked && r.n > 0).length,
    backlog: rows
      .filter((r) => r.openNow > 0)
      .map(opdFigures)
      .sort((a, b) => b.overdueNow - a.overdueNow || b.openNow - a.openNow || a.label.localeCompare(b.label, 'id')),
    undisposed: { openNow: undisposed?.openNow ?? 0, overdueNow: undisposed?.overdueNow ?? 0 },
  }
}

/** Every kecamatan of the kabupaten (those without complaints as zero), in code order. */
export function kecamatanFigures(db: Db, kabupaten: string, period: Period, now: number): { rows: KecamatanFigures[]; tanpaLokasi: number } {
  const byKey = new Map(kpiFor(db, kabupaten, 'kecamatan', period, now).rows.map((r) => [r.key, r]))
  const all = db.prepare('SELECT kode, nama FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode').all(kabupaten) as { kode: string; nama: string }[]
  return {
    rows: all.map(({ kode, nama }) => {
      const r = byKey.get(kode)
      return { kode, nama, n: r?.n ?? 0, openNow: r?.openNow ?? 0, overdueNow: r?.overdueNow ?? 0, pctResponseOnTime: r?.pctResponseOnTime ?? null }
    }),
    tanpaLokasi: byKey.get('')?.n ?? 0,
  }
}

/** The most frequent topics in the busiest kecamatan of the period (a cross of two slices, read from complaint_sla). */
function topIssues(db: Db, kabupaten: string, period: Period, kecamatan: KecamatanFigures[]): IssueRow[] {
  const { from, to } = periodDays(period)
  const busiest = kecamatan.filter((k) => k.n > 0).sort((a, b) => b.n - a.n || a.kode.localeCompare(b.kode)).slice(0, ISSUE_KECAMATAN)
  if (busiest.length === 0) return []
  const rows = db
    .prepare(
      // The covering index of 0010_briefing.sql, named: without statistics SQLite would pick the (kabupaten, day)
      // index and look up every row of the period.
      `SELECT s.kecamatan_kode AS kode, s.category_id AS id, g.nama AS nama, s.n
       FROM (SELECT kecamatan_kode, category_id, count(*) AS n FROM complaint_sla INDEXED BY complaint_sla_kecamatan_category
             WHERE kabupaten_kode = ? AND kecamatan_kode IN (${busiest.map(() => '?').join(', ')}) AND day BETWEEN ? AND ?
               AND category_id IS NOT NULL
             GROUP BY 1, 2) s
       JOIN category g ON g.id = s.category_id
       ORDER BY 1, s.n DESC, g.nama`,
    )
    .all(kabupaten, ...busiest.map((k) => k.kode), from, to) as { kode: string; id: number; nama: string; n: number }[]
  return busiest.map((k) => ({
    kode: k.kode,
    nama: k.nama,
    n: k.n,
    categories: rows
      .filter((r) => r.kode === k.kode)
      .slice(0, ISSUES_PER_KECAMATAN)
      .map(({ id, nama, n }) => ({ id, nama, n })),
  }))
}

export function briefingDeck(db: Db, kabupaten: string, period: Period, now = Date.now()): BriefingDeck {
  const k = getKabupaten(db, kabupaten)
  const cal = cachedCalendar(db, kabupaten)
  const all = kpiFor(db, kabupaten, 'all', period, now)
  const t = all.total
  const kec = kecamatanFigures(db, kabupaten, period, now)
  const opd = opdLeague(db, kabupaten, period, now)
  return {
    kabupaten: { kode: k.kode, nama: k.nama, ibukota: k.ibukota, provinsi: k.provinsi, time_zone: k.time_zone },
    period,
    previousPeriod: all.previousPeriod,
    generatedAt: now,
    minSample: all.minSample,
    headline: { ...figures(t), openNow: t.openNow, overdueNow: t.overdueNow, backlog: t.backlog, previous: figures(t.previous) },
    kecamatan: kec.rows,
    tanpaLokasi: kec.tanpaLokasi,
    league: opd.league,
    notRanked: opd.notRanked,
    backlog: opd.backlog,
    undisposed: opd.undisposed,
    issues: topIssues(db, kabupaten, period, kec.rows),
    overdue: overdueCases(db, cal, kabupaten, now, OVERDUE_ON_SLIDE),
    notable: notableCases(db, cal, kabupaten, period, now),
  }
}

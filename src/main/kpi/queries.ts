// The numbers officials are judged by, for any period and any slice, read from the pre-aggregated tables.
// Period KPIs are cohort figures: they describe the complaints submitted in the period (local dates).
// "Now" figures (overdue now, backlog by age) describe every open complaint at `now`, whatever its period.
import type { Db } from '../store/open.ts'
import { prepared } from '../store/statements.ts'
import type { Channel, Period, Status } from '#shared/domain.ts'
import type { Calendar } from '../calendar/calendar.ts'
import { workingDaysBetween } from '../calendar/calendar.ts'
import { dayOf, startOfDay } from '../calendar/days.ts'
import { COUNTERS, sumRows, type Counter, type Dim } from './aggregates.ts'
import type { SlaRow } from './sla-row.ts'
import { addInto, bump, decodeCounts, histogramPercentile, type Histogram } from './histogram.ts'
import { periodDays, previousPeriod, splitDayRange, splitPeriod } from './period.ts'

export const AGE_BUCKETS = ['0-3', '4-5', '6-10', '11-60', '>60'] as const
export type AgeBucket = (typeof AGE_BUCKETS)[number]

export type PeriodFigures = {
  n: number
  pctVerifiedOnTime: number | null
  pctResponseOnTime: number | null
  medianResponseHk: number | null
  p90ResponseHk: number | null
  medianSelesaiHk: number | null
  p90SelesaiHk: number | null
  selesai: number
  pctSelesai: number | null
  pctProses: number | null
  pctBelum: number | null
  /** Complaints of the period by their status now. */
  byStatus: Record<Status, number>
  pctDispositioned: number | null
  pctTunda: number | null
  pctArsip: number | null
  bukanWewenang: number
  misrouted: number
  misrouteRate: number | null
  /** Hari kerja lost to misroutes: in dims opd and first_opd, the days each OPD held complaints wrongly. */
  misrouteHk: number
  shareAnonim: number | null
  shareRahasia: number | null
}

export type KpiRow = PeriodFigures & {
  key: string
  label: string
  isRanked: boolean
  overdueNow: number
  openNow: number
  backlog: Record<AgeBucket, number>
  previous: PeriodFigures
}

export type KpiTable = {
  dim: Dim
  period: Period
  previousPeriod: Period
  /**
   * The instant the previous period's age-dependent rates are judged at: `now` moved back by the distance between
   * the two periods, so each earlier complaint is as old as its counterpart now (see sameAgeRates).
   */
  previousAsOf: number
  /** How the previous period is compared: on equal-age cohorts (the screens say "dibandingkan pada umur yang sama"). */
  comparison: 'same_age'
  minSample: number
  now: number
  total: KpiRow
  rows: KpiRow[]
}

const KEY_COLUMN: Record<Dim, string> = {
  all: "''",
  opd: "coalesce(opd_id, '')",
  unit: "coalesce(unit_id, '')",
  kecamatan: "coalesce(kecamatan_kode, '')",
  desa: "coalesce(desa_kode, '')",
  category: "coalesce(category_id, '')",
  channel: 'channel',
  klasifikasi: 'klasifikasi',
  first_opd: "coalesce(first_opd_id, '')",
}

/** The period counters a KPI reads; the others in COUNTERS describe "now" and are read by readNow. */
type PeriodCounter = Exclude<Counter, 'open' | 'verify_pending' | 'response_pending'>
const SUM_COLUMNS = COUNTERS.filter((c): c is PeriodCounter => c !== 'open' && c !== 'verify_pending' && c !== 'response_pending')
export type Sums = Record<PeriodCounter, number>

type Hist = { response: Histogram; selesai: Histogram }

/** Narrows every figure to some categories (a topic and its children) and/or one channel. */
export type KpiFilter = { categoryIds?: number[]; channel?: Channel }

function filterSql(f: KpiFilter | undefined): { sql: string; params: (string | number)[] } {
  const parts: string[] = []
  const params: (string | number)[] = []
  if (f?.categoryIds?.length) {
    parts.push(`category_id IN (${f.categoryIds.map(() => '?').join(', ')})`)
    params.push(...f.categoryIds)
  }
  if (f?.channel) {
    parts.push('channel = ?')
    params.push(f.channel)
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params }
}

const isFiltered = (f: KpiFilter | undefined) => Boolean(f?.categoryIds?.length || f?.channel)
type Pending = { verify: number; response: number }

/**
 * The period as index ranges of kpi_count, one SELECT per range joined by UNION ALL: SQLite does not turn an OR
 * of ranges into several index seeks, and scanning every row of a dimension cost most of a dashboard question.
 */
function periodRanges(period: Period, select: string): { sql: string; params: number[] } {
  const parts = splitPeriod(period)
  return {
    sql: parts.map(() => `${select} AND grain = ? AND day BETWEEN ? AND ?`).join(' UNION ALL '),
    params: parts.flatMap((p) => [p.grain, p.from, p.to]),
  }
}

/** Sum of a histogram's counts at offsets below `limit`: entries whose due day (row day + offset) is before today. */
function countBelow(h: Buffer | null, limit: number): number {
  if (!h || limit <= 0) return 0
  let n = 0
  for (let o = 0; o < limit && o * 4 < h.length; o++) n += h.readInt32LE(o * 4)
  return n
}

/**
 * count_below as an SQL function, so that SQLite does the summing and a dashboard question returns one row per OPD
 * or kecamatan instead of hundreds of rows (building JS objects for those rows was the largest cost).
 */
const withFunctions = new WeakSet<Db>()
function registerFunctions(db: Db): void {
  if (withFunctions.has(db)) return
  db.function('count_below', { deterministic: true }, (h: unknown, limit: unknown) =>
    countBelow(h instanceof Buffer ? h : null, Number(limit)),
  )
  withFunctions.add(db)
}

type PeriodRead = { sums: Map<string, Sums>; hist: Map<string, Hist>; pending: Map<string, Pending> }

type SummedRow = Sums & { key: string; response_lists: string | null; selesai_lists: string | null; pv: number; pr: number }

/**
 * Sums, merged histograms and overdue pending steps per key over the period, from the day and month rows of
 * kpi_count. `today` is the local day number of "now".
 */
export function readPeriod(db: Db, kabupaten: string, dim: Dim, period: Period, filter?: KpiFilter, today = Infinity): PeriodRead {
  if (isFiltered(filter)) return readPeriodFiltered(db, kabupaten, dim, period, filter!)
  registerFunctions(db)
  const limitDay = Number.isFinite(today) ? today : 1e9
  // A pending step is overdue when its due day (row day + offset) is before today. A row whose histogram ends
  // before today is taken whole from its total: only recent rows open their histogram (a call into JS, whose
  // cost is mostly copying the blob).
  const overdue = (total: string, hist: string) =>
    `CASE WHEN ${total} = 0 THEN 0 WHEN length(${hist}) <= 4 * (? - day) THEN ${total} ELSE count_below(${hist}, ? - day) END`
  // sql-vetted: SUM_COLUMNS is a constant list; overdue() is called with constant column names; only ? placeholders
  const inner = periodRanges(
    period,
    `SELECT key, ${SUM_COLUMNS.join(', ')}, response_hk_counts, selesai_hk_counts,
            ${overdue('verify_pending', 'verify_pending_hist')} AS pv, ${overdue('response_pending', 'response_pending_hist')} AS pr
     FROM kpi_count WHERE kabupaten_kode = ? AND dim = ?`,
  )
  const perPart = splitPeriod(period).length
  const params: (string | number)[] = []
  for (let i = 0; i < perPart; i++) params.push(limitDay, limitDay, limitDay, limitDay, kabupaten, dim, ...inner.params.slice(i * 3, i * 3 + 3))
  // sql-vetted: SUM_COLUMNS is a constant list; inner.sql comes from periodRanges() with ? placeholders only
  const rows = prepared(
      db,
      `SELECT key, ${SUM_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')},
              group_concat(response_hk_counts, ';') AS response_lists, group_concat(selesai_hk_counts, ';') AS selesai_lists,
              sum(pv) AS pv, sum(pr) AS pr
       FROM (${inner.sql}) GROUP BY key`,
    )
    .all(...params) as SummedRow[]
  const sums = new Map<string, Sums>()
  const hist = new Map<string, Hist>()
  const pending = new Map<string, Pending>()
  for (const r of rows) {
    sums.set(r.key, Object.fromEntries(SUM_COLUMNS.map((c) => [c, r[c]])) as Sums)
    hist.set(r.key, { response: decodeCounts(r.response_lists), selesai: decodeCounts(r.selesai_lists) })
    if (r.pv || r.pr) pending.set(r.key, { verify: r.pv, response: r.pr })
  }
  return { sums, hist, pending }
}

/** Complaints per key submitted in a period, and nothing else: for top-N lists and shares, where reading the
 * histograms and pending steps of readPeriod would be wasted. */
export function readVolumes(db: Db, kabupaten: string, dim: Dim, period: Period, filter?: KpiFilter): Map<string, number> {
  if (isFiltered(filter)) return new Map([...readPeriodFiltered(db, kabupaten, dim, period, filter!).sums].map(([k, s]) => [k, s.n]))
  const inner = periodRanges(period, 'SELECT key, n FROM kpi_count WHERE kabupaten_kode = ? AND dim = ?')
  const params: (string | number)[] = []
  splitPeriod(period).forEach((_, i) => params.push(kabupaten, dim, ...inner.params.slice(i * 3, i * 3 + 3)))
  // sql-vetted: inner.sql comes from periodRanges() with ? placeholders only
  const rows = prepared(db, `SELECT key, sum(n) AS n FROM (${inner.sql}) GROUP BY key`).all(...params) as { key: string; n: number }[]
  return new Map(rows.map((r) => [r.key, r.n]))
}

/** A filtered slice is summed from the complaints' deadline rows (a subset, found by index). */
function readPeriodFiltered(db: Db, kabupaten: string, dim: Dim, period: Period, filter: KpiFilter): PeriodRead {
  const { from, to } = periodDays(period)
  const f = filterSql(filter)
  // sql-vetted: filterSql() writes fixed fragments with ? placeholders; its values are bound
  const rows = prepared(db, `SELECT * FROM complaint_sla WHERE kabupaten_kode = ? AND day BETWEEN ? AND ?${f.sql}`)
    .all(kabupaten, from, to, ...f.params) as SlaRow[]
  const sums = new Map<string, Sums>()
  const hist = new Map<string, Hist>()
  for (const [key, c] of sumRows(rows, dim)) {
    sums.set(key, Object.fromEntries(COUNTERS.map((name, i) => [name, c.values[i]])) as Sums)
    hist.set(key, { response: c.response, selesai: c.selesai })
  }
  return { sums, hist, pending: new Map() }
}

/** Open complaints of the period whose step is not done and whose deadline has passed count as missed. */
function readPending(db: Db, kabupaten: string, dim: Dim, period: Period, now: number, filter?: KpiFilter): Map<string, Pending> {
  const { from, to } = periodDays(period)
  const f = filterSql(filter)
  // sql-vetted: KEY_COLUMN maps the enum Dim to fixed column names; filterSql() only writes ? placeholders
  const rows = prepared(
      db,
      `SELECT ${KEY_COLUMN[dim]} AS key,
              sum(verify_met IS NULL AND verify_due_at < ?) AS verify,
              sum(response_met IS NULL AND response_due_at < ?) AS response
       FROM complaint_sla WHERE is_open = 1 AND kabupaten_kode = ? AND day BETWEEN ? AND ?${f.sql} GROUP BY 1`,
    )
    .all(now, now, kabupaten, from, to, ...f.params) as ({ key: string | number } & Pending)[]
  return new Map(rows.map((r) => [String(r.key), r]))
}

/** The age-dependent counts of a cohort as they stood at one instant. */
type AsOfCounts = { n: number; selesai: number; v_met: number; v_n: number; r_met: number; r_n: number; hist?: Hist }

/**
 * The previous period's age-dependent rates judged as they stood at `asOf`, not now. Selesai %, verified within
 * 3 hk and first tindak lanjut within 5 hk all grow with a complaint's age: the last 30 days compared now with the
 * 30 days before would set complaints that had a month to close against complaints that had 30 more days. Judged
 * at `asOf` = now − (the distance between the periods), each earlier complaint has the age its counterpart has
 * now: only what was Selesai by then is Selesai, only a step done by then is done, and a step still undone whose
 * deadline had passed by then counts as missed, as an overdue step counts now. Complaints of the previous period
 * submitted after `asOf` (a period still running, such as "tahun ini") had no counterpart yet and are left out.
 * The medians to first TL and to Selesai are read the same way: over what was done by then. Read from the
 * complaints' deadline rows (by day index) and their timestamps.
 */
function readAsOf(db: Db, kabupaten: string, dim: Dim, period: Period, asOf: number, filter?: KpiFilter): Map<string, AsOfCounts> {
  const { from, to } = periodDays(period)
  const f = filterSql(filter)
  const NEVER = 9e15
  let i = 0
  const named = (sql: string) => sql.replace(/\?/g, () => `@f${i++}`)
  // sql-vetted: KEY_COLUMN maps the enum Dim to fixed column names; filterSql() only writes ? placeholders
  const rows = prepared(
    db,
    `SELECT ${KEY_COLUMN[dim]} AS key, count(*) AS n,
            sum(status = 'selesai' AND closed <= @asOf) AS selesai,
            sum(verify_met = 1 AND vdone <= @asOf) AS v_met,
            sum(CASE WHEN verify_met IS NOT NULL AND vdone <= @asOf THEN 1
                     WHEN (vdone IS NULL OR vdone > @asOf) AND verify_due_at < @asOf AND (verify_met IS NOT NULL OR is_open = 1) THEN 1
                     ELSE 0 END) AS v_n,
            sum(response_met = 1 AND rdone <= @asOf) AS r_met,
            sum(CASE WHEN response_met IS NOT NULL AND rdone <= @asOf THEN 1
                     WHEN (rdone IS NULL OR rdone > @asOf) AND response_due_at < @asOf AND (response_met IS NOT NULL OR is_open = 1) THEN 1
                     ELSE 0 END) AS r_n
     FROM (SELECT s.opd_id, s.first_opd_id, s.unit_id, s.kecamatan_kode, s.desa_kode, s.category_id, s.channel, s.klasifikasi,
                  s.status, s.is_open, s.verify_met, s.verify_due_at, s.response_met, s.response_due_at,
                  coalesce(c.closed_at, c.updated_at) AS closed,
                  -- Any admin decision ends the verification clock (calendar/deadlines.ts): the earliest of these,
                  -- a Tunda included (TUNDA_IS_THE_REPORTERS_TIME: from then on the time is the reporter's).
                  nullif(min(coalesce(c.verified_at, ${NEVER}), coalesce(c.dispositioned_at, ${NEVER}), coalesce(c.closed_at, ${NEVER}),
                             coalesce((SELECT min(e.at) FROM complaint_event e
                                       WHERE e.complaint_id = c.id AND e.kind = 'status' AND e.to_status = 'tunda'), ${NEVER})), ${NEVER}) AS vdone,
                  -- A step missed by closing without it was settled when the complaint closed.
                  coalesce(c.first_response_at, CASE WHEN s.response_met = 0 THEN c.closed_at END) AS rdone
           FROM complaint_sla s JOIN complaint c ON c.id = s.complaint_id
           WHERE s.kabupaten_kode = @kab AND s.day BETWEEN @from AND @to AND c.submitted_at < @asOf)
     WHERE 1 = 1${named(f.sql)}
     GROUP BY 1`,
  ).all({ kab: kabupaten, from, to, asOf, ...Object.fromEntries(f.params.map((v, i) => [`f${i}`, v])) }) as ({ key: string | number } & AsOfCounts)[]
  const out = new Map(rows.map((r) => [String(r.key), r as AsOfCounts]))
  // Medians to first TL and to Selesai: only what was done by then, as the current period's medians count only
  // what is done now.
  // sql-vetted: KEY_COLUMN maps the enum Dim to fixed column names; filterSql() only writes ? placeholders
  const hk = prepared(
    db,
    `SELECT ${KEY_COLUMN[dim]} AS key, kind, hk, count(*) AS n FROM (
       SELECT s.opd_id, s.first_opd_id, s.unit_id, s.kecamatan_kode, s.desa_kode, s.category_id, s.channel, s.klasifikasi,
              'response' AS kind, s.response_hk AS hk
       FROM complaint_sla s JOIN complaint c ON c.id = s.complaint_id
       WHERE s.kabupaten_kode = @kab AND s.day BETWEEN @from AND @to AND s.response_hk IS NOT NULL AND c.first_response_at <= @asOf
       UNION ALL
       SELECT s.opd_id, s.first_opd_id, s.unit_id, s.kecamatan_kode, s.desa_kode, s.category_id, s.channel, s.klasifikasi,
              'selesai', s.selesai_hk
       FROM complaint_sla s JOIN complaint c ON c.id = s.complaint_id
       WHERE s.kabupaten_kode = @kab AND s.day BETWEEN @from AND @to AND s.selesai_hk IS NOT NULL AND coalesce(c.closed_at, c.updated_at) <= @asOf)
     WHERE 1 = 1${named(f.sql)}
     GROUP BY 1, 2, 3`,
  ).all({ kab: kabupaten, from, to, asOf, ...Object.fromEntries(f.params.map((v, j) => [`f${j + f.params.length}`, v])) }) as {
    key: string | number
    kind: 'response' | 'selesai'
    hk: number
    n: number
  }[]
  for (const r of hk) {
    const c = out.get(String(r.key))
    if (!c) continue
    c.hist ??= { response: [], selesai: [] }
    bump(c.hist[r.kind], r.hk, r.n)
  }
  return out
}

/** The equal-age counts of all keys of a slice together, as readAsOf(…, 'all', …) reads them. */
function sumAsOf(byKey: Map<string, AsOfCounts>): Map<string, AsOfCounts> {
  if (byKey.size === 0) return new Map()
  const t: AsOfCounts = { n: 0, selesai: 0, v_met: 0, v_n: 0, r_met: 0, r_n: 0 }
  for (const c of byKey.values()) {
    t.n += c.n
    t.selesai += c.selesai ?? 0
    t.v_met += c.v_met ?? 0
    t.v_n += c.v_n ?? 0
    t.r_met += c.r_met ?? 0
    t.r_n += c.r_n ?? 0
    if (!c.hist) continue
    t.hist ??= { response: [], selesai: [] }
    addInto(t.hist.response, c.hist.response)
    addInto(t.hist.selesai, c.hist.selesai)
  }
  return new Map([['', t]])
}

/** The previous period's figures with their age-dependent rates replaced by the equal-age ones (readAsOf). */
function sameAgeRates(f: PeriodFigures, c: AsOfCounts | undefined): PeriodFigures {
  const z = c ?? { n: 0, selesai: 0, v_met: 0, v_n: 0, r_met: 0, r_n: 0 }
  const h = z.hist ?? { response: [], selesai: [] }
  return {
    ...f,
    selesai: z.selesai,
    pctSelesai: pct(z.selesai, z.n),
    pctVerifiedOnTime: pct(z.v_met, z.v_n),
    pctResponseOnTime: pct(z.r_met, z.r_n),
    medianResponseHk: histogramPercentile(h.response, 0.5),
    p90ResponseHk: histogramPercentile(h.response, 0.9),
    medianSelesaiHk: histogramPercentile(h.selesai, 0.5),
    p90SelesaiHk: histogramPercentile(h.selesai, 0.9),
  }
}

type NowFigures = { overdueNow: number; openNow: number; backlog: Record<AgeBucket, number> }

function emptyBacklog(): Record<AgeBucket, number> {
  return { '0-3': 0, '4-5': 0, '6-10': 0, '11-60': 0, '>60': 0 }
}

export function ageBucket(hk: number): AgeBucket {
  return hk <= 3 ? '0-3' : hk <= 5 ? '4-5' : hk <= 10 ? '6-10' : hk <= 60 ? '11-60' : '>60'
}

/** The filtered path: open complaints of the slice, from complaint_sla (a subset, found by index). */
function readNowFiltered(db: Db, cal: Calendar, kabupaten: string, dim: Dim, now: number, filter?: KpiFilter): Map<string, NowFigures> {
  const f = filterSql(filter)
  // sql-vetted: KEY_COLUMN maps the enum Dim to fixed column names; filterSql() only writes ? placeholders
  const rows = prepared(
      db,
      `SELECT ${KEY_COLUMN[dim]} AS key, day, count(*) AS n, sum(next_due_at < ?) AS overdue
       FROM complaint_sla WHERE is_open = 1 AND kabupaten_kode = ?${f.sql} GROUP BY 1, 2`,
    )
    .all(now, kabupaten, ...f.params) as { key: string | number; day: number; n: number; overdue: number }[]
  const out = new Map<string, NowFigures>()
  for (const r of rows) {
    const key = String(r.key)
    let f = out.get(key)
    if (!f) out.set(key, (f = { overdueNow: 0, openNow: 0, backlog: emptyBacklog() }))
    f.openNow += r.n
    f.overdueNow += r.overdue
    f.backlog[ageBucket(workingDaysBetween(cal, startOfDay(r.day, cal.offsetMs), now))] += r.n
  }
  return out
}

/**
 * "Now" figures from kpi_count (open counts by submission day) and kpi_due (open counts by due day). Age falls as
 * the submission day rises, so each age bucket is a range of days, read as whole months, 7-day blocks and days;
 * open complaints in all are the year rows, and what no younger bucket holds is over 60 hari kerja old.
 */
export function readNow(db: Db, cal: Calendar, kabupaten: string, dim: Dim, now: number, filter?: KpiFilter): Map<string, NowFigures> {
  if (isFiltered(filter)) return readNowFiltered(db, cal, kabupaten, dim, now, filter)
  const today = dayOf(now, cal.offsetMs)
  const age = (day: number) => workingDaysBetween(cal, startOfDay(day, cal.offsetMs), now)
  // since[i]: the first day whose age is at most the bucket's upper bound (3, 5, 10, 60 hari kerja).
  const since: number[] = []
  let d = today
  for (const bound of [3, 5, 10, 60]) {
    while (age(d - 1) <= bound) d--
    since.push(d)
  }
  const select = 'FROM kpi_count WHERE kabupaten_kode = ? AND dim = ? AND open > 0'
  const parts: { sql: string; params: (string | number)[] }[] = [
    // sql-vetted: `select` is the constant above
    { sql: `SELECT key, 9 AS b, open ${select} AND grain = 2`, params: [kabupaten, dim] },
    // The youngest bucket runs to the newest row, whatever its day (a clock ahead of ours must not lose it).
    // sql-vetted: `select` is the constant above
    { sql: `SELECT key, 0 AS b, open ${select} AND grain = 0 AND day >= ?`, params: [kabupaten, dim, since[0]] },
  ]
  for (let b = 1; b < since.length; b++) {
    for (const r of splitDayRange(since[b], since[b - 1] - 1)) {
      // sql-vetted: `select` is the constant above; b is a loop integer
      parts.push({ sql: `SELECT key, ${b} AS b, open ${select} AND grain = ? AND day BETWEEN ? AND ?`, params: [kabupaten, dim, r.grain, r.from, r.to] })
    }
  }
  // sql-vetted: the parts are constant text with ? placeholders; bucket numbers are loop integers
  const rows = prepared(
    db,
    `SELECT key, sum(CASE WHEN b = 9 THEN open ELSE 0 END) AS open, sum(CASE WHEN b = 0 THEN open ELSE 0 END) AS b3,
            sum(CASE WHEN b = 1 THEN open ELSE 0 END) AS b5, sum(CASE WHEN b = 2 THEN open ELSE 0 END) AS b10,
            sum(CASE WHEN b = 3 THEN open ELSE 0 END) AS b60
     FROM (${parts.map((p) => p.sql).join(' UNION ALL ')}) GROUP BY key`,
  ).all(...parts.flatMap((p) => p.params)) as { key: string; open: number; b3: number; b5: number; b10: number; b60: number }[]
  // Overdue = open minus those whose earliest deadline is today or later: a short range of kpi_due.
  const notYetDue = new Map(
    (
      prepared(db, 'SELECT key, sum(n) AS n FROM kpi_due WHERE kabupaten_kode = ? AND dim = ? AND due_day >= ? GROUP BY key')
        .all(kabupaten, dim, today) as { key: string; n: number }[]
    ).map((r) => [r.key, r.n]),
  )
  const out = new Map<string, NowFigures>()
  for (const r of rows) {
    if (r.open === 0) continue
    out.set(r.key, {
      openNow: r.open,
      overdueNow: r.open - (notYetDue.get(r.key) ?? 0),
      backlog: { '0-3': r.b3, '4-5': r.b5, '6-10': r.b10, '11-60': r.b60, '>60': r.open - r.b3 - r.b5 - r.b10 - r.b60 },
    })
  }
  return out
}

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null)

function figures(s: Sums | undefined, h: Hist | undefined, p: Pending | undefined): PeriodFigures {
  const z: Sums = s ?? (Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) as Sums)
  const pend = p ?? { verify: 0, response: 0 }
  return {
    n: z.n,
    pctVerifiedOnTime: pct(z.verify_met, z.verify_done + pend.verify),
    pctResponseOnTime: pct(z.response_met, z.response_done + pend.response),
    medianResponseHk: h ? histogramPercentile(h.response, 0.5) : null,
    p90ResponseHk: h ? histogramPercentile(h.response, 0.9) : null,
    medianSelesaiHk: h ? histogramPercentile(h.selesai, 0.5) : null,
    p90SelesaiHk: h ? histogramPercentile(h.selesai, 0.9) : null,
    selesai: z.selesai,
    pctSelesai: pct(z.selesai, z.n),
    pctProses: pct(z.proses, z.n),
    pctBelum: pct(z.belum_terverifikasi + z.belum_ditindaklanjuti, z.n),
    byStatus: {
      belum_terverifikasi: z.belum_terverifikasi,
      belum_ditindaklanjuti: z.belum_ditindaklanjuti,
      proses: z.proses,
      selesai: z.selesai,
      tunda: z.tunda,
      bukan_wewenang: z.bukan_wewenang,
      arsip: z.arsip,
      dihapus: z.dihapus,
    },
    pctDispositioned: pct(z.dispositioned, z.n),
    pctTunda: pct(z.tunda, z.n),
    pctArsip: pct(z.arsip, z.n),
    bukanWewenang: z.bukan_wewenang,
    misrouted: z.misrouted,
    misrouteRate: pct(z.misrouted, z.n),
    misrouteHk: z.misroute_hk,
    shareAnonim: pct(z.anonim, z.n),
    shareRahasia: pct(z.rahasia, z.n),
  }
}

function labels(db: Db, kabupaten: string, dim: Dim): Map<string, string> {
  const sql: Partial<Record<Dim, string>> = {
    opd: 'SELECT id AS key, coalesce(singkatan, nama) AS label FROM unit WHERE kabupaten_kode = ?',
    first_opd: 'SELECT id AS key, coalesce(singkatan, nama) AS label FROM unit WHERE kabupaten_kode = ?',
    unit: 'SELECT id AS key, nama AS label FROM unit WHERE kabupaten_kode = ?',
    kecamatan: 'SELECT kode AS key, nama AS label FROM kecamatan WHERE kabupaten_kode = ?',
    desa: 'SELECT d.kode AS key, d.nama AS label FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ?',
    category: "SELECT id AS key, nama AS label FROM category WHERE ? <> ''",
  }
  const q = sql[dim]
  if (!q) return new Map()
  return new Map((prepared(db, q).all(kabupaten) as { key: string | number; label: string }[]).map((r) => [String(r.key), r.label]))
}

export type KpiQuery = { kabupaten: string; dim: Dim; period: Period; now: number; minSample: number; calendar: Calendar; filter?: KpiFilter }

export function kpiTable(db: Db, q: KpiQuery): KpiTable {
  const prev = previousPeriod(q.period)
  const today = dayOf(q.now, q.calendar.offsetMs)
  // Equal age: the previous period judged as it stood when it was as old as this one is now.
  const asOf = q.now - (periodDays(q.period).from - periodDays(prev).from) * 86_400_000
  const read = (dim: Dim, period: Period) => {
    const r = readPeriod(db, q.kabupaten, dim, period, q.filter, today)
    return isFiltered(q.filter) ? { ...r, pending: readPending(db, q.kabupaten, dim, period, q.now, q.filter) } : r
  }
  // The equal-age figures are the costliest read of the table (95 % of it on 120,000 complaints: every complaint
  // of the previous period joined to its history). Read once, for the table's slice; the total is their sum, as
  // each complaint has exactly one key in a slice.
  const asOfByKey = readAsOf(db, q.kabupaten, q.dim, prev, asOf, q.filter)
  const build = (dim: Dim, cur: ReturnType<typeof read>, before: ReturnType<typeof read>, now: Map<string, NowFigures>, keys: Iterable<string>, names: Map<string, string>) => {
    const beforeAsOf = dim === q.dim ? asOfByKey : sumAsOf(asOfByKey)
    return [...keys].map((key): KpiRow => {
      const f = figures(cur.sums.get(key), cur.hist.get(key), cur.pending.get(key))
      const nowF = now.get(key) ?? { overdueNow: 0, openNow: 0, backlog: emptyBacklog() }
      return {
        key,
        label: names.get(key) ?? key,
        ...f,
        ...nowF,
        isRanked: key !== '' && f.n >= q.minSample,
        previous: sameAgeRates(figures(before.sums.get(key), before.hist.get(key), before.pending.get(key)), beforeAsOf.get(key)),
      }
    })
  }
  const cur = read(q.dim, q.period)
  const now = readNow(db, q.calendar, q.kabupaten, q.dim, q.now, q.filter)
  const before = read(q.dim, prev)
  // A unit (or place) with complaints only in the previous period keeps its row (0 now): the rows of the previous
  // period must add up to its total as those of the current one do.
  const keys = new Set<string>([...cur.sums.keys(), ...now.keys(), ...before.sums.keys()])
  const rows = build(q.dim, cur, before, now, keys, labels(db, q.kabupaten, q.dim)).sort((a, b) => b.n - a.n || a.label.localeCompare(b.label))
  const allNow = readNow(db, q.calendar, q.kabupaten, 'all', q.now, q.filter)
  const [total] = build('all', read('all', q.period), read('all', prev), allNow, [''], new Map([['', 'Total']]))
  return { dim: q.dim, period: q.period, previousPeriod: prev, previousAsOf: asOf, comparison: 'same_age', minSample: q.minSample, now: q.now, total, rows }
}

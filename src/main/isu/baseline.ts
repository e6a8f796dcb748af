// What the baseline of "isu yang sedang naik" says, computed from the baseline's day counts only: the weekday
// profile, the trends, the dispersion per level × cell size × window length, and every cell's baseline total. These
// change only when a day ends or an old complaint changes, so they are kept per kabupaten and baseline in isu_base
// (migration 0035; its triggers drop a row as soon as a count of one of its days changes) and a request reads that
// one row and the tested window's days instead of every cell's 12 weeks (~57,000 rows on 1,000,000 complaints).
// A request that finds no row computes the very same figures with the same function from isu_day: the row is a
// memo, never a different answer (JSON keeps every double exactly).
import type { Db } from '#main/store/open.ts'
import { dayOf } from '#main/calendar/days.ts'
import { onRefresh } from '#main/kpi/refresh.ts'
import { cellsOfKey, type CellLevel, type DayCount } from './counts.ts'
import { SIZE_STRATA, stratumOf, trendFactor, weekdayFactors, windowDispersion } from './model.ts'

export type Level = CellLevel

/** Bumped whenever what is computed here changes: a stored row of another version is ignored (and replaced). */
export const BASELINE_VERSION = 1

/** Degrees of freedom a cell-size stratum needs for its own dispersion; below, its level's is used. */
const MIN_STRATUM_DF = 100

/** The baseline's days and the window after it, for `now` and the settings (detect.ts ISU_DEFAULTS). */
export function baselineSpan(now: number, off: number, baselineDays: number, windowDays: number) {
  const today = dayOf(now, off)
  const windowFrom = today - windowDays + 1
  return { today, windowFrom, baselineFrom: windowFrom - baselineDays }
}

export type Baseline = {
  v: number
  /** Complaints of all the baseline's days. */
  total: number
  weekday: number[]
  /** The kabupaten's trend, and each category's own where it has enough complaints (others use the kabupaten's). */
  trend: number
  trendOf: [kategori: number | null, trend: number][]
  /** Daily φ per level (shown in the report), and φ per level × stratum × window length (index w − 1). */
  dispersion: Record<Level, number>
  phiOf: Record<Level, number[][]>
  /** Every cell with a complaint in the baseline, in the order it is first met (day, kecamatan, desa, category), with
   *  its baseline total: the order decides ties in the list, so it is kept. */
  cells: [level: Level, kecamatan: string | null, desa: string | null, kategori: number | null, sum: number][]
}

type Cell = { level: Level; kecamatan: string | null; desa: string | null; kategori: number | null; sum: number; daily: Float64Array }

/**
 * The baseline's figures from its rows (days [baselineFrom, baselineFrom + baselineDays), in the order isu_day
 * holds them): what detect.ts did for every request before the figures were kept.
 */
export function baselineOf(rows: DayCount[], baselineFrom: number, B: number, W: number): Baseline {
  const steps = baselineSteps([rows], baselineFrom, B, W)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** Rows added to the cells between two pauses of `baselineSteps`. */
const ROWS_PER_STEP = 2_000

/**
 * `baselineOf` in steps: the same computation, in the same order, pausing (yield) every few thousand rows, after
 * each chunk of rows and after each dispersion, so that the background keeper (keeper.ts) can run it in slices of a
 * few milliseconds between requests. The rows come in chunks (the keeper reads a week of days at a time, when the
 * computation asks for it: no chunk outlives its step). The last step returns the figures.
 */
export function* baselineSteps(chunks: Iterable<DayCount[]>, baselineFrom: number, B: number, W: number): Generator<void, Baseline, void> {
  const cells = new Map<string, Cell>()
  const totals = new Map<number, number>()
  const targetsOf = cellsOfKey<Cell>(cells, (level, kecamatan, desa, kategori) => ({ level, kecamatan, desa, kategori, sum: 0, daily: new Float64Array(B) }))
  let i = 0
  for (const rows of chunks) {
    for (const [day, key, n] of rows) {
      if (++i % ROWS_PER_STEP === 0) yield
      if (day < baselineFrom || day >= baselineFrom + B) continue
      const to = targetsOf(key)
      totals.set(day, (totals.get(day) ?? 0) + n)
      for (const cell of to) {
        cell.daily[day - baselineFrom] += n
        cell.sum += n
      }
    }
    yield
  }

  const weekday = weekdayFactors(totals, baselineFrom, B)
  const weeks = Math.floor(B / 7)
  const weeklyOf = (byDay: (day: number) => number) =>
    Array.from({ length: weeks }, (_, w) => {
      let t = 0
      for (let d = 0; d < 7; d++) t += byDay(baselineFrom + w * 7 + d)
      return t
    })
  const trend = trendFactor(weeklyOf((d) => totals.get(d) ?? 0))
  // Each category has its own season (drainage in the rains, fires in the dry months): its trend comes from its own
  // kabupaten-wide weekly totals when it has enough of them, else from the kabupaten's.
  const trendOf: Baseline['trendOf'] = []
  for (const c of cells.values()) {
    if (c.level !== 'kabupaten') continue
    trendOf.push([c.kategori, c.sum >= 8 * weeks ? trendFactor(weeklyOf((d) => c.daily[d - baselineFrom])) : trend])
  }
  // Overdispersion per level and cell size, for each window length (model.ts windowDispersion): a kecamatan with
  // tens of complaints a day drifts more, relative to its mean, than a desa with one a week, and a week's count
  // varies more than seven independent days. A stratum with too few degrees of freedom borrows its level's figure.
  const dispersion = {} as Record<Level, number>
  const phiOf = {} as Record<Level, number[][]>
  for (const level of ['kabupaten', 'kecamatan', 'desa'] as Level[]) {
    const ofLevel = [...cells.values()].filter((c) => c.level === level)
    const pooled = windowDispersion(ofLevel, baselineFrom, B, weekday, W)
    yield
    dispersion[level] = pooled.phi[0]
    phiOf[level] = []
    for (let k = 0; k <= SIZE_STRATA.length; k++) {
      const own = windowDispersion(
        ofLevel.filter((c) => stratumOf(c.sum / B) === k),
        baselineFrom,
        B,
        weekday,
        W,
      )
      phiOf[level].push(own.phi.map((phi, i) => (own.df[i] >= MIN_STRATUM_DF ? phi : pooled.phi[i])))
      yield
    }
  }
  let total = 0
  for (const n of totals.values()) total += n
  return {
    v: BASELINE_VERSION,
    total,
    weekday,
    trend,
    trendOf,
    dispersion,
    phiOf,
    cells: [...cells.values()].map((c) => [c.level, c.kecamatan, c.desa, c.kategori, c.sum]),
  }
}

/** The baseline's rows of isu_day, as counts.ts dayCounts reads them. */
export function baselineRows(db: Db, kabupaten: string, baselineFrom: number, B: number): DayCount[] {
  return db
    .prepare(
      `SELECT day, kecamatan_kode || '|' || desa_kode || '|' || kategori, n FROM isu_day
        WHERE kabupaten_kode = ? AND day >= ? AND day < ? AND n > 0`,
    )
    .raw()
    .all(kabupaten, baselineFrom, baselineFrom + B) as DayCount[]
}

/** Days of isu_day read at a time when the figures are computed (~1,300 rows on 1,000,000 complaints). */
export const DAYS_PER_READ = 2

/** The baseline's rows of isu_day in chunks of DAYS_PER_READ days, each read when asked for: in the order of one read. */
export function* baselineChunks(db: Db, kabupaten: string, baselineFrom: number, B: number): Generator<DayCount[], void, void> {
  for (let d = baselineFrom; d < baselineFrom + B; d += DAYS_PER_READ) yield baselineRows(db, kabupaten, d, Math.min(DAYS_PER_READ, baselineFrom + B - d))
}

/**
 * The figures computed from isu_day (no row kept): the same as baselineOf(baselineRows(…)), read a few days at a time
 * so that no row outlives its chunk (all 57,000 rows of 1,000,000 complaints held at once cost more in garbage
 * collection than in counting).
 */
export function computedBaseline(db: Db, kabupaten: string, baselineFrom: number, B: number, W: number): Baseline {
  const steps = baselineSteps(baselineChunks(db, kabupaten, baselineFrom, B), baselineFrom, B, W)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** The kept figures of this baseline, or null (none kept, or dropped since by a change of one of its days). */
export function storedBaseline(db: Db, kabupaten: string, baselineFrom: number, B: number, W: number): Baseline | null {
  const data = db
    .prepare('SELECT data FROM isu_base WHERE kabupaten_kode = ? AND from_day = ? AND days = ? AND window_days = ?')
    .pluck()
    .get(kabupaten, baselineFrom, B, W) as string | undefined
  if (data === undefined) return null
  const base = JSON.parse(data) as Baseline
  return base.v === BASELINE_VERSION ? base : null
}

/** The default baseline and window (part of detect.ts ISU_DEFAULTS). */
export const BASELINE_DEFAULTS = { baselineDays: 84, windowDays: 7 } as const

/**
 * Keeps the figures of the kabupaten's baseline at `now` (in the caller's transaction): computed from isu_day and
 * stored when missing; rows of earlier baselines are dropped. Returns whether it computed them.
 */
export function keepBaseline(db: Db, kabupaten: string, now: number, o: { baselineDays?: number; windowDays?: number } = {}): boolean {
  const B = o.baselineDays ?? BASELINE_DEFAULTS.baselineDays
  const W = o.windowDays ?? BASELINE_DEFAULTS.windowDays
  const offset = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kabupaten) as number | undefined
  if (offset === undefined) return false
  const { baselineFrom } = baselineSpan(now, offset * 60_000, B, W)
  if (storedBaseline(db, kabupaten, baselineFrom, B, W)) return false
  const base = computedBaseline(db, kabupaten, baselineFrom, B, W)
  db.prepare('DELETE FROM isu_base WHERE kabupaten_kode = ? AND from_day < ?').run(kabupaten, baselineFrom)
  db.prepare('INSERT OR REPLACE INTO isu_base (kabupaten_kode, from_day, days, window_days, data) VALUES (?, ?, ?, ?, ?)').run(
    kabupaten,
    baselineFrom,
    B,
    W,
    JSON.stringify(base),
  )
  return true
}

// Every write that refreshes complaints (sync, import, intake, actions) and every rebuild of a kabupaten keeps the
// figures of today's baseline, in the same transaction: after local midnight (a new baseline) or a change of an old
// day (the triggers dropped the row) the first write computes them again (~0.1 s of CPU at 1,000,000 complaints,
// a few ms at 20,000); otherwise it is one lookup.
onRefresh((db, changed) => {
  const now = Date.now()
  const kabupaten =
    'kabupaten' in changed
      ? [changed.kabupaten]
      : changed.ids.length === 0
        ? []
        : (db
            .prepare('SELECT DISTINCT kabupaten_kode FROM complaint WHERE id IN (SELECT value FROM json_each(?))')
            .pluck()
            .all(JSON.stringify(changed.ids)) as string[])
  for (const kab of kabupaten) keepBaseline(db, kab, now)
})

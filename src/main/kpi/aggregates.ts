// Keeps kpi_count equal to what complaint_sla says. Every complaint adds to one row per slice (dim, key) per
// local submission day (grain 0), per 7-day block of a month (grain 3: days 1–7, 8–14, 15–21, 22–28, 29–end), per
// month (grain 1), per quarter (grain 4) and per year (grain 2). Two writers share the arithmetic:
// - AggregateDelta: the old row out, the new row in, summed per cell over all the complaints of a write (a sync
//   page), then one upsert per distinct cell. Callers run it in the transaction that writes the complaints, so
//   dashboards and complaints never disagree.
// - AggregateBuilder: a rebuild from nothing, fed in submission order, writing each finished month once.
import type { Db } from '../store/open.ts'
import { perConnection } from '../store/statements.ts'
import type { SlaRow } from './sla-row.ts'
import { addInto, bump, decodeHistogram, encodeCounts, encodeHistogram, type Histogram } from './histogram.ts'
import { dayOf } from '../calendar/days.ts'

export const DIMS = ['all', 'opd', 'unit', 'kecamatan', 'desa', 'category', 'channel', 'klasifikasi', 'first_opd'] as const
export type Dim = (typeof DIMS)[number]

export const COUNTERS = [
  'n',
  'verify_done',
  'verify_met',
  'response_done',
  'response_met',
  'dispositioned',
  'selesai',
  'proses',
  'belum_terverifikasi',
  'belum_ditindaklanjuti',
  'tunda',
  'arsip',
  'bukan_wewenang',
  'dihapus',
  'misrouted',
  'anonim',
  'rahasia',
  'open',
  // Open complaints whose verification / first tindak lanjut is still pending: the totals of the pending
  // histograms, so a read can take an old row whole without opening its histogram.
  'verify_pending',
  'response_pending',
  // Hari kerja lost to misroutes (sla misroute_hk); in the OPD slices (opd, first_opd) each OPD that held the
  // complaint wrongly carries only its own days (sla misroute_segments).
  'misroute_hk',
] as const
export type Counter = (typeof COUNTERS)[number]

function counters(r: SlaRow): number[] {
  return countersInto(new Array<number>(COUNTERS.length), r)
}

/** counters(r) written into `out` (a complaint's sum reuses one array: a new one per complaint was garbage only). */
function countersInto(out: number[], r: SlaRow): number[] {
  const s = r.status
  out[0] = 1
  out[1] = r.verify_met === null ? 0 : 1
  out[2] = r.verify_met === 1 ? 1 : 0
  out[3] = r.response_met === null ? 0 : 1
  out[4] = r.response_met === 1 ? 1 : 0
  out[5] = r.response_due_at === null ? 0 : 1
  out[6] = s === 'selesai' ? 1 : 0
  out[7] = s === 'proses' ? 1 : 0
  out[8] = s === 'belum_terverifikasi' ? 1 : 0
  out[9] = s === 'belum_ditindaklanjuti' ? 1 : 0
  out[10] = s === 'tunda' ? 1 : 0
  out[11] = s === 'arsip' ? 1 : 0
  out[12] = s === 'bukan_wewenang' ? 1 : 0
  out[13] = s === 'dihapus' ? 1 : 0
  out[14] = r.is_misrouted
  out[15] = r.is_anonim
  out[16] = r.is_rahasia
  out[17] = r.is_open
  out[18] = r.is_open && r.verify_met === null && r.verify_due_at !== null ? 1 : 0
  out[19] = r.is_open && r.response_met === null && r.response_due_at !== null ? 1 : 0
  out[20] = r.misroute_hk ?? 0
  return out
}

const MISROUTE_HK = COUNTERS.indexOf('misroute_hk')
/** The OPD slices, where the hari kerja lost to a misroute go to each OPD that held the complaint wrongly. */
const CHARGED_DIMS = DIMS.map((d) => d === 'opd' || d === 'first_opd')

/** A complaint's hari kerja lost per OPD that held it wrongly (sla misroute_segments "opd:hk;opd:hk"). */
export function misrouteShares(r: Pick<SlaRow, 'misroute_segments'>): Map<string, number> | null {
  if (!r.misroute_segments) return null
  const out = new Map<string, number>()
  for (const part of r.misroute_segments.split(';')) {
    const [opd, hk] = part.split(':')
    out.set(opd, (out.get(opd) ?? 0) + Number(hk))
  }
  return out
}

/** First day of the month that holds a day number (days since 1970-01-01). */
export function monthStart(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000
}

/** First day of the 7-day block of its month that holds a day number (the 1st, 8th, 15th, 22nd or 29th). */
export function weekStart(day: number): number {
  const m = monthStart(day)
  return m + 7 * Math.floor((day - m) / 7)
}

/** First day of the quarter (January, April, July, October) that holds a day number. */
export function quarterStart(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1) / 86_400_000
}

/** First day of the year that holds a day number. */
export function yearStart(day: number): number {
  return Date.UTC(new Date(day * 86_400_000).getUTCFullYear(), 0, 1) / 86_400_000
}

/** The histograms a cell carries, in the column order of kpi_count. */
export const HISTS = ['response_hk_counts', 'selesai_hk_counts', 'verify_pending_hist', 'response_pending_hist'] as const
type HistColumn = (typeof HISTS)[number]
type Hists = Record<HistColumn, Histogram>

/**
 * Working-day histograms are stored as text ("3,0,5": three complaints at 0 hk, none at 1, five at 2) so that a
 * period's rows can be joined inside SQLite with group_concat and handed to JS as one string per slice; a BLOB
 * argument to a JS function is copied into a new Buffer per row, and that copy was most of a question's time.
 * The pending-step histograms stay binary: they are opened only for the few recent rows (see kpi/queries.ts).
 */
const isText = (column: HistColumn) => column.endsWith('_counts')
function encodeColumn(column: HistColumn, h: Histogram): string | Buffer | null {
  return isText(column) ? encodeCounts(h) : encodeHistogram(h)
}

/**
 * 0 = day, 3 = 7-day block of a month, 1 = month, 4 = quarter, 2 = year (numbered in the order they were added):
 * a period reads the coarsest rows that fit inside it.
 */
export type Grain = 0 | 1 | 2 | 3 | 4

/** Due day of open complaints that have no pending deadline: never overdue. */
export const NO_DUE_DAY = 2 ** 31 - 1

export type DueCell = { kab: string; dim: Dim; dueDay: number; key: string; n: number }

/** The histograms of a cell, made when a complaint first bumps one (most cells never get any). */
const NONE: Histogram = Object.freeze([]) as unknown as Histogram
const noHists = (): Hists => ({ response_hk_counts: NONE, selesai_hk_counts: NONE, verify_pending_hist: NONE, response_pending_hist: NONE })

/** The grains every complaint adds to, in the order of Cells.unitsOf. */
const GRAINS: readonly Grain[] = [0, 3, 1, 4, 2]
const NC = COUNTERS.length
/** Each dim's place when dims are ordered by name, as kpi_count's key orders them. */
const DIM_RANK = DIMS.map((d) => [...DIMS].sort().indexOf(d))

const keyText = (v: number | string | null): string => (v === null ? '' : String(v))

/** Key of a row in slice d (DIMS order); '' groups what has no value (e.g. complaints without a location). */
function keyOf(r: SlaRow, d: number): string {
  switch (d) {
    case 0: return ''
    case 1: return keyText(r.opd_id)
    case 2: return keyText(r.unit_id)
    case 3: return keyText(r.kecamatan_kode)
    case 4: return keyText(r.desa_kode)
    case 5: return keyText(r.category_id)
    case 6: return r.channel
    case 7: return r.klasifikasi
    default: return keyText(r.first_opd_id)
  }
}

/** What a complaint adds to a cell's histograms: its hari kerja to the first tindak lanjut and to selesai, and the
 *  due days of its pending steps (null: nothing). */
type Hk = { response: number | null; selesai: number | null; verifyDue: number | null; responseDue: number | null }

/** One (kabupaten, dim, key): its cells by grain and day (grain · 2^24 + day) as indices into the Cells pool, and
 *  its open complaints by due day. */
type Slice = { kab: string; d: number; key: string; cells: Map<number, number>; due: Map<number, DueCell> }

/**
 * Accumulates complaints' contributions per (slice, grain, day) in memory. A complaint touches 45 cells: the cells
 * live in flat arrays (counters in one Float64Array, COUNTERS.length per cell) rather than an object and an array
 * each, and slices are found by dim and key without building a string id per dim and complaint. The cells of a group
 * of pages or of a month live until they are written, long enough for V8 to copy each cell's objects into its old
 * generation. With the rows read in one shape (sla-row.ts), a rebuild of 100,000 complaints' aggregates in one
 * thread took 7.2–7.6 s instead of 8.2–9.3 s (docs/reliability.md "Cells in flat arrays").
 */
class Cells {
  /** Slices by kabupaten, then per dim by key. */
  private readonly slices = new Map<string, Map<string, Slice>[]>()
  private sliceOf: Slice[] = []
  private grainOf: number[] = []
  private dayOf: number[] = []
  private values = new Float64Array(NC * 1024)
  private hists: (Hists | null)[] = []
  /** The first day of each grain's period that holds a day, in GRAINS order: a few thousand days recur across
   *  all of a kabupaten's complaints, and computing them (four Date objects) per complaint was allocation only. */
  private readonly periods = new Map<number, number[]>()
  private readonly scratch = new Array<number>(NC).fill(0)
  private readonly nonZero: number[] = []
  constructor(private readonly offsetMs: number) {}

  private unitsOf(day: number): number[] {
    let u = this.periods.get(day)
    if (!u) this.periods.set(day, (u = [day, weekStart(day), monthStart(day), quarterStart(day), yearStart(day)]))
    return u
  }

  private slice(kab: string, d: number, key: string): Slice {
    let dims = this.slices.get(kab)
    if (!dims) this.slices.set(kab, (dims = DIMS.map(() => new Map<string, Slice>())))
    let s = dims[d].get(key)
    if (!s) dims[d].set(key, (s = { kab, d, key, cells: new Map(), due: new Map() }))
    return s
  }

  add(r: SlaRow, sign: 1 | -1): void {
    const values = countersInto(this.scratch, r)
    // A complaint adds to about five of the twenty counters; the other fifteen are skipped in all 45 cells.
    const nonZero = this.nonZero
    nonZero.length = 0
    for (let i = 0; i < NC; i++) if (values[i] !== 0) nonZero.push(i)
    const units = this.unitsOf(r.day)
    // Due days of the pending steps, as local day numbers (null when not pending). Due times are always the last
    // millisecond of a local day (calendar/calendar.ts dueAt), so "overdue at now" is exactly "due day < today"
    // and can be answered from day counts.
    const open = !!r.is_open
    const dueDay = !open || r.next_due_at === null ? NO_DUE_DAY : dayOf(r.next_due_at, this.offsetMs)
    const verifyDue = open && r.verify_met === null && r.verify_due_at !== null ? dayOf(r.verify_due_at, this.offsetMs) : null
    const responseDue = open && r.response_met === null && r.response_due_at !== null ? dayOf(r.response_due_at, this.offsetMs) : null
    const kab = r.kabupaten_kode
    const hk: Hk = { response: r.response_hk, selesai: r.selesai_hk, verifyDue, responseDue }
    const anyHk = hk.response !== null || hk.selesai !== null || verifyDue !== null || responseDue !== null
    for (let d = 0; d < DIMS.length; d++) {
      const key = keyOf(r, d)
      const slice = this.slice(kab, d, key)
      if (open) {
        const c = slice.due.get(dueDay)
        if (c) c.n += sign
        else slice.due.set(dueDay, { kab, dim: DIMS[d], dueDay, key, n: sign })
      }
      const shares = CHARGED_DIMS[d] ? misrouteShares(r) : null
      if (shares === null) {
        this.addTo(slice, values, nonZero, units, anyHk ? hk : null, sign)
        continue
      }
      // Rule MISROUTE_CHARGED_PER_HOLDER: in the OPD slices the hari kerja lost go to each OPD that held the
      // complaint wrongly, its own share only; an OPD that holds none of the period's complaints gets a row
      // that carries nothing but these days.
      const own = values.slice()
      own[MISROUTE_HK] = shares.get(key) ?? 0
      this.addTo(slice, own, own.flatMap((v, i) => (v !== 0 ? [i] : [])), units, anyHk ? hk : null, sign)
      for (const [other, hk] of shares) {
        if (other === key || hk === 0) continue
        const only = new Array<number>(NC).fill(0)
        only[MISROUTE_HK] = hk
        this.addTo(this.slice(kab, d, other), only, [MISROUTE_HK], units, null, sign)
      }
    }
  }

  private newCell(slice: Slice, grain: number, day: number): number {
    const i = this.grainOf.length
    if ((i + 1) * NC > this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.sliceOf.push(slice)
    this.grainOf.push(grain)
    this.dayOf.push(day)
    this.hists.push(null)
    return i
  }

  /** Adds one complaint's counters (and, unless `hk` is null, its histogram entries) to a slice's cells. */
  private addTo(slice: Slice, values: number[], nonZero: number[], units: readonly number[], hk: Hk | null, sign: 1 | -1): void {
    const cells = slice.cells
    for (let g = 0; g < GRAINS.length; g++) {
      const grain = GRAINS[g]
      const day = units[g]
      const id = grain * 2 ** 24 + day // day numbers stay below 2^24 until the year 47,900
      let i = cells.get(id)
      if (i === undefined) cells.set(id, (i = this.newCell(slice, grain, day)))
      const at = i * NC
      const v = this.values
      for (let k = 0; k < nonZero.length; k++) v[at + nonZero[k]] += sign * values[nonZero[k]]
      if (hk === null) continue
      const h = this.hists[i] ?? (this.hists[i] = noHists())
      if (hk.response !== null) bump(h.response_hk_counts === NONE ? (h.response_hk_counts = []) : h.response_hk_counts, hk.response, sign)
      if (hk.selesai !== null) bump(h.selesai_hk_counts === NONE ? (h.selesai_hk_counts = []) : h.selesai_hk_counts, hk.selesai, sign)
      // Due days are stored as offsets from the row's own day (a month row: from the first of the month).
      if (hk.verifyDue !== null) bump(h.verify_pending_hist === NONE ? (h.verify_pending_hist = []) : h.verify_pending_hist, Math.max(0, hk.verifyDue - day), sign)
      if (hk.responseDue !== null) bump(h.response_pending_hist === NONE ? (h.response_pending_hist = []) : h.response_pending_hist, Math.max(0, hk.responseDue - day), sign)
    }
  }

  /**
   * Removes the cells of the grains `keep` does not hold back and returns them as kpi_count rows, in the table's
   * key order (kabupaten, dim, grain, day, key): SQLite appends rows given in key order instead of inserting all
   * over its B-tree. Each row is the same array, refilled: use it before asking for the next.
   */
  take(keep: (grain: number) => boolean = () => false): Iterable<unknown[]> {
    const { sliceOf, grainOf, dayOf, values, hists } = this
    const out: number[] = []
    const kept: number[] = []
    for (let i = 0; i < grainOf.length; i++) (keep(grainOf[i]) ? kept : out).push(i)
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    out.sort((x, y) => {
      const a = sliceOf[x]
      const b = sliceOf[y]
      if (a !== b) {
        const byKab = a.kab === b.kab ? 0 : cmp(a.kab, b.kab)
        if (byKab !== 0) return byKab
        if (a.d !== b.d) return DIM_RANK[a.d] - DIM_RANK[b.d]
      }
      return grainOf[x] - grainOf[y] || dayOf[x] - dayOf[y] || (a === b ? 0 : cmp(a.key, b.key))
    })
    // The kept cells start a new pool; the taken ones are read from the old arrays below.
    this.sliceOf = []
    this.grainOf = []
    this.dayOf = []
    this.hists = []
    this.values = new Float64Array(NC * Math.max(1024, 2 * kept.length))
    for (const dims of this.slices.values()) for (const m of dims) for (const s of m.values()) s.cells.clear()
    for (const i of kept) {
      const slice = sliceOf[i]
      const j = this.newCell(slice, grainOf[i], dayOf[i])
      slice.cells.set(grainOf[i] * 2 ** 24 + dayOf[i], j)
      this.values.set(values.subarray(i * NC, (i + 1) * NC), j * NC)
      this.hists[j] = hists[i]
    }
    return (function* () {
      const args: unknown[] = new Array(COLS.length)
      for (const i of out) {
        const s = sliceOf[i]
        args[0] = s.kab
        args[1] = DIMS[s.d]
        args[2] = s.key
        args[3] = grainOf[i]
        args[4] = dayOf[i]
        for (let k = 0; k < NC; k++) args[5 + k] = values[i * NC + k]
        const h = hists[i]
        // Differences may be negative (a complaint's old row taken out): both forms carry signed counts.
        for (let j = 0; j < HISTS.length; j++) args[H0 + j] = h === null ? null : encodeColumn(HISTS[j], h[HISTS[j]])
        yield args
      }
    })()
  }

  /** Removes and returns the open complaints' counts per due day. */
  takeDue(): DueCell[] {
    const out: DueCell[] = []
    for (const dims of this.slices.values()) {
      for (const m of dims) {
        for (const s of m.values()) {
          for (const c of s.due.values()) out.push(c)
          s.due.clear()
        }
      }
    }
    return out
  }
}

/**
 * Sums complaint rows into one slice directly, for filtered views (a category or channel across OPD) that the
 * one-dimensional aggregates do not hold. Same arithmetic as the stored rows, so the figures agree.
 */
export function sumRows(rows: Iterable<SlaRow>, dim: Dim): Map<string, { values: number[]; response: Histogram; selesai: Histogram }> {
  const d = DIMS.indexOf(dim)
  const out = new Map<string, { values: number[]; response: Histogram; selesai: Histogram }>()
  for (const r of rows) {
    const key = keyOf(r, d)
    const slot = (k: string) => out.get(k) ?? out.set(k, { values: new Array(COUNTERS.length).fill(0), response: [], selesai: [] }).get(k)!
    const c = slot(key)
    const values = counters(r)
    const shares = CHARGED_DIMS[d] ? misrouteShares(r) : null
    if (shares) values[MISROUTE_HK] = shares.get(key) ?? 0
    for (let i = 0; i < values.length; i++) c.values[i] += values[i]
    if (r.response_hk !== null) bump(c.response, r.response_hk, 1)
    if (r.selesai_hk !== null) bump(c.selesai, r.selesai_hk, 1)
    for (const [k, hk] of shares ?? []) if (k !== key) slot(k).values[MISROUTE_HK] += hk
  }
  return out
}

const COLS = ['kabupaten_kode', 'dim', 'key', 'grain', 'day', ...COUNTERS, ...HISTS]

/** Where a rebuild's rows go: kpi_count rows in COLS order (`row` is refilled after the call: copy what you keep)
 *  and the open complaints' counts per due day. */
export type AggregateSink = { cell(row: unknown[]): void; due(c: DueCell): void }

/** A sink that inserts the rows into the store (a kabupaten's aggregates deleted beforehand). */
export function storeSink(db: Db): AggregateSink {
  // sql-vetted: column names from the COLS constant, one ? per column
  const insert = db.prepare(`INSERT OR REPLACE INTO kpi_count (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`)
  const insertDue = db.prepare('INSERT INTO kpi_due (kabupaten_kode, dim, due_day, key, n) VALUES (?, ?, ?, ?, ?)')
  return { cell: (row) => void insert.run(row), due: (c) => void insertDue.run(c.kab, c.dim, c.dueDay, c.key, c.n) }
}

/** Incremental path: apply the difference between old and new deadline rows of some complaints. */
export class AggregateDelta {
  private cells: Cells
  constructor(offsetMs: number) {
    this.cells = new Cells(offsetMs)
  }

  add(r: SlaRow, sign: 1 | -1): void {
    this.cells.add(r, sign)
  }

  write(db: Db): void {
    writeRows(db, this.cells.take(), this.cells.takeDue())
  }
}

/**
 * Adds cells (differences) to the stored rows: one upsert per distinct cell and due-day count, the counters added
 * in SQL and the histograms merged by a SQL function (kpi_hist_add), so nothing is read back into JS. Before, each
 * cell was read, decoded, summed and written back: most of a page-by-page sync's time (docs/sync.md).
 * A cell that adds nothing is skipped; a row whose counters all come to zero is removed (RETURNING says so), so
 * reads never see empty rows. (A row with n = 0 may stay: it carries the hari kerja an OPD held other OPDs'
 * complaints wrongly.)
 */
function writeRows(db: Db, rows: Iterable<unknown[]>, due: Iterable<DueCell>): void {
  const st = cellStatements(db)
  for (const args of rows) {
    let any = false
    let negative = false
    for (let i = 5; i < H0; i++) {
      const v = args[i] as number
      if (v !== 0) any = true
      if (v < 0) negative = true
    }
    for (let i = H0; i < COLS.length; i++) if (args[i] !== null) any = true
    if (!any) continue
    // Counters only fall to zero where something is taken out: only then is the row's emptiness asked for.
    if (!negative) st.upsert.run(args)
    else if (st.upsertEmptied.get(args) === 1) st.remove.run(args[0], args[1], args[3], args[2], args[4])
  }
  for (const c of due) {
    if (c.n === 0) continue
    if (c.n > 0) st.addDue.run(c.kab, c.dim, c.dueDay, c.key, c.n)
    else if (st.takeDue.get(c.kab, c.dim, c.dueDay, c.key, c.n) === 0) st.dropDue.run(c.kab, c.dim, c.dueDay, c.key)
  }
}

const H0 = 5 + COUNTERS.length

// A difference is written with encodeCounts as it is (its counts may be negative: "3,-1").

/** Signed counts of a text histogram ("3,-1,5"; null: empty). */
function parseSignedCounts(s: string | null): Histogram {
  const h: Histogram = []
  if (!s) return h
  let n = 0
  let neg = false
  let hk = 0
  for (let p = 0; p <= s.length; p++) {
    const c = p < s.length ? s.charCodeAt(p) : 44
    if (c === 45) neg = true
    else if (c >= 48 && c <= 57) n = n * 10 + (c - 48)
    else {
      h[hk++] = neg ? -n : n
      n = 0
      neg = false
    }
  }
  return h
}

const cellStatements = perConnection(prepareCellStatements)

function prepareCellStatements(db: Db) {
  // The merge of a stored histogram column with a difference, in the column's stored form.
  db.function('kpi_hist_add', { deterministic: true }, (stored: unknown, delta: unknown, text: unknown) => {
    if (text) {
      const h = parseSignedCounts(stored as string | null)
      addInto(h, parseSignedCounts(delta as string | null))
      return encodeCounts(h)
    }
    const h = decodeHistogram(stored as Buffer | null)
    addInto(h, decodeHistogram(delta as Buffer | null))
    return encodeHistogram(h)
  })
  // sql-vetted: column names from the COLS, COUNTERS and HISTS constants; values are ? parameters
  const upsert = `INSERT INTO kpi_count (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})
     ON CONFLICT (kabupaten_kode, dim, grain, day, key) DO UPDATE SET
       ${[
         ...COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`),
         ...HISTS.map((c) => `${c} = CASE WHEN excluded.${c} IS NULL THEN ${c} ELSE kpi_hist_add(${c}, excluded.${c}, ${isText(c) ? 1 : 0}) END`),
       ].join(',\n       ')}`
  return {
    upsert: db.prepare(upsert),
    // sql-vetted: upsert is the constant statement above; column names from the COUNTERS constant
    upsertEmptied: db.prepare(`${upsert} RETURNING ${COUNTERS.map((c) => `${c} = 0`).join(' AND ')}`).pluck(),
    remove: db.prepare('DELETE FROM kpi_count WHERE kabupaten_kode = ? AND dim = ? AND grain = ? AND key = ? AND day = ?'),
    addDue: db.prepare(
      `INSERT INTO kpi_due (kabupaten_kode, dim, due_day, key, n) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    ),
    takeDue: db
      .prepare(
        `INSERT INTO kpi_due (kabupaten_kode, dim, due_day, key, n) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET n = n + excluded.n RETURNING n`,
      )
      .pluck(),
    dropDue: db.prepare('DELETE FROM kpi_due WHERE kabupaten_kode = ? AND dim = ? AND due_day = ? AND key = ? AND n = 0'),
  }
}

/**
 * What must be added to a kabupaten's stored aggregates to make them equal to what its deadline rows say: the
 * rows that differ, as differences (new minus stored; a stored row that should not exist is subtracted whole).
 * `reader` must hold one read transaction (a snapshot) for the call, so that both sides are read at one moment.
 * The differences are additive: the app's own deltas (old row out, new row in) commute with them, so they can be
 * applied later, in several short transactions, while the app goes on writing (kpi/sliced-rebuild.ts).
 */
export type AggregateCorrections = { cells: unknown[][]; due: DueCell[] }

export function aggregateCorrections(
  reader: Db,
  kabupaten: string,
  offsetMs: number,
  rows: Iterable<SlaRow>,
  /** Called with the cell corrections found so far whenever there are `emit.at` of them (then not returned): they can
   *  be applied while the rest are computed, and need not all be held at once (a million complaints: millions). */
  emit?: { at: number; cells: (cells: unknown[][]) => void },
): AggregateCorrections {
  const id = (dim: unknown, grain: unknown, day: unknown, key: unknown) => `${dim as string}\u0000${grain as number}\u0000${day as number}\u0000${key as string}`
  // The stored rows first; then each row the deadline rows call for is compared as the builder writes it, so the
  // fresh rows are never all held at once (holding them was most of this step's time, in garbage collection).
  // A fresh row with no stored one is its own difference, already in kpi_count's encoding.
  const stored = new Map<string, unknown[]>()
  // sql-vetted: column names from the COLS constant
  for (const r of reader.prepare(`SELECT ${COLS.join(', ')} FROM kpi_count WHERE kabupaten_kode = ?`).raw().iterate(kabupaten) as IterableIterator<unknown[]>) {
    stored.set(id(r[1], r[3], r[4], r[2]), r)
  }
  const dueId = (dim: unknown, dueDay: unknown, key: unknown) => `${dim as string}\u0000${dueDay as number}\u0000${key as string}`
  const storedDue = new Map<string, number>()
  for (const [dim, dueDay, key, n] of reader.prepare('SELECT dim, due_day, key, n FROM kpi_due WHERE kabupaten_kode = ?').raw().iterate(kabupaten) as IterableIterator<[string, number, string, number]>) {
    storedDue.set(dueId(dim, dueDay, key), n)
  }
  const cells: unknown[][] = []
  const freshDue: DueCell[] = []
  const compare = (r: unknown[]) => {
    // Nothing stored left to match (a kabupaten's first load, or every stored row matched): no key to build.
    const k = stored.size === 0 ? null : id(r[1], r[3], r[4], r[2])
    const was = k === null ? undefined : stored.get(k)
    if (k === null || was === undefined) cells.push(r)
    else {
      stored.delete(k)
      if (!sameRow(was, r)) cells.push(difference(r, was))
    }
    if (emit && cells.length >= emit.at) emit.cells(cells.splice(0, cells.length))
  }
  const builder = new AggregateBuilder({ cell: (row) => compare(row.slice()), due: (c) => void freshDue.push(c) }, offsetMs)
  for (const row of rows) builder.add(row)
  builder.flush()
  for (const was of stored.values()) cells.push(difference(null, was))
  stored.clear()
  const due: DueCell[] = []
  for (const { kab, dim, dueDay, key, n } of freshDue) {
    const k = dueId(dim, dueDay, key)
    const was = storedDue.get(k) ?? 0
    storedDue.delete(k)
    if (n !== was) due.push({ kab, dim, dueDay, key, n: n - was })
  }
  for (const [k, n] of storedDue) {
    if (n === 0) continue
    const [dim, dueDay, key] = k.split('\u0000')
    due.push({ kab: kabupaten, dim: dim as Dim, dueDay: Number(dueDay), key, n: -n })
  }
  return { cells, due }
}

/** now − was, two kpi_count rows in COLS order (either may be missing), histograms encoded signed. */
function difference(now: unknown[] | null, was: unknown[] | null): unknown[] {
  const base = (now ?? was)!
  const out: unknown[] = base.slice(0, 5)
  for (let i = 5; i < H0; i++) out.push(((now?.[i] as number) ?? 0) - ((was?.[i] as number) ?? 0))
  HISTS.forEach((name, j) => {
    const at = H0 + j
    const text = isText(name)
    const h = text ? parseSignedCounts((now?.[at] ?? null) as string | null) : decodeHistogram((now?.[at] ?? null) as Buffer | null)
    addInto(h, text ? parseSignedCounts((was?.[at] ?? null) as string | null) : decodeHistogram((was?.[at] ?? null) as Buffer | null), -1)
    out.push(text ? encodeCounts(h) : encodeHistogram(h))
  })
  return out
}

function sameRow(a: unknown[], b: unknown[]): boolean {
  for (let i = 5; i < a.length; i++) {
    const x = a[i] ?? null
    const y = b[i] ?? null
    if (x === y) continue
    if (Buffer.isBuffer(x) && Buffer.isBuffer(y) && x.equals(y)) continue
    return false
  }
  return true
}

/** Applies corrections[from, to) of each list (see aggregateCorrections), in the caller's transaction. */
export function applyCorrections(db: Db, c: AggregateCorrections, cells: [number, number], due: [number, number]): void {
  writeRows(db, c.cells.slice(cells[0], cells[1]), c.due.slice(due[0], due[1]))
}

/**
 * Rebuild path: rows must arrive in submission order (by local day). Day rows are written when their day is
 * over, month rows when their month is over, each exactly once, so memory holds one month at a time.
 */
export class AggregateBuilder {
  private cells: Cells
  private month: number | null = null

  constructor(
    private readonly sink: AggregateSink,
    offsetMs: number,
  ) {
    this.cells = new Cells(offsetMs)
  }

  add(r: SlaRow): void {
    const month = monthStart(r.day)
    if (this.month !== null && month !== this.month) this.flush(false)
    this.month = month
    this.cells.add(r, 1)
  }

  /**
   * Writes the finished day, block and month rows; quarter and year rows, and due-day counts (which do not follow
   * submission order), wait for the final flush.
   */
  flush(final = true): void {
    for (const row of this.cells.take((grain) => (grain === 2 || grain === 4) && !final)) this.sink.cell(row)
    if (!final) return
    for (const c of this.cells.takeDue()) if (c.n !== 0) this.sink.due(c)
  }
}

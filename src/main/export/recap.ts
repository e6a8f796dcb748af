// The monthly recap in the shape Pemda already send upward (domain.md, "KPIs that Pemda and evaluators use"):
// for the complaints that came in during the period, total masuk and how many are terdisposisi, proses, selesai,
// tunda, belum ditindaklanjuti — as counts and as % of masuk — per OPD and per kategori, and per month when the
// period spans several. Statuses are as of the recap's moment ("Status per"): the moment of export, or a past
// moment (`tanggap export --what recap --now 2025-04-02`), when they are read from the complaints' history
// (asOfFigures below), so the recap equals one made on that day.
import type { Role, Status } from '#shared/domain.ts'
import type { Db } from '../store/open.ts'
import { kpiFor, minSample } from '../kpi/service.ts'
import type { KpiRow } from '../kpi/queries.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { STATUS_LABEL, periodLabel } from './labels.ts'
import { sliceLabel } from './kpi.ts'
import type { Cell, Column, ExportDoc, Sheet } from './table.ts'
import { periodDoc } from './period-doc.ts'
import type { RecapExport } from './request.ts'
import { periodBounds } from '#shared/period.ts'
import { topUnits } from '../kpi/refresh.ts'
import { toKpiFilter, type ScreenFilter } from '../kpi/service.ts'

type Figures = Pick<KpiRow, 'n' | 'byStatus' | 'pctDispositioned'>

const share = (part: number, n: number) => (n > 0 ? (100 * part) / n : null)

/** Count and share of masuk for one status. */
function statusPair(status: Status): { columns: Column[]; values(f: Figures): Cell[] } {
  const label = STATUS_LABEL[status]
  return {
    columns: [
      { key: status, header: label, kind: 'int', width: 12 },
      { key: `pct_${status}`, header: `% ${label.toLowerCase()}`, kind: 'percent', width: 12 },
    ],
    values: (f) => [f.byStatus[status], share(f.byStatus[status], f.n)],
  }
}

const PAIRS = (['belum_terverifikasi', 'belum_ditindaklanjuti', 'proses', 'selesai', 'tunda'] as const).map(statusPair)

function columns(labelHeader: string): Column[] {
  return [
    { key: 'no', header: 'No', kind: 'int', width: 6 },
    { key: 'nama', header: labelHeader, csvHeader: 'Nama', kind: 'text', width: 40 },
    { key: 'masuk', header: 'Total masuk', kind: 'int', width: 12 },
    { key: 'terdisposisi', header: 'Terdisposisi', kind: 'int', width: 13 },
    { key: 'pct_terdisposisi', header: '% terdisposisi', kind: 'percent', width: 13 },
    ...PAIRS.flatMap((p) => p.columns),
    { key: 'bukan_wewenang', header: STATUS_LABEL.bukan_wewenang, kind: 'int', width: 12 },
    { key: 'arsip', header: STATUS_LABEL.arsip, kind: 'int', width: 10 },
  ]
}

function values(no: number | null, label: string, f: Figures): Cell[] {
  // The KPI tables carry % terdisposisi, not the count; the count is recovered exactly from it.
  const dispositioned = f.pctDispositioned === null ? 0 : Math.round((f.pctDispositioned * f.n) / 100)
  return [no, label, f.n, dispositioned, f.pctDispositioned, ...PAIRS.flatMap((p) => p.values(f)), f.byStatus.bukan_wewenang, f.byStatus.arsip]
}

function sliceSheet(name: string, header: string, total: Figures, rows: { label: string; f: Figures }[]): Sheet {
  const body = rows.map((r, i) => values(i + 1, r.label, r.f))
  return { name, columns: columns(header), rows: [values(null, 'Total', total), ...body], count: body.length + 1, boldRows: new Set([0]) }
}

/** The months a period touches, each clipped to the period: [{from, to}] as local dates. */
export function monthsOf(period: { from: string; to: string }): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = []
  let [y, m] = period.from.split('-').map(Number)
  for (;;) {
    const first = `${y}-${String(m).padStart(2, '0')}-01`
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
    const from = first < period.from ? period.from : first
    const to = last > period.to ? period.to : last
    if (from > period.to) break
    out.push({ from, to })
    if (m === 12) {
      y += 1
      m = 1
    } else m += 1
  }
  return out
}

export type RecapDocContext = { db: Db; role: Role; now: number; username: string }

/** The slices of one recap sheet: the total and one row per key, as the KPI tables give them. */
type RecapTable = { total: Figures; rows: (Figures & Pick<KpiRow, 'key' | 'label'>)[] }

export function recapDoc(ctx: RecapDocContext, r: RecapExport): ExportDoc {
  const k = getKabupaten(ctx.db, r.kabupaten)
  const min = minSample(ctx.db)
  const past = hasMovedSince(ctx.db, r.kabupaten, ctx.now) ? asOfFigures(ctx.db, r.kabupaten, ctx.now, k.utc_offset_minutes, r.filter) : null
  const table = (dim: 'opd' | 'category' | 'all', period = r.period): RecapTable =>
    past ? past(dim, period) : kpiFor(ctx.db, r.kabupaten, dim, period, ctx.now, min, r.filter)
  const slice = (dim: 'opd' | 'category', name: string, header: string): Sheet => {
    const t = table(dim)
    // Pemda recaps list units by name; the undispositioned / uncategorised row goes last. A unit with none of the
    // period's complaints (the KPI tables list it for its open backlog) has no line in a recap of the period.
    const rows = t.rows.filter((row) => row.n > 0).sort((a, b) => Number(a.key === '') - Number(b.key === '') || a.label.localeCompare(b.label, 'id'))
    return sliceSheet(name, header, t.total, rows.map((row) => ({ label: sliceLabel(dim, row), f: row })))
  }
  const sheets = [slice('opd', 'Rekap per OPD', 'OPD'), slice('category', 'Rekap per kategori', 'Kategori')]
  const months = monthsOf(r.period)
  if (months.length > 1) {
    const total = table('all').total
    sheets.push(sliceSheet('Rekap per bulan', 'Bulan', total, months.map((p) => ({ label: periodLabel(p), f: table('all', p).total }))))
  }
  return periodDoc(ctx, k, r.period, 'Rekapitulasi pengaduan SP4N-LAPOR!', sheets, (asOf) => [
    ['Status per', asOf],
    ['Persentase', 'dari total masuk; terdisposisi mencakup yang per tanggal status sudah proses atau selesai'],
    ['Per OPD', 'menurut OPD yang memegang laporan per tanggal status (termasuk bidang/UPT di bawahnya)'],
    ...(past ? ([['Sumber status', 'riwayat laporan: status, OPD dan disposisi pada tanggal status; laporan yang masuk sesudahnya tidak dihitung']] as [string, string][]) : []),
  ])
}

/** Whether anything happened to the kabupaten's complaints after `at` (a complaint came in, or a history entry). */
function hasMovedSince(db: Db, kabupaten: string, at: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM complaint c WHERE c.kabupaten_kode = ? AND (c.submitted_at > ? OR c.updated_at > ?
           OR EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint_id = c.id AND e.at > ?)) LIMIT 1`,
      )
      .get(kabupaten, at, at, at) !== undefined
  )
}

/**
 * The recap as it was at `asOf`, from history: complaints submitted after it are left out, and each counts with
 * - its status then: the status of its last status move (any history entry naming the status it led to, a
 *   tindak lanjut included) at or before `asOf`; before its first move, the status
 *   that move started from; a complaint with no status move in its history keeps its recorded status;
 * - its unit then: the target of its last disposition at or before `asOf` (none yet: no unit); a complaint with no
 *   disposition in its history keeps its recorded unit;
 * - terdisposisi: a disposition at or before `asOf` (without any in its history: its recorded disposition time).
 * The category is the recorded one (categories have no history).
 */
function asOfFigures(db: Db, kabupaten: string, asOf: number, offsetMinutes: number, screen?: ScreenFilter) {
  const f = toKpiFilter(db, screen)
  const cats = f?.categoryIds ? new Set(f.categoryIds) : null
  const top = topUnits(db, kabupaten)
  type At = { submitted_at: number; opd: string; category: string; status: Status; dispositioned: boolean }
  const complaints = db
    .prepare(
      `SELECT id, submitted_at, status, unit_id, category_id, channel, dispositioned_at FROM complaint
       WHERE kabupaten_kode = ? AND submitted_at <= ?`,
    )
    .all(kabupaten, asOf) as { id: number; submitted_at: number; status: Status; unit_id: number | null; category_id: number | null; channel: string; dispositioned_at: number | null }[]
  const events = db
    .prepare(
      `SELECT e.complaint_id, e.kind, e.at, e.from_status, e.to_status, e.to_unit_id FROM complaint_event e
       JOIN complaint c ON c.id = e.complaint_id
       WHERE c.kabupaten_kode = ? AND c.submitted_at <= ? AND (e.to_status IS NOT NULL OR e.kind = 'disposition')
       ORDER BY e.complaint_id, e.at, e.id`,
    )
    .all(kabupaten, asOf) as { complaint_id: number; kind: string; at: number; from_status: Status | null; to_status: Status | null; to_unit_id: number | null }[]
  const byComplaint = new Map<number, typeof events>()
  for (const e of events) (byComplaint.get(e.complaint_id) ?? byComplaint.set(e.complaint_id, []).get(e.complaint_id)!).push(e)
  const states: At[] = []
  for (const c of complaints) {
    if (cats && (c.category_id === null || !cats.has(c.category_id))) continue
    if (f?.channel && c.channel !== f.channel) continue
    const evs = byComplaint.get(c.id) ?? []
    // A status move is any entry that names the status it led to (a tindak lanjut moves the report to proses).
    const moves = evs.filter((e) => e.to_status !== null)
    const dispositions = evs.filter((e) => e.kind === 'disposition' && e.to_unit_id !== null)
    let status = c.status
    if (moves.length > 0) {
      const last = moves.filter((e) => e.at <= asOf).pop()
      status = last ? last.to_status! : (moves[0].from_status ?? 'belum_terverifikasi')
    }
    let unit = c.unit_id
    let dispositioned = c.dispositioned_at !== null && c.dispositioned_at <= asOf
    if (dispositions.length > 0) {
      const before = dispositions.filter((e) => e.at <= asOf)
      unit = before.length ? before[before.length - 1].to_unit_id : null
      dispositioned = before.length > 0
    }
    const opd = unit === null ? null : (top.get(unit) ?? unit)
    states.push({ submitted_at: c.submitted_at, opd: opd === null ? '' : String(opd), category: c.category_id === null ? '' : String(c.category_id), status, dispositioned })
  }
  const names = {
    opd: new Map((db.prepare('SELECT id, coalesce(singkatan, nama) AS label FROM unit WHERE kabupaten_kode = ?').all(kabupaten) as { id: number; label: string }[]).map((u) => [String(u.id), u.label])),
    category: new Map((db.prepare('SELECT id, nama AS label FROM category').all() as { id: number; label: string }[]).map((u) => [String(u.id), u.label])),
  }
  const sum = (xs: At[]): Figures => {
    const byStatus = Object.fromEntries((['belum_terverifikasi', 'belum_ditindaklanjuti', 'proses', 'selesai', 'tunda', 'bukan_wewenang', 'arsip', 'dihapus'] as Status[]).map((s) => [s, 0])) as Record<Status, number>
    for (const x of xs) byStatus[x.status]++
    return { n: xs.length, byStatus, pctDispositioned: share(xs.filter((x) => x.dispositioned).length, xs.length) }
  }
  return (dim: 'opd' | 'category' | 'all', period: { from: string; to: string }): RecapTable => {
    const [from, to] = periodBounds(period, offsetMinutes)
    const xs = states.filter((x) => x.submitted_at >= from && x.submitted_at < to)
    if (dim === 'all') return { total: sum(xs), rows: [] }
    const groups = new Map<string, At[]>()
    for (const x of xs) (groups.get(x[dim]) ?? groups.set(x[dim], []).get(x[dim])!).push(x)
    return { total: sum(xs), rows: [...groups].map(([key, g]) => ({ key, label: names[dim].get(key) ?? key, ...sum(g) })) }
  }
}

// The monthly recap in the shape Pemda already send upward (domain.md, "KPIs that Pemda and evaluators use"):
// for the complaints that came in during the period, total masuk and how many are terdisposisi, proses, selesai,
// tunda, belum ditindaklanjuti — as counts and as % of masuk — per OPD and per kategori, and per month when the
// period spans several. Statuses are as of the moment of export (a cohort recap, like the KPI screens).
import type { Role, Status } from '#shared/domain.ts'
import type { Db } from '../store/open.ts'
import type { Dim } from '../kpi/aggregates.ts'
import { kpiFor, minSample } from '../kpi/service.ts'
import type { KpiRow } from '../kpi/queries.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { STATUS_LABEL, periodLabel } from './labels.ts'
import { sliceLabel } from './kpi.ts'
import type { Cell, Column, ExportDoc, Sheet } from './table.ts'
import { periodDoc } from './period-doc.ts'
import type { RecapExport } from './request.ts'

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

function sliceSheet(name: string, header: string, total: KpiRow, rows: { label: string; f: Figures }[]): Sheet {
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

export function recapDoc(ctx: RecapDocContext, r: RecapExport): ExportDoc {
  const k = getKabupaten(ctx.db, r.kabupaten)
  const min = minSample(ctx.db)
  const table = (dim: Dim, period = r.period) => kpiFor(ctx.db, r.kabupaten, dim, period, ctx.now, min, r.filter)
  const slice = (dim: Dim, name: string, header: string): Sheet => {
    const t = table(dim)
    // Pemda recaps list units by name; the undispositioned / uncategorised row goes last.
    const rows = [...t.rows].sort((a, b) => Number(a.key === '') - Number(b.key === '') || a.label.localeCompare(b.label, 'id'))
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
    ['Persentase', 'dari total masuk; terdisposisi mencakup yang kini proses atau selesai'],
    ['Per OPD', 'menurut OPD yang kini memegang laporan (termasuk bidang/UPT di bawahnya)'],
  ])
}

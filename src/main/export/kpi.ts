// The KPI tables as an export: one sheet per slice (OPD, kecamatan, kategori …), the kabupaten's total on top,
// every figure the Kinerja OPD screen draws plus the previous period's, as numbers Excel can sum and chart.
import type { Db } from '../store/open.ts'
import type { Role } from '#shared/domain.ts'
import type { Dim } from '../kpi/aggregates.ts'
import { kpiFor, minSample } from '../kpi/service.ts'
import type { KpiRow, KpiTable } from '../kpi/queries.ts'
import { isWithin } from '../kpi/filter.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { CHANNEL_LABEL, KLASIFIKASI_LABEL, periodLabel, yesNo } from './labels.ts'
import type { Cell, Column, ExportDoc, Sheet } from './table.ts'
import { periodDoc } from './period-doc.ts'
import type { KpiExport } from './request.ts'
import type { Channel, Klasifikasi } from '#shared/domain.ts'

export const DIM_SHEET: Record<Dim, string> = {
  all: 'Total',
  opd: 'Per OPD',
  unit: 'Per unit',
  kecamatan: 'Per kecamatan',
  desa: 'Per desa',
  category: 'Per kategori',
  channel: 'Per kanal',
  klasifikasi: 'Per klasifikasi',
  first_opd: 'Per OPD penerima pertama',
}

const DIM_HEADER: Record<Dim, string> = {
  all: 'Cakupan',
  opd: 'OPD',
  unit: 'Unit',
  kecamatan: 'Kecamatan',
  desa: 'Desa/Kelurahan',
  category: 'Kategori',
  channel: 'Kanal',
  klasifikasi: 'Klasifikasi',
  first_opd: 'OPD penerima pertama',
}

/** The '' key: complaints with no value in the slice. */
const NONE_LABEL: Record<Dim, string> = {
  all: 'Total',
  opd: '(belum didisposisi)',
  unit: '(belum didisposisi)',
  kecamatan: '(tanpa kecamatan)',
  desa: '(tanpa desa)',
  category: '(tanpa kategori)',
  channel: '(tanpa kanal)',
  klasifikasi: '(tanpa klasifikasi)',
  first_opd: '(belum didisposisi)',
}

/** A row's name as officials read it: the channel and klasifikasi codes become their labels. */
export function sliceLabel(dim: Dim, row: Pick<KpiRow, 'key' | 'label'>): string {
  if (row.key === '') return NONE_LABEL[dim]
  if (dim === 'channel') return CHANNEL_LABEL[row.key as Channel] ?? row.label
  if (dim === 'klasifikasi') return KLASIFIKASI_LABEL[row.key as Klasifikasi] ?? row.label
  return row.label
}

type KpiColumn = Column & { value(r: KpiRow): Cell }

const pct = (key: string, header: string, value: (r: KpiRow) => number | null): KpiColumn => ({ key, header, kind: 'percent', width: 12, value })
const int = (key: string, header: string, value: (r: KpiRow) => number): KpiColumn => ({ key, header, kind: 'int', width: 11, value })
const hk = (key: string, header: string, value: (r: KpiRow) => number | null): KpiColumn => ({ key, header, kind: 'decimal', width: 12, value })

const FIGURES: KpiColumn[] = [
  int('n', 'Masuk', (r) => r.n),
  pct('verif_tepat', '% verifikasi ≤ 3 hk', (r) => r.pctVerifiedOnTime),
  pct('tl_tepat', '% TL pertama ≤ 5 hk', (r) => r.pctResponseOnTime),
  hk('tl_median', 'Median hk sampai TL', (r) => r.medianResponseHk),
  hk('tl_p90', 'P90 hk sampai TL', (r) => r.p90ResponseHk),
  hk('selesai_median', 'Median hk sampai selesai', (r) => r.medianSelesaiHk),
  hk('selesai_p90', 'P90 hk sampai selesai', (r) => r.p90SelesaiHk),
  int('selesai', 'Selesai', (r) => r.selesai),
  pct('pct_selesai', '% selesai', (r) => r.pctSelesai),
  pct('pct_proses', '% proses', (r) => r.pctProses),
  pct('pct_belum', '% belum ditindaklanjuti', (r) => r.pctBelum),
  pct('pct_disposisi', '% terdisposisi', (r) => r.pctDispositioned),
  pct('pct_tunda', '% tunda', (r) => r.pctTunda),
  pct('pct_arsip', '% arsip', (r) => r.pctArsip),
  int('bukan_wewenang', 'Bukan wewenang', (r) => r.bukanWewenang),
  int('salah_sasaran', 'Salah sasaran', (r) => r.misrouted),
  pct('pct_salah_sasaran', '% salah sasaran', (r) => r.misrouteRate),
  // Rule MISROUTE_CHARGED_PER_HOLDER: per OPD, the hari kerja it held complaints that were not its own.
  int('hk_salah_sasaran', 'Hk hilang karena salah sasaran', (r) => r.misrouteHk),
  pct('pct_anonim', '% anonim', (r) => r.shareAnonim),
  pct('pct_rahasia', '% rahasia', (r) => r.shareRahasia),
  int('terbuka', 'Terbuka sekarang', (r) => r.openNow),
  int('lewat_tenggat', 'Lewat tenggat sekarang', (r) => r.overdueNow),
  int('umur_0_3', 'Tunggakan 0–3 hk', (r) => r.backlog['0-3']),
  int('umur_4_5', 'Tunggakan 4–5 hk', (r) => r.backlog['4-5']),
  int('umur_6_10', 'Tunggakan 6–10 hk', (r) => r.backlog['6-10']),
  int('umur_11_60', 'Tunggakan 11–60 hk', (r) => r.backlog['11-60']),
  int('umur_60', 'Tunggakan > 60 hk', (r) => r.backlog['>60']),
  int('prev_n', 'Masuk (periode sebelumnya)', (r) => r.previous.n),
  pct('prev_tl_tepat', '% TL ≤ 5 hk (periode sebelumnya)', (r) => r.previous.pctResponseOnTime),
  pct('prev_selesai', '% selesai (periode sebelumnya)', (r) => r.previous.pctSelesai),
]

function kpiSheet(dim: Dim, table: KpiTable): Sheet {
  const columns: KpiColumn[] = [
    { key: 'nama', header: DIM_HEADER[dim], csvHeader: 'Nama', kind: 'text', width: 34, value: (r) => (r.key === '' && r === table.total ? 'Total' : sliceLabel(dim, r)) },
    ...FIGURES,
    { key: 'diperingkat', header: `Diperingkat (≥ ${table.minSample} laporan)`, kind: 'text', width: 13, value: (r) => (r === table.total ? null : yesNo(r.isRanked)) },
  ]
  const rows = [table.total, ...table.rows]
  return { name: DIM_SHEET[dim], columns, rows: rows.map((r) => columns.map((c) => c.value(r))), count: rows.length, boldRows: new Set([0]) }
}

export type KpiDocContext = { db: Db; role: Role; now: number; username: string }

export function kpiDoc(ctx: KpiDocContext, r: KpiExport): ExportDoc {
  const k = getKabupaten(ctx.db, r.kabupaten)
  const min = minSample(ctx.db)
  let previous = ''
  const sheets = r.dims.map((dim) => {
    const table = kpiFor(ctx.db, r.kabupaten, dim, r.period, ctx.now, min, r.filter)
    previous = periodLabel(table.previousPeriod)
    const rows = r.within === undefined ? table.rows : table.rows.filter((row) => isWithin(ctx.db, dim, row.key, r.within!))
    return kpiSheet(dim, { ...table, rows })
  })
  return periodDoc(ctx, k, r.period, 'Kinerja penanganan pengaduan', sheets, (asOf) => [
    ['Dibandingkan dengan', previous],
    ['Keadaan "sekarang" per', asOf],
    ['hk', 'hari kerja: Senin–Jumat, tanpa libur nasional dan cuti bersama'],
    ['Diperingkat', `hanya unit dengan sedikitnya ${min} laporan dalam periode`],
  ])
}

// A unit's own numbers against its kabupaten's, for the same period, read from the KPI aggregates with the KPI's
// fair attribution rules (docs/kpi-rules.md): an OPD or kecamatan office is judged in the 'opd' slice (each OPD
// from the disposition it received; misroute days charged to each holder), a bidang, UPT or desa in the 'unit'
// slice (the complaints it holds now).
import type { Db } from '../store/open.ts'
import type { Period } from '#shared/period.ts'
import { kpiFor } from '../kpi/service.ts'
import type { KpiRow } from '../kpi/queries.ts'
import { topUnits } from '../kpi/refresh.ts'
import type { Liaison } from './scope.ts'

export type Figures = { tepatWaktuPct: number | null; verifikasiTepatWaktuPct: number | null; backlog: number; terlambat: number; n: number; medianHk: number | null }

export type UnitNumbers = {
  period: Period
  unit: Figures & { id: number; nama: string; irisan: 'opd' | 'unit' }
  units: (Figures & { id: number; nama: string; irisan: 'opd' | 'unit' })[]
  kabupaten: Figures & { kode: string; nama: string }
  aturan: { id: string; teks: string }[]
}

/** The rules that judge these figures (ids as in docs/kpi-rules.md and src/main/kpi). */
export const RULES: UnitNumbers['aturan'] = [
  { id: 'RESPONSE_FROM_RECEIVED_DISPOSITION', teks: 'Tindak lanjut pertama ≤ 5 hari kerja dihitung dari disposisi yang diterima unit, bukan dari laporan masuk' },
  { id: 'TUNDA_IS_THE_REPORTERS_TIME', teks: 'Waktu Tunda adalah waktu pelapor: tidak dihitung terhadap unit' },
  { id: 'MISROUTE_CHARGED_PER_HOLDER', teks: 'Hari kerja salah sasaran dibebankan ke setiap unit yang memegangnya' },
  { id: 'COMPLETION_CAP_UNIT', teks: 'Batas penyelesaian 60 hari menurut satuan yang berlaku di kabupaten' },
]

function figures(r: KpiRow | undefined): Figures {
  return {
    tepatWaktuPct: r?.pctResponseOnTime ?? null,
    verifikasiTepatWaktuPct: r?.pctVerifiedOnTime ?? null,
    backlog: r?.openNow ?? 0,
    terlambat: r?.overdueNow ?? 0,
    n: r?.n ?? 0,
    medianHk: r?.medianResponseHk ?? null,
  }
}

export function unitNumbers(db: Db, user: Liaison, period: Period, now = Date.now()): UnitNumbers {
  const units = db
    .prepare('SELECT id, nama, kabupaten_kode FROM unit WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .all(JSON.stringify(user.units)) as { id: number; nama: string; kabupaten_kode: string }[]
  const kab = units[0].kabupaten_kode
  const tables = new Map<string, ReturnType<typeof kpiFor>>()
  const table = (k: string, dim: 'opd' | 'unit') => {
    const key = `${k}/${dim}`
    if (!tables.has(key)) tables.set(key, kpiFor(db, k, dim, period, now))
    return tables.get(key)!
  }
  const list = units.map((u) => {
    const irisan: 'opd' | 'unit' = topUnits(db, u.kabupaten_kode).get(u.id) === u.id ? 'opd' : 'unit'
    const row = table(u.kabupaten_kode, irisan).rows.find((r) => r.key === String(u.id))
    return { id: u.id, nama: u.nama, irisan, ...figures(row) }
  })
  const kabNama = (db.prepare('SELECT nama FROM kabupaten WHERE kode = ?').pluck().get(kab) as string | undefined) ?? kab
  return { period, unit: list[0], units: list, kabupaten: { kode: kab, nama: kabNama, ...figures(table(kab, 'opd').total) }, aturan: RULES }
}

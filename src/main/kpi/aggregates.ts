// Keeps the kpi_count and kpi_hist tables equal to what complaint_sla says, by applying the difference between
// each complaint's old and new deadline row. Callers run it inside the transaction that writes the complaint, so
// the dashboards and the complaints can never disagree. Bulk writers pass thousands of rows at once: their
// deltas merge in memory before touching SQLite.
import type { Db } from '../store/open.ts'
import type { SlaRow } from './sla-row.ts'

export const DIMS = ['all', 'opd', 'unit', 'kecamatan', 'desa', 'category', 'channel', 'klasifikasi', 'first_opd'] as const
export type Dim = (typeof DIMS)[number]

const COUNTERS = [
  'n',
  'verify_done',
  'verify_met',
  'response_done',
  'response_met',
  'dispositioned',
  'selesai',
  'proses',
  'belum',
  'tunda',
  'arsip',
  'bukan_wewenang',
  'misrouted',
  'anonim',
  'rahasia',
  'open',
] as const
export type Counter = (typeof COUNTERS)[number]

/** Key of a row in each slice; '' groups what has no value (e.g. complaints without a location). */
export function dimKey(r: SlaRow, dim: Dim): string {
  switch (dim) {
    case 'all':
      return ''
    case 'opd':
      return r.opd_id === null ? '' : String(r.opd_id)
    case 'unit':
      return r.unit_id === null ? '' : String(r.unit_id)
    case 'kecamatan':
      return r.kecamatan_kode ?? ''
    case 'desa':
      return r.desa_kode ?? ''
    case 'category':
      return r.category_id === null ? '' : String(r.category_id)
    case 'channel':
      return r.channel
    case 'klasifikasi':
      return r.klasifikasi
    case 'first_opd':
      return r.first_opd_id === null ? '' : String(r.first_opd_id)
  }
}

function counters(r: SlaRow): number[] {
  const s = r.status
  return [
    1,
    r.verify_met === null ? 0 : 1,
    r.verify_met === 1 ? 1 : 0,
    r.response_met === null ? 0 : 1,
    r.response_met === 1 ? 1 : 0,
    r.response_due_at === null ? 0 : 1,
    s === 'selesai' ? 1 : 0,
    s === 'proses' ? 1 : 0,
    s === 'belum_terverifikasi' || s === 'belum_ditindaklanjuti' ? 1 : 0,
    s === 'tunda' ? 1 : 0,
    s === 'arsip' ? 1 : 0,
    s === 'bukan_wewenang' ? 1 : 0,
    r.is_misrouted,
    r.is_anonim,
    r.is_rahasia,
    r.is_open,
  ]
}

/** First day of the month that holds a day number (days since 1970-01-01). */
export function monthStart(day: number): number {
  const d = new Date(day * 86_400_000)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 86_400_000
}

type CountDelta = { kab: string; dim: Dim; key: string; grain: number; day: number; values: number[] }
type HistDelta = { kab: string; dim: Dim; key: string; metric: 'response_hk' | 'selesai_hk'; grain: number; day: number; hk: number; n: number }

export class AggregateDelta {
  private counts = new Map<string, CountDelta>()
  private hist = new Map<string, HistDelta>()

  add(r: SlaRow, sign: 1 | -1): void {
    const values = counters(r)
    const grains: [number, number][] = [
      [0, r.day],
      [1, monthStart(r.day)],
    ]
    for (const dim of DIMS) {
      const key = dimKey(r, dim)
      for (const [grain, day] of grains) {
        const id = `${r.kabupaten_kode}|${dim}|${key}|${grain}|${day}`
        let c = this.counts.get(id)
        if (!c) this.counts.set(id, (c = { kab: r.kabupaten_kode, dim, key, grain, day, values: new Array(COUNTERS.length).fill(0) }))
        for (let i = 0; i < values.length; i++) c.values[i] += sign * values[i]
        for (const metric of ['response_hk', 'selesai_hk'] as const) {
          const hk = r[metric]
          if (hk === null) continue
          const hid = `${id}|${metric}|${hk}`
          const h = this.hist.get(hid)
          if (h) h.n += sign
          else this.hist.set(hid, { kab: r.kabupaten_kode, dim, key, metric, grain, day, hk, n: sign })
        }
      }
    }
  }

  write(db: Db): void {
    const cols = COUNTERS.join(', ')
    const upsertCount = db.prepare(
      `INSERT INTO kpi_count (kabupaten_kode, dim, key, grain, day, ${cols})
       VALUES (?, ?, ?, ?, ?, ${COUNTERS.map(() => '?').join(', ')})
       ON CONFLICT DO UPDATE SET ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    )
    for (const c of this.counts.values()) {
      if (c.values.every((v) => v === 0)) continue
      upsertCount.run(c.kab, c.dim, c.key, c.grain, c.day, ...c.values)
    }
    const upsertHist = db.prepare(
      `INSERT INTO kpi_hist (kabupaten_kode, dim, key, metric, grain, day, hk, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    )
    for (const h of this.hist.values()) if (h.n !== 0) upsertHist.run(h.kab, h.dim, h.key, h.metric, h.grain, h.day, h.hk, h.n)
    this.counts.clear()
    this.hist.clear()
  }
}

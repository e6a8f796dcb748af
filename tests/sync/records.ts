// A valid upstream record for tests, with a history, to vary field by field.
import type { UpstreamRecordInput } from '#main/sync/record.ts'

export const T0 = Date.parse('2026-03-02T01:00:00Z')
export const H = 3_600_000

export function record(over: Partial<UpstreamRecordInput> = {}): UpstreamRecordInput {
  return {
    tracking_id: '1916449',
    version: 1,
    updated_at: T0 + 30 * H,
    submitted_at: T0,
    judul: 'Jalan berlubang di Sangatta Utara',
    isi: 'Mohon perbaikan jalan poros, banyak lubang.',
    klasifikasi: 'pengaduan',
    channel: 'web',
    kategori: 'jalan',
    status_raw: 'Proses',
    is_anonim: false,
    is_rahasia: false,
    location: { kecamatan_kode: '64.08.04', text: 'Jl. Poros' },
    reporter: { nama: 'Siti Rahmawati', nik: '6408011204900001', phone: '081234567890' },
    history: [
      { upstream_id: 'e1', kind: 'submitted', at: T0, actor: 'Pelapor', to_status: 'belum_terverifikasi' },
      { upstream_id: 'e2', kind: 'status', at: T0 + 2 * H, actor: 'Admin', from_status: 'belum_terverifikasi', to_status: 'belum_ditindaklanjuti' },
      { upstream_id: 'e3', kind: 'disposition', at: T0 + 3 * H, actor: 'Admin', to_unit: '64.08/dpupr' },
      { upstream_id: 'e4', kind: 'tindak_lanjut', at: T0 + 30 * H, actor: 'DPUPR', from_status: 'belum_ditindaklanjuti', to_status: 'proses', body: 'Dijadwalkan.' },
    ],
    ...over,
  }
}


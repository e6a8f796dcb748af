// A row of complaint_sla exactly as stored (booleans 0|1, *_met 1|0|null).
import type { Channel, Klasifikasi, Status } from '#shared/domain.ts'

export type SlaRow = {
  complaint_id: number
  kabupaten_kode: string
  day: number
  opd_id: number | null
  first_opd_id: number | null
  unit_id: number | null
  kecamatan_kode: string | null
  desa_kode: string | null
  category_id: number | null
  channel: Channel
  klasifikasi: Klasifikasi
  status: Status
  is_open: 0 | 1
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
  is_misrouted: 0 | 1
  /** Hari kerja from the first disposition to the one the holding OPD received, when it moved OPD. */
  misroute_hk: number | null
  /** The same days per OPD that held it wrongly, "opd:hk;opd:hk" in order (null: no misroute). */
  misroute_segments: string | null
  verify_due_at: number
  verify_hk: number | null
  verify_met: 0 | 1 | null
  response_due_at: number | null
  response_hk: number | null
  response_met: 0 | 1 | null
  autoclose_due_at: number | null
  cap_due_at: number
  cap_met: 0 | 1 | null
  selesai_hk: number | null
  next_due_at: number | null
}

export const SLA_COLUMNS = [
  'complaint_id',
  'kabupaten_kode',
  'day',
  'opd_id',
  'first_opd_id',
  'unit_id',
  'kecamatan_kode',
  'desa_kode',
  'category_id',
  'channel',
  'klasifikasi',
  'status',
  'is_open',
  'is_anonim',
  'is_rahasia',
  'is_misrouted',
  'misroute_hk',
  'misroute_segments',
  'verify_due_at',
  'verify_hk',
  'verify_met',
  'response_due_at',
  'response_hk',
  'response_met',
  'autoclose_due_at',
  'cap_due_at',
  'cap_met',
  'selesai_hk',
  'next_due_at',
] as const satisfies readonly (keyof SlaRow)[]

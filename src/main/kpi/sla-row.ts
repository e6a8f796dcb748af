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

/** The columns of SLA_COLUMNS as a select list, for reading rows raw (`.raw()`) and making them with slaRowOf. */
export const SLA_SELECT = SLA_COLUMNS.join(', ')

/**
 * A raw row of complaint_sla (SLA_SELECT order) as a SlaRow of one fixed shape. better-sqlite3 makes a row of more
 * than about sixteen columns an object in dictionary mode, where every property read is a hash lookup. Summing the
 * 100,000 deadline rows of the bench store into aggregates, read so: 2.4–3.6 s; read raw and made here: 2.1–2.7 s.
 */
export function slaRowOf(a: unknown[]): SlaRow {
  return {
    complaint_id: a[0] as number,
    kabupaten_kode: a[1] as string,
    day: a[2] as number,
    opd_id: a[3] as number | null,
    first_opd_id: a[4] as number | null,
    unit_id: a[5] as number | null,
    kecamatan_kode: a[6] as string | null,
    desa_kode: a[7] as string | null,
    category_id: a[8] as number | null,
    channel: a[9] as Channel,
    klasifikasi: a[10] as Klasifikasi,
    status: a[11] as Status,
    is_open: a[12] as 0 | 1,
    is_anonim: a[13] as 0 | 1,
    is_rahasia: a[14] as 0 | 1,
    is_misrouted: a[15] as 0 | 1,
    misroute_hk: a[16] as number | null,
    misroute_segments: a[17] as string | null,
    verify_due_at: a[18] as number,
    verify_hk: a[19] as number | null,
    verify_met: a[20] as 0 | 1 | null,
    response_due_at: a[21] as number | null,
    response_hk: a[22] as number | null,
    response_met: a[23] as 0 | 1 | null,
    autoclose_due_at: a[24] as number | null,
    cap_due_at: a[25] as number,
    cap_met: a[26] as 0 | 1 | null,
    selesai_hk: a[27] as number | null,
    next_due_at: a[28] as number | null,
  }
}

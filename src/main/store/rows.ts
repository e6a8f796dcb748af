// The rows of the main tables exactly as SQLite returns them (resources/migrations): snake_case columns, times in
// epoch milliseconds, booleans as 0 | 1. A query that selects some columns types its rows as Pick<…> of these, so a
// renamed or retyped column breaks the build instead of a screen.
import type { Channel, EventKind, Klasifikasi, Role, Status, UnitKind } from '#shared/domain.ts'

export type Bit = 0 | 1

export type KabupatenRow = {
  kode: string
  nama: string
  provinsi_kode: string
  provinsi: string
  ibukota: string
  time_zone: string
  utc_offset_minutes: number
}

export type KecamatanRow = { kode: string; kabupaten_kode: string; nama: string; lat: number | null; lon: number | null; geometry: string | null }

export type DesaRow = {
  kode: string
  kecamatan_kode: string
  nama: string
  jenis: 'desa' | 'kelurahan'
  lat: number | null
  lon: number | null
  geometry: string | null
}

export type UnitRow = {
  id: number
  kabupaten_kode: string
  parent_id: number | null
  kind: UnitKind
  kode: string
  nama: string
  singkatan: string | null
  region_kode: string | null
  is_confirmed: Bit
  is_active: Bit
  upstream_id: string | null
}

export type CategoryRow = { id: number; parent_id: number | null; kode: string; nama: string; upstream_id: string | null }

export type ComplaintRow = {
  id: number
  kabupaten_kode: string
  source: string
  tracking_id: string
  judul: string
  isi: string
  klasifikasi: Klasifikasi
  channel: Channel
  category_id: number | null
  status: Status
  status_raw: string
  is_anonim: Bit
  is_rahasia: Bit
  kecamatan_kode: string | null
  desa_kode: string | null
  lokasi_text: string | null
  lat: number | null
  lon: number | null
  unit_id: number | null
  submitted_at: number
  kejadian_at: number | null
  verified_at: number | null
  dispositioned_at: number | null
  first_response_at: number | null
  closed_at: number | null
  disposition_count: number
  updated_at: number
  upstream_updated_at: number | null
  last_tl_at: number | null
  last_reply_at: number | null
  first_unit_id: number | null
  upstream_version: number | null
}

export type ComplaintEventRow = {
  id: number
  complaint_id: number
  kind: EventKind
  at: number
  actor: string
  from_status: Status | null
  to_status: Status | null
  from_unit_id: number | null
  to_unit_id: number | null
  reason: string | null
  body: string | null
  upstream_id: string | null
}

export type ComplaintClaimRow = { complaint_id: number; user_id: number; claimed_at: number; expires_at: number }

export type AppUserRow = {
  id: number
  username: string
  nama: string
  role: Role
  unit_id: number | null
  is_active: Bit
  created_at: number
  password_hash: string | null
  password_changed_at: number | null
  kabupaten_json: string | null
}

export type AuditLogRow = {
  id: number
  at: number
  user_id: number | null
  username: string
  role: string
  action: string
  entity: string
  entity_id: string | null
  before_json: string | null
  after_json: string | null
  reason: string | null
  prev_hash: string
  hash: string
}

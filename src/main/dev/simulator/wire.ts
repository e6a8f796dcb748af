// The simulator's rows in the lapor-json wire format: upstream ids ('U12', 'K3', 'H881'), LAPOR!'s status strings,
// ISO times. The vocabulary tables are the connector's own (map.ts), inverted, so both sides cannot drift apart.
import type { Channel, Klasifikasi, Status } from '#shared/domain.ts'
import { STATUS_RAW } from '../demo/lifecycle.ts'
import { CHANNEL_FROM_WIRE, CLASSIFICATION_FROM_WIRE, KIND_FROM_WIRE, invert } from '#main/sync/connectors/lapor-json/map.ts'
import type { WireComplaint, WireHistory } from '#main/sync/connectors/lapor-json/contract.ts'
import type { SimComplaintRow, SimEventRow } from './store.ts'

const CHANNEL_TO_WIRE = invert(CHANNEL_FROM_WIRE)
const CLASSIFICATION_TO_WIRE = invert(CLASSIFICATION_FROM_WIRE)
const KIND_TO_WIRE = invert(KIND_FROM_WIRE)

export const unitWireId = (id: number) => `U${id}`
export const categoryWireId = (id: number) => `K${id}`
export const eventWireId = (id: number) => `H${id}`
export const fromWireId = (id: string, prefix: 'U' | 'K' | 'H'): number | null => (id.startsWith(prefix) && /^\d+$/.test(id.slice(1)) ? Number(id.slice(1)) : null)

const iso = (ms: number) => new Date(ms).toISOString()
const rawStatus = (s: string | null) => (s === null ? null : (STATUS_RAW[s as Status] ?? s))

export function toWire(c: SimComplaintRow, events: SimEventRow[]): WireComplaint {
  const history: WireHistory[] = []
  for (const e of events) {
    if (!(e.kind in KIND_TO_WIRE)) continue // a location tag is a local triage fact, not upstream history
    history.push({
      id: eventWireId(e.id),
      type: KIND_TO_WIRE[e.kind as keyof typeof KIND_TO_WIRE],
      at: iso(e.at),
      actor: e.actor,
      from_status: rawStatus(e.from_status),
      to_status: rawStatus(e.to_status),
      from_unit_id: e.from_unit_id === null ? null : unitWireId(e.from_unit_id),
      to_unit_id: e.to_unit_id === null ? null : unitWireId(e.to_unit_id),
      reason: e.reason,
      content: e.body,
      ...(e.client_id ? { client_id: e.client_id } : {}),
    })
  }
  return {
    tracking_id: c.tracking_id,
    version: c.upstream_version,
    created_at: iso(c.submitted_at),
    updated_at: iso(c.upstream_updated_at),
    incident_at: c.kejadian_at === null ? null : iso(c.kejadian_at),
    title: c.judul,
    content: c.isi,
    classification: CLASSIFICATION_TO_WIRE[c.klasifikasi as Klasifikasi],
    channel: CHANNEL_TO_WIRE[c.channel as Channel],
    category_id: c.category_id === null ? null : categoryWireId(c.category_id),
    status: c.status_raw,
    anonymous: c.is_anonim === 1,
    secret: c.is_rahasia === 1,
    location:
      c.kecamatan_kode || c.lokasi_text || c.lat !== null
        ? { district_code: c.kecamatan_kode, village_code: c.desa_kode, description: c.lokasi_text, lat: c.lat, lng: c.lon }
        : null,
    unit_id: c.unit_id === null ? null : unitWireId(c.unit_id),
    reporter: c.nama || c.nik || c.phone || c.email ? { name: c.nama, nik: c.nik, phone: c.phone, email: c.email } : null,
    history,
  }
}

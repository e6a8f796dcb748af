// The one place where the lapor-json contract meets our record: vocabulary tables and the record mapping.
// A real LAPOR! adapter is this file with its own field names: the engine, ingest and the store stay as they are.
import type { Channel, EventKind, Klasifikasi, Status } from '../../../../shared/domain.ts'
import { normaliseStatus, type UpstreamRecordInput } from '../../record.ts'
import { wireComplaintSchema, type WireHistory } from './contract.ts'
import { INDONESIAN, issuesText } from '../../messages.ts'

export const CHANNEL_FROM_WIRE: Record<string, Channel> = {
  web: 'web',
  sms: 'sms_1708',
  android: 'app_android',
  ios: 'app_ios',
  twitter: 'twitter',
  integrasi: 'integrasi_daerah',
  whatsapp: 'whatsapp_pemda',
  tatap_muka: 'tatap_muka',
  surat: 'surat',
  lapor_mas_wapres: 'setwapres',
}

export const CLASSIFICATION_FROM_WIRE: Record<string, Klasifikasi> = {
  Pengaduan: 'pengaduan',
  Aspirasi: 'aspirasi',
  'Permintaan Informasi': 'permintaan_informasi',
  'Whistle Blowing': 'whistle_blowing',
  Pengadaan: 'pengadaan',
}

export const KIND_FROM_WIRE: Record<WireHistory['type'], EventKind> = {
  submitted: 'submitted',
  status: 'status',
  disposition: 'disposition',
  tindak_lanjut: 'tindak_lanjut',
  reply: 'pelapor_reply',
  note: 'note',
}

/** Reverse of a table, for the simulator (which speaks the wire format from our vocabulary). */
export function invert<K extends string, V extends string>(table: Record<K, V>): Record<V, K> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k])) as Record<V, K>
}

/** Unit and category ids as the store knows them: the connector stores upstream ids on unit/category rows
 * (references.ts), so the record passes them through unchanged and ingest resolves them. */
export type MapResult = { ok: true; record: UpstreamRecordInput } | { ok: false; reason: string; trackingId: string | null }

export function mapComplaint(raw: unknown): MapResult {
  const parsed = wireComplaintSchema.safeParse(raw, INDONESIAN)
  const trackingId = raw && typeof raw === 'object' && 'tracking_id' in raw ? String((raw as { tracking_id: unknown }).tracking_id).slice(0, 100) : null
  if (!parsed.success) {
    return { ok: false, reason: `tidak sesuai kontrak lapor-json: ${issuesText(parsed.error)}`, trackingId }
  }
  const w = parsed.data
  const channel = CHANNEL_FROM_WIRE[w.channel]
  if (!channel) return { ok: false, reason: `channel: "${w.channel}" tidak dikenal`, trackingId }
  const klasifikasi = CLASSIFICATION_FROM_WIRE[w.classification]
  if (!klasifikasi) return { ok: false, reason: `classification: "${w.classification}" tidak dikenal`, trackingId }
  const status = (s: string | null | undefined, where: string): Status | null => {
    if (s == null) return null
    const n = normaliseStatus(s)
    if (!n) throw new MapError(`${where}: status "${s}" tidak dikenal`)
    return n
  }
  try {
    const record: UpstreamRecordInput = {
      tracking_id: w.tracking_id,
      version: w.version,
      updated_at: Date.parse(w.updated_at),
      submitted_at: Date.parse(w.created_at),
      kejadian_at: w.incident_at ? Date.parse(w.incident_at) : null,
      judul: w.title,
      isi: w.content,
      klasifikasi,
      channel,
      kategori: w.category_id ?? null,
      status_raw: w.status,
      status: status(w.status, 'status'),
      is_anonim: w.anonymous,
      is_rahasia: w.secret,
      location: w.location
        ? {
            kecamatan_kode: w.location.district_code ?? null,
            desa_kode: w.location.village_code ?? null,
            text: w.location.description ?? null,
            lat: w.location.lat ?? null,
            lon: w.location.lng ?? null,
          }
        : null,
      unit: w.unit_id ?? null,
      reporter: w.reporter ?? null,
      history: w.history.map((h, i) => ({
        upstream_id: h.id,
        kind: KIND_FROM_WIRE[h.type],
        at: Date.parse(h.at),
        actor: h.actor,
        from_status: status(h.from_status, `history.${i}.from_status`),
        to_status: status(h.to_status, `history.${i}.to_status`),
        from_unit: h.from_unit_id ?? null,
        to_unit: h.to_unit_id ?? null,
        reason: h.reason ?? null,
        body: h.content ?? null,
        client_id: h.client_id ?? null,
      })),
    }
    return { ok: true, record }
  } catch (err) {
    if (err instanceof MapError) return { ok: false, reason: err.message, trackingId }
    throw err
  }
}

class MapError extends Error {}

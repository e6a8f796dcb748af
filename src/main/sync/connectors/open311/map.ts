// One GeoReport v2 service request -> one normalised record. Open311 knows only open/closed, a free-text
// status_notes, the agency responsible and a point; it carries no reporter identity and no history, so the history
// here is what the request itself states: submitted, routed to the agency responsible (a request listed with an
// agency has been routed: that counts as its verification and disposition), the status note, and the close.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { HistoryEntry, UpstreamRecordInput } from '#main/sync/record.ts'
import type { IngestItem } from '#main/sync/ingest.ts'
import type { Open311Config } from './config.ts'
import { isClosed } from '#main/sync/milestones.ts'
import { Vocabulary } from '#main/sync/vocabulary.ts'

const BUILTIN = Vocabulary.builtin()

const text = z.string().nullish()
const stamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'bukan tanggal W3C/ISO 8601')

export const serviceRequestSchema = z.object({
  service_request_id: z.union([z.string().min(1), z.number()]).transform(String),
  // The standard knows open and closed; servers add their own ("investigating", "in_progress"). Every word is
  // kept (status_raw) and mapped through the vocabulary; none is a reason to refuse a request.
  status: z.string().trim().min(1, 'status Open311 kosong').max(100),
  status_notes: text,
  service_name: text,
  service_code: z.union([z.string(), z.number()]).transform(String).nullish(),
  description: text,
  agency_responsible: text,
  service_notice: text,
  requested_datetime: stamp,
  updated_datetime: stamp.nullish(),
  expected_datetime: stamp.nullish(),
  address: text,
  address_id: z.unknown().optional(),
  zipcode: z.unknown().optional(),
  lat: z.union([z.number(), z.string()]).nullish(),
  long: z.union([z.number(), z.string()]).nullish(),
  media_url: text,
})
export type ServiceRequest = z.infer<typeof serviceRequestSchema>

export type Open311Refs = {
  /** Category reference for a service, or null when unmapped. */
  category(code: string | null, name: string | null): string | null
  /** Unit reference for an agency, or null when unmapped. */
  unit(agency: string | null): string | null
}

function coord(v: number | string | null | undefined, limit: number): number | null {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(v)
  return Number.isFinite(n) && Math.abs(n) <= limit && n !== 0 ? n : null
}

function short(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + '…'
}

/** The mapped record, or why it cannot be one (the engine quarantines it with the raw payload). */
export function mapServiceRequest(raw: unknown, cfg: Open311Config, refs: Open311Refs, ref: string, vocab: Vocabulary = BUILTIN): IngestItem {
  const p = serviceRequestSchema.safeParse(raw)
  if (!p.success) {
    const reason = p.error.issues.slice(0, 4).map((i) => `${i.path.join('.') || 'permintaan'}: ${i.message}`).join('; ')
    const id = raw && typeof raw === 'object' && 'service_request_id' in raw ? String((raw as { service_request_id: unknown }).service_request_id) : undefined
    return { error: `Open311: ${reason}`, raw, ref, tracking_id: id }
  }
  const r = p.data
  const submittedAt = Date.parse(r.requested_datetime)
  const updatedAt = Math.max(submittedAt, r.updated_datetime ? Date.parse(r.updated_datetime) : submittedAt)
  // The source's own open/closed setting when it has one, else the vocabulary; a word the vocabulary does not
  // hold is mapped by open/closed semantics and shows as "status belum dipetakan" until the admin maps it.
  const status = vocab.open311Status(r.status, cfg.statuses ?? {}).value
  const closed = isClosed(status)
  const unit = refs.unit(r.agency_responsible ?? null)
  const service = r.service_name?.trim() || r.service_code || 'Permintaan layanan'
  const description = r.description?.trim() ?? ''
  const history: HistoryEntry[] = [{ upstream_id: 'requested', kind: 'submitted', at: submittedAt, actor: 'Pelapor' }]
  if (unit) history.push({ upstream_id: `agency:${unit}`, kind: 'disposition', at: submittedAt, actor: 'Open311', to_unit: unit })
  const notes = r.status_notes?.trim()
  if (notes) {
    // A note, not a tindak lanjut: status_notes explains the status, and servers often just repeat it, so taking
    // it for the agency's first response would invent response times. Keyed by content: the same note fetched
    // again is recognised, a changed note is a new entry.
    const key = createHash('sha256').update(notes).digest('hex').slice(0, 16)
    history.push({ upstream_id: `note:${key}`, kind: 'note', at: updatedAt, actor: r.agency_responsible?.trim() || 'Instansi', body: notes })
  }
  if (closed) history.push({ upstream_id: 'closed', kind: 'status', at: updatedAt, actor: r.agency_responsible?.trim() || 'Open311', to_status: status })
  const lat = coord(r.lat, 90)
  const lon = coord(r.long, 180)
  const record: UpstreamRecordInput = {
    tracking_id: r.service_request_id,
    updated_at: updatedAt,
    submitted_at: submittedAt,
    judul: short(r.address ? `${service} — ${r.address}` : service, 200),
    isi: [description || service, r.media_url ? `Lampiran: ${r.media_url}` : ''].filter(Boolean).join('\n\n'),
    klasifikasi: 'pengaduan',
    channel: cfg.channel,
    kategori: refs.category(r.service_code ?? null, r.service_name ?? null),
    status_raw: r.status,
    status,
    // Open311 requests are public by nature: the standard has no anonim/rahasia flags and no reporter identity.
    is_anonim: false,
    is_rahasia: false,
    location: { text: r.address ?? null, lat: lat !== null && lon !== null ? lat : null, lon: lat !== null && lon !== null ? lon : null },
    unit,
    history,
    milestones: closed ? { closed_at: updatedAt } : null,
  }
  return { record, raw, ref }
}

// The one place where the lapor-json contract meets our record: vocabulary tables and the record mapping.
// A real LAPOR! adapter is this file with its own field names: the engine, ingest and the store stay as they are.
import type { Channel, EventKind, Klasifikasi, Status } from '#shared/domain.ts'
import type { UpstreamRecordInput } from '#main/sync/record.ts'
import { Vocabulary } from '#main/sync/vocabulary.ts'
import type { WireHistory } from './contract.ts'

// The wire words below are what the simulator speaks (it inverts these tables); reading a record goes through the
// vocabulary (sync/vocabulary.ts), which holds every one of them and whatever the admin adds.
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

const BUILTIN = Vocabulary.builtin()
const ISO = /^\d{4}-\d{2}-\d{2}T/
const HISTORY_KIND: Readonly<Record<string, EventKind>> = KIND_FROM_WIRE

/**
 * One record of the feed onto ours. Checked by hand, field by field in the contract's own names, rather than with
 * the contract's zod schema: ingest validates the mapped record with its schema anyway, and two schema passes per
 * record were a third of the sync's time. The contract schema stays the reference (the fuzz test holds this
 * function to it).
 */
export function mapComplaint(raw: unknown, vocab: Vocabulary = BUILTIN): MapResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'tidak sesuai kontrak lapor-json: rekaman bukan objek', trackingId: null }
  const w = raw as Record<string, unknown>
  const trackingId = isId(w.tracking_id) ? String(w.tracking_id) : null
  const problems: string[] = []
  const bad = (path: string, why: string) => void problems.push(`${path}: ${why}`)
  const text = (v: unknown, path: string): string => {
    if (typeof v !== 'string') bad(path, v === undefined || v === null ? 'wajib diisi' : `harus teks, bukan ${kind(v)}`)
    return v as string
  }
  const optText = (v: unknown, path: string): string | null => (v === undefined || v === null ? null : text(v, path))
  const ref = (v: unknown, path: string): string | null => {
    if (v === undefined || v === null) return null
    if (!isId(v)) bad(path, typeof v === 'string' ? 'id harus 1–200 karakter' : `harus id teks, bukan ${kind(v)}`)
    return String(v)
  }
  const time = (v: unknown, path: string): number => {
    const t = typeof v === 'string' && ISO.test(v) ? Date.parse(v) : NaN
    if (Number.isNaN(t)) bad(path, v === undefined || v === null ? 'wajib diisi' : 'bukan waktu ISO 8601')
    return t
  }
  const status = (v: unknown, path: string, context?: string | null): Status | null => {
    if (v === undefined || v === null) return null
    const n = typeof v === 'string' ? (vocab.status(v, context)?.value ?? null) : null
    if (!n) bad(path, typeof v === 'string' ? `status "${v}" tidak dikenal` : `harus teks, bukan ${kind(v)}`)
    return n
  }
  const flag = (v: unknown, path: string): boolean => {
    if (typeof v !== 'boolean') bad(path, `harus true/false, bukan ${kind(v)}`)
    return v === true
  }
  const object = (v: unknown, path: string): Record<string, unknown> | null => {
    if (v === undefined || v === null) return null
    if (typeof v !== 'object' || Array.isArray(v)) bad(path, `harus objek, bukan ${kind(v)}`)
    return typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  }
  const num = (v: unknown, path: string): number | null => {
    if (v === undefined || v === null) return null
    if (typeof v !== 'number' || !Number.isFinite(v)) bad(path, `harus angka, bukan ${kind(v)}`)
    return v as number
  }

  if (trackingId === null || trackingId === '') bad('tracking_id', 'wajib diisi')
  if (typeof w.version !== 'number' || !Number.isSafeInteger(w.version) || w.version < 0) bad('version', 'harus bilangan bulat ≥ 0')
  const channel = typeof w.channel === 'string' ? vocab.channel(w.channel) : null
  if (!channel) bad('channel', `"${String(w.channel)}" tidak dikenal`)
  const klasifikasi = typeof w.classification === 'string' ? vocab.klasifikasi(w.classification) : null
  if (!klasifikasi) bad('classification', `"${String(w.classification)}" tidak dikenal`)
  const loc = object(w.location, 'location')
  const reporter = object(w.reporter, 'reporter')
  if (!Array.isArray(w.history)) bad('history', 'harus daftar')
  // Array.from: an array with holes (JSON cannot have them, a hand-built object can) is checked entry by entry too.
  const history = Array.from(Array.isArray(w.history) ? (w.history as unknown[]) : [], (h: unknown, i) => {
    const e = object(h, `history.${i}`) ?? (bad(`history.${i}`, 'harus objek'), {})
    const type = HISTORY_KIND[e.type as string]
    if (!type) bad(`history.${i}.type`, `"${String(e.type)}" tidak dikenal`)
    return {
      upstream_id: ref(e.id, `history.${i}.id`) ?? (bad(`history.${i}.id`, 'wajib diisi'), ''),
      kind: type,
      at: time(e.at, `history.${i}.at`),
      actor: text(e.actor, `history.${i}.actor`),
      from_status: status(e.from_status, `history.${i}.from_status`),
      to_status: status(e.to_status, `history.${i}.to_status`, typeof e.reason === 'string' ? e.reason : null),
      from_unit: ref(e.from_unit_id, `history.${i}.from_unit_id`),
      to_unit: ref(e.to_unit_id, `history.${i}.to_unit_id`),
      reason: optText(e.reason, `history.${i}.reason`),
      body: optText(e.content, `history.${i}.content`),
      client_id: optText(e.client_id, `history.${i}.client_id`),
    }
  })
  const record: UpstreamRecordInput = {
    tracking_id: trackingId ?? '',
    version: w.version as number,
    updated_at: time(w.updated_at, 'updated_at'),
    submitted_at: time(w.created_at, 'created_at'),
    kejadian_at: w.incident_at === undefined || w.incident_at === null ? null : time(w.incident_at, 'incident_at'),
    judul: text(w.title, 'title'),
    isi: text(w.content, 'content'),
    klasifikasi: klasifikasi as Klasifikasi,
    channel: channel as Channel,
    klasifikasi_raw: typeof w.classification === 'string' ? w.classification.slice(0, 100) : null,
    channel_raw: typeof w.channel === 'string' ? w.channel.slice(0, 100) : null,
    kategori: ref(w.category_id, 'category_id'),
    status_raw: text(w.status, 'status'),
    status: typeof w.status === 'string' ? (status(w.status, 'status', lastReason(w.history)) ?? undefined) : undefined,
    is_anonim: flag(w.anonymous, 'anonymous'),
    is_rahasia: flag(w.secret, 'secret'),
    location: loc && {
      kecamatan_kode: optText(loc.district_code, 'location.district_code'),
      desa_kode: optText(loc.village_code, 'location.village_code'),
      text: optText(loc.description, 'location.description'),
      lat: num(loc.lat, 'location.lat'),
      lon: num(loc.lng, 'location.lng'),
    },
    unit: ref(w.unit_id, 'unit_id'),
    reporter: reporter && {
      nama: optText(reporter.name, 'reporter.name'),
      nik: optText(reporter.nik, 'reporter.nik'),
      phone: optText(reporter.phone, 'reporter.phone'),
      email: optText(reporter.email, 'reporter.email'),
    },
    history,
  }
  if (problems.length) {
    // A status string we do not know is named as such, not as a breach of the contract.
    const head = problems.every((p) => p.includes('tidak dikenal')) ? '' : 'tidak sesuai kontrak lapor-json: '
    return { ok: false, reason: head + problems.slice(0, 5).join('; '), trackingId: trackingId?.slice(0, 100) ?? null }
  }
  return { ok: true, record }
}

/** The reason of the latest history entry that gives one: it may say to whom a complaint was returned. */
function lastReason(history: unknown): string | null {
  if (!Array.isArray(history)) return null
  let best: { at: string; reason: string } | null = null
  for (const h of history as unknown[]) {
    if (!h || typeof h !== 'object') continue
    const e = h as { at?: unknown; reason?: unknown }
    if (typeof e.reason === 'string' && e.reason && typeof e.at === 'string' && (!best || e.at >= best.at)) best = { at: e.at, reason: e.reason }
  }
  return best?.reason ?? null
}

/** Ids are strings of 1–200 characters or whole numbers (older LAPOR! tracking IDs are numeric). */
function isId(v: unknown): v is string | number {
  return (typeof v === 'string' && v.length > 0 && v.length <= 200) || (typeof v === 'number' && Number.isSafeInteger(v))
}

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'daftar' : typeof v === 'object' ? 'objek' : typeof v
}

// The normalised upstream complaint record: what every connector (lapor-json, open311, file import, manual entry)
// hands to ingestRecords (ingest.ts). A connector's only job is to map its source's shape onto this; everything
// after (validation, idempotent upsert, history dedupe, quarantine, aggregates) is shared.
//
// Conventions: times are integer milliseconds since the Unix epoch (UTC). Units and categories are referred to by a
// string reference that ingest resolves per kabupaten: first as the upstream id (unit.upstream_id /
// category.upstream_id), then as the local kode ('64.08/dinkes/yankes', 'jalan'). An unknown reference quarantines
// the record rather than guessing, so a connector must map its reference lists first.
import { z } from 'zod'
import { INDONESIAN, issuesText } from './messages.ts'
import { CHANNELS, EVENT_KINDS, KLASIFIKASI, STATUSES, type Status } from '#shared/domain.ts'
import { Vocabulary } from './vocabulary.ts'

// 2000-01-01: LAPOR! started in 2011, so anything earlier is a broken clock or a unit mix-up (seconds for ms).
const MIN_TIME = 946_684_800_000
const time = z.number().int('waktu harus bilangan bulat milidetik UTC').min(MIN_TIME, 'waktu sebelum tahun 2000 (detik, bukan milidetik?)')
const text = (max: number) => z.string().max(max, `teks lebih dari ${max} karakter`)
const ref = z.string().min(1).max(200)

/** One entry of a complaint's history. `upstream_id` must be unique within the complaint and stable upstream: it
 * is what stops a page fetched twice from duplicating history. */
export const historyEntrySchema = z.object({
  upstream_id: z.string().min(1, 'id riwayat kosong').max(200),
  kind: z.enum(EVENT_KINDS),
  at: time,
  actor: text(300),
  from_status: z.enum(STATUSES).nullish(),
  to_status: z.enum(STATUSES).nullish(),
  from_unit: ref.nullish(),
  to_unit: ref.nullish(),
  reason: text(20_000).nullish(),
  body: text(100_000).nullish(),
  /** Set when the entry is the upstream echo of one of our own write-back actions (sync_outbox.client_id):
   * the local entry already exists, so ingest does not add it twice. */
  client_id: z.string().max(100).nullish(),
})
export type HistoryEntry = z.infer<typeof historyEntrySchema>

export const reporterSchema = z.object({
  nama: text(300).nullish(),
  nik: text(32).nullish(),
  phone: text(64).nullish(),
  email: text(300).nullish(),
})
export type Reporter = z.infer<typeof reporterSchema>

export const locationSchema = z.object({
  kecamatan_kode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'kode kecamatan berbentuk NN.NN.NN').nullish(),
  desa_kode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode desa berbentuk NN.NN.NN.NNNN').nullish(),
  text: text(2000).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
})

export const upstreamRecordSchema = z
  .object({
    /** The identity of the complaint within its source (LAPOR!'s tracking ID, an Open311 service_request_id,
     * a row key of a file export). Unique per source. */
    tracking_id: z.string().min(1, 'tracking_id kosong').max(100),
    /** Ordering of versions of this record upstream: a record is applied only if it is newer than what we hold.
     * `version` (a counter) wins when both sides have one, otherwise `updated_at` decides. */
    version: z.number().int().min(0).nullish(),
    updated_at: time,
    submitted_at: time,
    kejadian_at: time.nullish(),
    judul: text(1000),
    isi: text(200_000),
    klasifikasi: z.enum(KLASIFIKASI),
    channel: z.enum(CHANNELS),
    /** The words the source used for them, kept so that a vocabulary change can remap stored complaints. */
    klasifikasi_raw: z.string().max(100).nullish(),
    channel_raw: z.string().max(100).nullish(),
    /** Category reference (upstream id or local kode); null when the upstream has none. */
    kategori: ref.nullish(),
    /** The upstream's own status string, kept verbatim; `status` is its normalised value (see normaliseStatus). */
    status_raw: z.string().min(1, 'status kosong').max(100),
    status: z.enum(STATUSES).nullish(),
    is_anonim: z.boolean(),
    is_rahasia: z.boolean(),
    location: locationSchema.nullish(),
    /** Unit holding the complaint now; when absent, the target of the last disposition in `history`. */
    unit: ref.nullish(),
    /** Personal data: stored apart from the complaint (reporter table) and masked by privacy/mask.ts. */
    reporter: reporterSchema.nullish(),
    /** History in any order; entries we already hold are recognised by upstream_id. May be empty (Open311). */
    history: z.array(historyEntrySchema).max(10_000).default([]),
    /** Milestones the source states outright (a file export's "tanggal disposisi" column, Open311's closed time).
     * When absent they are derived from the history. */
    milestones: z
      .object({
        verified_at: time.nullish(),
        dispositioned_at: time.nullish(),
        first_response_at: time.nullish(),
        closed_at: time.nullish(),
      })
      .nullish(),
  })
  .superRefine((r, ctx) => {
    if (r.updated_at < r.submitted_at) ctx.addIssue({ code: 'custom', path: ['updated_at'], message: 'updated_at sebelum submitted_at' })
    if (r.status == null && normaliseStatus(r.status_raw) == null) {
      ctx.addIssue({ code: 'custom', path: ['status_raw'], message: `status "${r.status_raw}" tidak dikenal` })
    }
    const seen = new Set<string>()
    r.history.forEach((e, i) => {
      if (seen.has(e.upstream_id)) ctx.addIssue({ code: 'custom', path: ['history', i, 'upstream_id'], message: `id riwayat ${e.upstream_id} ganda` })
      seen.add(e.upstream_id)
    })
  })
export type UpstreamRecord = z.infer<typeof upstreamRecordSchema>
/** What a connector builds (history may be left out). */
export type UpstreamRecordInput = z.input<typeof upstreamRecordSchema>

// Status words are the vocabulary's (vocabulary.ts). Connectors map with the store's table and set `status`; a
// record that leaves it out is read here with the built-in words (the table's seed).
const BUILTIN = Vocabulary.builtin()

/** The normalised status of an upstream status string, or null if it is not one we know. */
export function normaliseStatus(raw: string): Status | null {
  return BUILTIN.status(raw)?.value ?? null
}

/** Validates one mapped record: the record, or the reasons in the user's terms (what, where). */
export function parseRecord(input: unknown): { ok: true; record: UpstreamRecord } | { ok: false; reason: string } {
  // Most records are fine: a hand-written check of the same rules answers those several times faster than the
  // schema (it was a fifth of a sync's time). Anything it does not pass goes through the schema, which is the
  // definition and words the reason. The fuzz test holds the two to agreement.
  if (isPlainValid(input)) return { ok: true, record: (input.history === undefined ? { ...input, history: [] } : input) as UpstreamRecord }
  const r = upstreamRecordSchema.safeParse(input, INDONESIAN)
  return r.success ? { ok: true, record: r.data } : { ok: false, reason: issuesText(r.error) }
}

const KLASIFIKASI_SET: ReadonlySet<unknown> = new Set(KLASIFIKASI)
const CHANNEL_SET: ReadonlySet<unknown> = new Set(CHANNELS)
const STATUS_SET: ReadonlySet<unknown> = new Set(STATUSES)
const KIND_SET: ReadonlySet<unknown> = new Set(EVENT_KINDS)
const KEC = /^\d{2}\.\d{2}\.\d{2}$/
const DESA = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const absent = (v: unknown) => v === undefined || v === null
const str = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max
const optStr = (v: unknown, max: number) => absent(v) || str(v, 0, max)
const optRef = (v: unknown) => absent(v) || str(v, 1, 200)
const isTime = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= MIN_TIME
const optTime = (v: unknown) => absent(v) || isTime(v)
const optNum = (v: unknown, lo: number, hi: number) => absent(v) || (typeof v === 'number' && v >= lo && v <= hi)

/** True only for records the schema accepts unchanged (the schema decides every other case). */
function isPlainValid(r: unknown): r is UpstreamRecordInput {
  if (!isObj(r)) return false
  if (!str(r.tracking_id, 1, 100) || !isTime(r.updated_at) || !isTime(r.submitted_at) || (r.updated_at as number) < (r.submitted_at as number)) return false
  if (!absent(r.version) && !(typeof r.version === 'number' && Number.isSafeInteger(r.version) && r.version >= 0)) return false
  if (!optTime(r.kejadian_at) || !str(r.judul, 0, 1000) || !str(r.isi, 0, 200_000)) return false
  if (!KLASIFIKASI_SET.has(r.klasifikasi) || !CHANNEL_SET.has(r.channel) || !optRef(r.kategori) || !optRef(r.unit)) return false
  if (!str(r.status_raw, 1, 100) || !optStr(r.channel_raw, 100) || !optStr(r.klasifikasi_raw, 100)) return false
  if (absent(r.status) ? normaliseStatus(r.status_raw as string) === null : !STATUS_SET.has(r.status)) return false
  if (typeof r.is_anonim !== 'boolean' || typeof r.is_rahasia !== 'boolean') return false
  const l = r.location
  if (!absent(l)) {
    if (!isObj(l)) return false
    if (!(absent(l.kecamatan_kode) || (typeof l.kecamatan_kode === 'string' && KEC.test(l.kecamatan_kode)))) return false
    if (!(absent(l.desa_kode) || (typeof l.desa_kode === 'string' && DESA.test(l.desa_kode)))) return false
    if (!optStr(l.text, 2000) || !optNum(l.lat, -90, 90) || !optNum(l.lon, -180, 180)) return false
  }
  const p = r.reporter
  if (!absent(p) && !(isObj(p) && optStr(p.nama, 300) && optStr(p.nik, 32) && optStr(p.phone, 64) && optStr(p.email, 300))) return false
  const m = r.milestones
  if (!absent(m) && !(isObj(m) && optTime(m.verified_at) && optTime(m.dispositioned_at) && optTime(m.first_response_at) && optTime(m.closed_at))) return false
  if (r.history === undefined) return true
  if (!Array.isArray(r.history) || r.history.length > 10_000) return false
  const seen = new Set<unknown>()
  for (let i = 0; i < r.history.length; i++) {
    const e: unknown = r.history[i]
    if (!isObj(e) || !str(e.upstream_id, 1, 200) || seen.has(e.upstream_id)) return false
    seen.add(e.upstream_id)
    if (!KIND_SET.has(e.kind) || !isTime(e.at) || !str(e.actor, 0, 300)) return false
    if (!(absent(e.from_status) || STATUS_SET.has(e.from_status)) || !(absent(e.to_status) || STATUS_SET.has(e.to_status))) return false
    if (!optRef(e.from_unit) || !optRef(e.to_unit) || !optStr(e.reason, 20_000) || !optStr(e.body, 100_000) || !optStr(e.client_id, 100)) return false
  }
  return true
}

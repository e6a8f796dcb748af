// The lapor-json wire contract (docs/lapor-json.md), as zod schemas: what the upstream sends and accepts.
// Shaped after what is public about LAPOR!'s integration API (token-authenticated JSON, topic lists, tracking IDs);
// a real LAPOR! adapter maps onto this, or onto map.ts directly. The simulator speaks it too.
import { z } from 'zod'

export const API_PREFIX = '/api/v1'
export const MAX_LIMIT = 5000
export const DEFAULT_LIMIT = 1000

const iso = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'bukan waktu ISO 8601')
const id = z.union([z.string().min(1).max(200), z.number().int()]).transform(String)

export const wireInstansiSchema = z.object({
  id,
  name: z.string(),
  kabupaten_code: z.string(),
  time_zone: z.string().optional(),
})
export type WireInstansi = z.infer<typeof wireInstansiSchema>

export const wireCategorySchema = z.object({ id, parent_id: id.nullish(), name: z.string().min(1) })
export type WireCategory = z.input<typeof wireCategorySchema>

export const UNIT_KINDS_WIRE = ['pemkab', 'opd', 'bidang', 'upt', 'kecamatan', 'desa'] as const
export const wireUnitSchema = z.object({
  id,
  parent_id: id.nullish(),
  name: z.string().min(1),
  short_name: z.string().nullish(),
  kind: z.enum(UNIT_KINDS_WIRE).catch('opd'),
  /** Kemendagri code for kecamatan and desa offices. */
  region_code: z.string().nullish(),
})
export type WireUnit = z.input<typeof wireUnitSchema>

export const HISTORY_TYPES = ['submitted', 'status', 'disposition', 'tindak_lanjut', 'reply', 'note'] as const
export const wireHistorySchema = z.object({
  id,
  type: z.enum(HISTORY_TYPES),
  at: iso,
  actor: z.string(),
  from_status: z.string().nullish(),
  to_status: z.string().nullish(),
  from_unit_id: id.nullish(),
  to_unit_id: id.nullish(),
  reason: z.string().nullish(),
  content: z.string().nullish(),
  client_id: z.string().nullish(),
})
export type WireHistory = z.input<typeof wireHistorySchema>

export const CLASSIFICATIONS = ['Pengaduan', 'Aspirasi', 'Permintaan Informasi', 'Whistle Blowing', 'Pengadaan'] as const
export const WIRE_CHANNELS = ['web', 'sms', 'android', 'ios', 'twitter', 'integrasi', 'whatsapp', 'tatap_muka', 'surat', 'lapor_mas_wapres'] as const

export const wireComplaintSchema = z.object({
  tracking_id: id,
  version: z.number().int().min(0),
  created_at: iso,
  updated_at: iso,
  incident_at: iso.nullish(),
  title: z.string(),
  content: z.string(),
  classification: z.string(),
  channel: z.string(),
  category_id: id.nullish(),
  status: z.string().min(1),
  anonymous: z.boolean(),
  secret: z.boolean(),
  location: z
    .object({
      district_code: z.string().nullish(),
      village_code: z.string().nullish(),
      description: z.string().nullish(),
      lat: z.number().nullish(),
      lng: z.number().nullish(),
    })
    .nullish(),
  unit_id: id.nullish(),
  reporter: z.object({ name: z.string().nullish(), nik: z.string().nullish(), phone: z.string().nullish(), email: z.string().nullish() }).nullish(),
  history: z.array(wireHistorySchema),
})
export type WireComplaint = z.input<typeof wireComplaintSchema>

/** A page of the changes feed. Records are ordered by (updated_at, tracking_id); `next_cursor` continues after
 * the last one. A record changed while a client pages moves behind the cursor and comes again, newer. */
export const wirePageSchema = z.object({
  data: z.array(z.unknown()),
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
  /** Records after this page at the time of the request, for progress (optional). */
  remaining: z.number().int().min(0).nullish(),
})
export type WirePage = z.infer<typeof wirePageSchema>

export const WRITE_ACTIONS = ['verify', 'disposition', 'tunda', 'bukan_wewenang', 'arsip', 'tindak_lanjut', 'note'] as const
export type WriteAction = (typeof WRITE_ACTIONS)[number]

export const wireActionSchema = z.object({
  client_id: z.string().min(8).max(100),
  /** Version the official saw; null forces the action over whatever changed meanwhile. */
  base_version: z.number().int().nullable(),
  action: z.enum(WRITE_ACTIONS),
  unit_id: id.nullish(),
  reason: z.string().max(20_000).nullish(),
  content: z.string().max(100_000).nullish(),
  actor: z.string().max(300),
  at: iso,
})
export type WireAction = z.input<typeof wireActionSchema>

export const wireActionResultSchema = z.object({
  data: z.object({ client_id: z.string(), tracking_id: id, version: z.number().int(), history_id: id, duplicate: z.boolean() }),
})
export type WireActionResult = z.infer<typeof wireActionResultSchema>

/** Every error body: `{ "error": { "code", "message", ... } }`. */
export const wireErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retry_after_s: z.number().nullish(),
    current_version: z.number().int().nullish(),
  }),
})
export type WireError = z.infer<typeof wireErrorSchema>

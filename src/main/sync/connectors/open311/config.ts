// Settings of an Open311 source, stored per source in sync_source.config_json (no secrets: GeoReport v2 reads
// need no key). The service and agency tables are the mapping the issue asks to be configurable: a city's
// service codes and agency names mean nothing to our category tree and OPD list until someone says so.
import { z } from 'zod'
import { CHANNELS, STATUSES } from '#shared/domain.ts'
import { MAX_WINDOW_DAYS } from './windows.ts'

export const open311ConfigSchema = z.object({
  /** The endpoint base, e.g. http://127.0.0.1:5181/open311/v2 (services.json and requests.json live under it). */
  baseUrl: z.url('alamat server Open311 tidak sah'),
  jurisdictionId: z.string().min(1).max(200).optional(),
  /** Where history starts on the first run (local dates are fine: YYYY-MM-DD is read as UTC midnight). */
  since: z.iso.date().default('2020-01-01'),
  windowDays: z.number().int().min(1).max(MAX_WINDOW_DAYS).default(MAX_WINDOW_DAYS),
  /** The server's result cap: a window returning this many is split. */
  maxResults: z.number().int().min(2).max(100_000).default(1000),
  /** GeoReport v2 has no "updated since": each run reads the last N days again to catch status changes. */
  lookbackDays: z.number().int().min(0).max(365).default(30),
  /** service_code -> category reference (upstream id or local kode). Unmapped codes are matched by name. */
  services: z.record(z.string(), z.string().min(1)).default({}),
  /** agency_responsible -> unit reference (upstream id or local kode, e.g. '64.08/dinkes'). */
  agencies: z.record(z.string(), z.string().min(1)).default({}),
  /** What open/closed mean for this source, when it differs from the vocabulary (Pengaturan → Kosakata status &
   * kanal: open → belum_ditindaklanjuti, closed → selesai). Other words are always the vocabulary's. */
  statuses: z.object({ open: z.enum(STATUSES).optional(), closed: z.enum(STATUSES).optional() }).optional(),
  channel: z.enum(CHANNELS).default('integrasi_daerah'),
})
export type Open311Config = z.infer<typeof open311ConfigSchema>

/** The cursor kept in sync_source.cursor: how far history has been read. */
export const open311CursorSchema = z.object({ walkedUntil: z.number().int() })
export type Open311Cursor = z.infer<typeof open311CursorSchema>

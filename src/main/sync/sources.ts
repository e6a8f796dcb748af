// Sync sources: where complaints come from (sync_source rows) and their settings. Secrets (API tokens) live in
// sync_source_secret and leave this module only through tokenOf, never in a listing, a log line or an error.
import { z } from 'zod'
import type { Db } from '../store/open.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'

export const SOURCE_KINDS = ['lapor-json', 'open311', 'file', 'manual'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

// Names become complaint.source, which 'demo' and 'local' already use for generated and hand-made rows.
const RESERVED = new Set(['demo', 'local'])

export const sourceInputSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, 'nama sumber: 2–40 huruf kecil, angka, - atau _')
    .refine((n) => !RESERVED.has(n), 'nama sumber "demo" dan "local" sudah dipakai aplikasi'),
  kind: z.enum(SOURCE_KINDS),
  kabupaten: kabupatenKodeSchema,
  /** Connector settings shown in the app (base URL, page size, mappings): never a secret. */
  config: z.record(z.string(), z.unknown()).default({}),
  token: z.string().min(1).max(4096).nullish(),
  scheduleMinutes: z.number().int().min(1).max(10080).nullish(),
  isWriteback: z.boolean().default(false),
  isEnabled: z.boolean().default(true),
})
export type SourceInput = z.input<typeof sourceInputSchema>

export type SourceRow = {
  id: number
  name: string
  kind: SourceKind
  kabupaten_kode: string
  config_json: string
  is_enabled: 0 | 1
  cursor: string | null
  last_synced_at: number | null
  schedule_minutes: number | null
  is_writeback: 0 | 1
  created_at: number
}

/** Adds a source or updates the one with that name; the token is replaced only when given. */
export function saveSource(db: Db, input: SourceInput, now = Date.now()): SourceRow {
  const s = sourceInputSchema.parse(input)
  return db.transaction(() => {
    const kab = db.prepare('SELECT 1 FROM kabupaten WHERE kode = ?').get(s.kabupaten)
    if (!kab) throw new Error(`kabupaten ${s.kabupaten} belum ada di berkas data`)
    db.prepare(
      `INSERT INTO sync_source (name, kind, kabupaten_kode, config_json, is_enabled, schedule_minutes, is_writeback, created_at)
       VALUES (@name, @kind, @kab, @config, @enabled, @schedule, @writeback, @now)
       ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, kabupaten_kode = excluded.kabupaten_kode, config_json = excluded.config_json,
         is_enabled = excluded.is_enabled, schedule_minutes = excluded.schedule_minutes, is_writeback = excluded.is_writeback`,
    ).run({
      name: s.name,
      kind: s.kind,
      kab: s.kabupaten,
      config: JSON.stringify(s.config),
      enabled: s.isEnabled ? 1 : 0,
      schedule: s.scheduleMinutes ?? null,
      writeback: s.isWriteback ? 1 : 0,
      now,
    })
    const row = sourceByName(db, s.name)!
    if (s.token) {
      db.prepare('INSERT INTO sync_source_secret (source_id, token) VALUES (?, ?) ON CONFLICT(source_id) DO UPDATE SET token = excluded.token').run(row.id, s.token)
    }
    return row
  }).immediate()
}

/** The source for a connector that has no settings of its own (file import, manual entry), made on first use. */
export function ensureSource(db: Db, name: string, kind: SourceKind, kabupaten: string): SourceRow {
  return sourceByName(db, name) ?? saveSource(db, { name, kind, kabupaten })
}

export function sourceByName(db: Db, name: string): SourceRow | null {
  return (db.prepare('SELECT * FROM sync_source WHERE name = ?').get(name) as SourceRow | undefined) ?? null
}

export function sourceById(db: Db, id: number): SourceRow | null {
  return (db.prepare('SELECT * FROM sync_source WHERE id = ?').get(id) as SourceRow | undefined) ?? null
}

export function listSources(db: Db): (SourceRow & { has_token: 0 | 1 })[] {
  return db
    .prepare('SELECT s.*, (t.token IS NOT NULL) AS has_token FROM sync_source s LEFT JOIN sync_source_secret t ON t.source_id = s.id ORDER BY s.name')
    .all() as (SourceRow & { has_token: 0 | 1 })[]
}

export function tokenOf(db: Db, sourceId: number): string | null {
  return (db.prepare('SELECT token FROM sync_source_secret WHERE source_id = ?').pluck().get(sourceId) as string | undefined) ?? null
}

export function configOf<T>(row: SourceRow, schema: z.ZodType<T>): T {
  const r = schema.safeParse(JSON.parse(row.config_json))
  if (!r.success) throw new Error(`pengaturan sumber ${row.name} tidak sah: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return r.data
}

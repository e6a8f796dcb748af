// An Open311 source's settings beyond its address: jurisdiction, history start, windows, and the mapping of
// service codes to categories and agencies to units. Stored in the source's config_json (no secrets there);
// a change is validated whole before it is saved, and audited.
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appendAudit } from '#main/audit/log.ts'
import { configOf, saveSource, sourceByName, type SourceRow } from '#main/sync/sources.ts'
import { open311ConfigSchema, type Open311Config } from './config.ts'
import { fetchServices } from './connector.ts'
import type { GetJson } from './http.ts'
import { open311Refs } from './refs.ts'

function open311Source(db: Db, name: string): SourceRow {
  const s = sourceByName(db, name)
  if (!s) throw new Error(`sumber ${name} tidak ada`)
  if (s.kind !== 'open311') throw new Error(`sumber ${name} berjenis ${s.kind}, bukan open311`)
  return s
}

export function open311Settings(db: Db, name: string): Open311Config {
  return configOf(open311Source(db, name), open311ConfigSchema)
}

/** Merges `changes` into the stored settings (a mapping table given replaces the stored one). */
export function saveOpen311Settings(db: Db, user: SessionUser, name: string, changes: unknown): Open311Config {
  const source = open311Source(db, name)
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) throw new Error('pengaturan Open311 harus objek JSON')
  const before = JSON.parse(source.config_json) as Record<string, unknown>
  // Strict: a misspelt key ("agency") is an error, not a setting silently ignored.
  const parsed = open311ConfigSchema.strict().safeParse({ ...before, ...changes })
  if (!parsed.success) throw new Error(`pengaturan Open311 tidak sah: ${parsed.error.issues.map((i) => `${i.path.join('.') || i.message}: ${i.message}`).join('; ')}`)
  const after = parsed.data
  return db.transaction(() => {
    saveSource(db, {
      name: source.name,
      kind: 'open311',
      kabupaten: source.kabupaten_kode,
      config: after,
      scheduleMinutes: source.schedule_minutes,
      isWriteback: source.is_writeback === 1,
      isEnabled: source.is_enabled === 1,
    })
    appendAudit(db, user, { action: 'sync.source.open311', entity: 'sync_source', entityId: source.id, before, after })
    return after
  }).immediate()
}

export type ServiceMapping = { service_code: string; service_name: string; category: string | null; how: 'tabel' | 'nama' | null }

/** The server's services with the category each maps to, and how (the source's table, or matched by name). */
export async function serviceMappings(db: Db, name: string, getJson: GetJson): Promise<ServiceMapping[]> {
  const source = open311Source(db, name)
  const cfg = configOf(source, open311ConfigSchema)
  const refs = open311Refs(db, source.kabupaten_kode, cfg)
  return (await fetchServices(cfg, getJson)).map((s) => {
    const category = refs.category(s.service_code, s.service_name)
    return { ...s, category, how: cfg.services[s.service_code] ? 'tabel' : category ? 'nama' : null }
  })
}

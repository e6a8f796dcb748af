// Saved column mappings (import_mapping): a layout no preset knows, mapped once by an admin and reused by name.
import type { Db } from '../store/open.ts'
import { mappingSchema, type ImportMapping, type ImportMappingInput } from './fields.ts'
import type { SessionUser } from '../users/session.ts'
import { assertKabupaten, inScope } from '../users/scope.ts'
import { DomainError } from '../errors.ts'

export type SavedMapping = { id: number; name: string; kabupaten_kode: string | null; mapping: ImportMapping; created_by: string; updated_at: number }

type Row = { id: number; name: string; kabupaten_kode: string | null; mapping_json: string; created_by: string; updated_at: number }

function fromRow(r: Row): SavedMapping {
  return { id: r.id, name: r.name, kabupaten_kode: r.kabupaten_kode, mapping: mappingSchema.parse(JSON.parse(r.mapping_json)), created_by: r.created_by, updated_at: r.updated_at }
}

export function saveMapping(db: Db, input: { name: string; kabupaten: string | null; mapping: ImportMappingInput }, by: string, now = Date.now()): SavedMapping {
  const mapping = mappingSchema.parse(input.mapping)
  db.prepare(
    `INSERT INTO import_mapping (name, kabupaten_kode, mapping_json, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET kabupaten_kode = excluded.kabupaten_kode, mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
  ).run(input.name, input.kabupaten, JSON.stringify(mapping), by, now, now)
  return mappingByName(db, input.name)!
}

export function mappingByName(db: Db, name: string): SavedMapping | null {
  const r = db.prepare('SELECT id, name, kabupaten_kode, mapping_json, created_by, updated_at FROM import_mapping WHERE name = ?').get(name) as Row | undefined
  return r ? fromRow(r) : null
}

export function listMappings(db: Db, kabupaten?: string): SavedMapping[] {
  const rows = db
    .prepare('SELECT id, name, kabupaten_kode, mapping_json, created_by, updated_at FROM import_mapping WHERE ? IS NULL OR kabupaten_kode IS NULL OR kabupaten_kode = ? ORDER BY name')
    .all(kabupaten ?? null, kabupaten ?? null) as Row[]
  return rows.map(fromRow)
}

export function deleteMapping(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM import_mapping WHERE name = ?').run(name).changes > 0
}

/** A profile limited to some kabupaten saves and deletes only mappings of its own kabupaten: not one for every
 *  kabupaten (null), and not, by reusing its name, one of another kabupaten or of all. */
export function assertMappingInScope(db: Db, user: Pick<SessionUser, 'username' | 'kabupaten'>, name: string, kabupaten?: string | null): void {
  if (!user.kabupaten) return
  if (kabupaten === null) {
    throw new DomainError('FORBIDDEN', `Profil ${user.username} hanya untuk kabupaten ${user.kabupaten.join(', ')}: pemetaan impor harus untuk kabupaten itu, bukan untuk semua kabupaten`)
  }
  if (kabupaten !== undefined) assertKabupaten(user, kabupaten)
  const existing = mappingByName(db, name)
  if (existing && (existing.kabupaten_kode === null || !inScope(user, existing.kabupaten_kode))) {
    throw new DomainError('FORBIDDEN', `Profil ${user.username} tidak berwenang atas pemetaan impor "${name}" (milik kabupaten lain atau semua kabupaten)`)
  }
}

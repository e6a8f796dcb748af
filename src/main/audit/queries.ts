// Browsing the audit log, newest first, filtered by action, user, complaint and time.
import type { Db } from '../store/open.ts'
import type { AuditLogRow } from '../store/rows.ts'
import type { Role } from '#shared/roles.ts'
import { auditRowsFor } from './privacy.ts'

export type AuditFilter = { action?: string; username?: string; entityId?: string; from?: number; to?: number; beforeId?: number; limit: number }

/** An audit_log row without its hash chain (user_id, prev_hash, hash), as the browser lists it. */
export type AuditListRow = Omit<AuditLogRow, 'user_id' | 'prev_hash' | 'hash'>

/** The kabupaten an entry is about, from what it names (a complaint, a sync source or outbox row, a day off, a
 *  mapping, a briefing, an export's request); NULL for what concerns the whole store (profiles, settings, backups,
 *  national days off). */
const ENTRY_KABUPATEN = `CASE entity
  WHEN 'complaint' THEN (SELECT kabupaten_kode FROM complaint WHERE id = CAST(entity_id AS INTEGER))
  WHEN 'sync_source' THEN (SELECT kabupaten_kode FROM sync_source WHERE id = CAST(entity_id AS INTEGER) OR name = entity_id)
  WHEN 'sync_outbox' THEN (SELECT s.kabupaten_kode FROM sync_outbox o JOIN sync_source s ON s.id = o.source_id WHERE o.id = CAST(entity_id AS INTEGER))
  WHEN 'calendar_day_off' THEN (SELECT kabupaten_kode FROM calendar_day_off WHERE id = CAST(entity_id AS INTEGER))
  WHEN 'import_mapping' THEN (SELECT kabupaten_kode FROM import_mapping WHERE name = entity_id)
  WHEN 'routing_model' THEN entity_id
  WHEN 'deadline_rule' THEN entity_id
  WHEN 'briefing' THEN substr(entity_id, 1, 5)
  WHEN 'export' THEN json_extract(after_json, '$.request.kabupaten')
END`

/** Who reads: a profile limited to some kabupaten (`kabupaten`) sees the entries about those and its own actions. */
export type AuditReader = { role: Role; username: string; kabupaten: readonly string[] | null }

/** Newest first, as `reader` may read them: texts about a complaint masked as its detail pane would show them. */
export function listAudit(db: Db, f: AuditFilter, reader: AuditReader): AuditListRow[] {
  const role = reader.role
  const where: string[] = []
  const scope: Record<string, string> = {}
  if (reader.kabupaten) {
    reader.kabupaten.forEach((k, i) => (scope[`kab${i}`] = k))
    const list = reader.kabupaten.map((_, i) => `@kab${i}`).join(', ')
    scope.self = reader.username
    // sql-vetted: ENTRY_KABUPATEN is a constant expression; the list is @parameters only
    where.push(`(username = @self OR (${ENTRY_KABUPATEN}) IN (${list}))`)
  }
  if (f.action) where.push('action = @action')
  if (f.username) where.push('username = @username')
  if (f.entityId) where.push('entity_id = @entityId')
  if (f.from !== undefined) where.push('at >= @from')
  if (f.to !== undefined) where.push('at < @to')
  if (f.beforeId !== undefined) where.push('id < @beforeId')
  // sql-vetted: WHERE is joined from the fixed fragments above; every value is a @parameter
  const rows = db
    .prepare(
      `SELECT id, at, username, role, action, entity, entity_id, before_json, after_json, reason FROM audit_log
       ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`,
    )
    .all({ ...f, ...scope }) as AuditListRow[]
  return auditRowsFor(db, role, rows)
}

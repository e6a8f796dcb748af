// Browsing the audit log, newest first, filtered by action, user, complaint and time.
import type { Db } from '../store/open.ts'
import type { AuditLogRow } from '../store/rows.ts'
import type { Role } from '#shared/roles.ts'
import { auditRowsFor } from './privacy.ts'

export type AuditFilter = { action?: string; username?: string; entityId?: string; from?: number; to?: number; beforeId?: number; limit: number }

/** An audit_log row without its hash chain (user_id, prev_hash, hash), as the browser lists it. */
export type AuditListRow = Omit<AuditLogRow, 'user_id' | 'prev_hash' | 'hash'>

/** Newest first, as `role` may read them: texts about a complaint masked as its detail pane would show them. */
export function listAudit(db: Db, f: AuditFilter, role: Role): AuditListRow[] {
  const where: string[] = []
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
    .all({ ...f }) as AuditListRow[]
  return auditRowsFor(db, role, rows)
}

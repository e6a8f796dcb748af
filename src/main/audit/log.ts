// The audit log of local actions: who did what, before and after, why, when. The table refuses updates and
// deletes (0001_init.sql), and each entry carries a SHA-256 over its content and the previous entry's hash, so a
// row edited or removed outside the app (e.g. with the sqlite3 shell after dropping the triggers) is detected.
import { createHash } from 'node:crypto'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { AuditLogRow } from '../store/rows.ts'
import { withoutIdentity } from './privacy.ts'

export type AuditEntry = {
  action: string
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
  reason?: string | null
}

function hashOf(r: Omit<AuditLogRow, 'id' | 'hash'>): string {
  const content = [r.prev_hash, r.at, r.user_id, r.username, r.role, r.action, r.entity, r.entity_id, r.before_json, r.after_json, r.reason]
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}

/** Appends one entry; call it inside the transaction that makes the change, so both land or neither. */
export function appendAudit(db: Db, user: SessionUser, entry: AuditEntry, at = Date.now()): number {
  // An entry about a complaint never stores its reporter's identity (audit/privacy.ts).
  const e = withoutIdentity(db, entry.entity, entry.entityId, entry)
  const prev = (db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? ''
  const row = {
    at,
    user_id: user.id,
    username: user.username,
    role: user.role,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId === undefined || e.entityId === null ? null : String(e.entityId),
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
    reason: e.reason ?? null,
    prev_hash: prev,
  }
  return Number(
    db
      .prepare(
        `INSERT INTO audit_log (at, user_id, username, role, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
         VALUES (@at, @user_id, @username, @role, @action, @entity, @entity_id, @before_json, @after_json, @reason, @prev_hash, @hash)`,
      )
      .run({ ...row, hash: hashOf(row) }).lastInsertRowid,
  )
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string }

export function verifyAuditChain(db: Db): ChainCheck {
  let prev = ''
  let entries = 0
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditLogRow>) {
    entries++
    if (r.prev_hash !== prev) return { ok: false, entries, brokenAt: r.id, problem: 'rantai terputus: entri sebelumnya hilang atau diubah' }
    const { id: _id, hash, ...content } = r
    if (hashOf(content) !== hash) return { ok: false, entries, brokenAt: r.id, problem: 'isi entri tidak cocok dengan hash-nya' }
    prev = hash
  }
  return { ok: true, entries }
}

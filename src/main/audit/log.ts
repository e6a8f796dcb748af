// The audit log of local actions: who did what, before and after, why, when. The table refuses updates, deletes
// and replacing inserts (0001_init.sql, 0015_audit_no_replace.sql), and each entry carries an HMAC-SHA256, under a
// key kept outside the store (audit/key.ts), over its content and the previous entry's hash, so a row edited,
// removed or re-chained outside the app (e.g. with the sqlite3 shell after dropping the triggers) is detected.
// Entries written before the store had a key keep their plain SHA-256 and are checked by that formula.
import { createHash, createHmac } from 'node:crypto'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { AuditLogRow } from '../store/rows.ts'
import { withoutIdentity } from './privacy.ts'
import { anchorAuditHead, auditKey, type AuditKey } from './key.ts'

export type AuditEntry = {
  action: string
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
  reason?: string | null
}

function contentOf(r: Omit<AuditLogRow, 'id' | 'hash'>): string {
  return JSON.stringify([r.prev_hash, r.at, r.user_id, r.username, r.role, r.action, r.entity, r.entity_id, r.before_json, r.after_json, r.reason])
}

/** The hash of entry `id`: keyed from the key's first entry on, the old plain SHA-256 before it. */
function hashOf(id: number, r: Omit<AuditLogRow, 'id' | 'hash'>, key: AuditKey): string {
  return id >= key.fromId ? createHmac('sha256', key.key).update(contentOf(r)).digest('hex') : createHash('sha256').update(contentOf(r)).digest('hex')
}

/** Appends one entry; call it inside the transaction that makes the change, so both land or neither. */
export function appendAudit(db: Db, user: SessionUser, entry: AuditEntry, at = Date.now()): number {
  // An entry about a complaint never stores its reporter's identity (audit/privacy.ts).
  const e = withoutIdentity(db, entry.entity, entry.entityId, entry)
  const key = auditKey(db)
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined
  const prev = last?.hash ?? ''
  const id = Math.max((last?.id ?? 0) + 1, key.fromId)
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
  db.prepare(
    `INSERT INTO audit_log (id, at, user_id, username, role, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
     VALUES (@id, @at, @user_id, @username, @role, @action, @entity, @entity_id, @before_json, @after_json, @reason, @prev_hash, @hash)`,
  ).run({ ...row, id, hash: hashOf(id, row, key) })
  // Outside a transaction the entry is committed now: write the head down outside the store (audit/key.ts).
  // Inside one, the next append outside a transaction, or the next verify, does it.
  if (!db.inTransaction) anchorAuditHead(db)
  return id
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string }

export function verifyAuditChain(db: Db): ChainCheck {
  const key = auditKey(db)
  let prev = ''
  let entries = 0
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditLogRow>) {
    entries++
    if (r.prev_hash !== prev) return { ok: false, entries, brokenAt: r.id, problem: 'rantai terputus: entri sebelumnya hilang atau diubah' }
    const { id: _id, hash, ...content } = r
    if (hashOf(r.id, content, key) !== hash) return { ok: false, entries, brokenAt: r.id, problem: 'isi entri tidak cocok dengan hash-nya' }
    prev = hash
  }
  return { ok: true, entries }
}

// What makes the audit chain unforgeable by someone who can write the store file: a key kept outside it, and the
// chain's head written down outside it.
// - The key file (beside the store, `<store>.audit-key`, or TANGGAP_AUDIT_KEY_FILE): 32 random bytes and the id of
//   the first entry hashed with them, created on first use with mode 0600. Each entry's hash is an HMAC-SHA256 under
//   that key; whoever rewrites an entry without the key cannot produce a hash that verifies. Entries written before
//   the key existed (stores from older versions) keep their SHA-256 and are checked by the old formula.
// - The anchor file (`<store>.audit-head`, or TANGGAP_AUDIT_ANCHOR_FILE): the newest committed entry's id and hash
//   and the key's first id, rewritten after each append outside a transaction and by every `tanggap audit verify`,
//   never moved backwards. Verify requires that entry, with that hash, to be in the chain: a log cut back or
//   rewritten from an earlier point is found without the operator having to remember a hash.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { Db } from '../store/open.ts'

export type AuditKey = { key: Buffer; fromId: number; file: string | null }
export type AuditAnchor = { id: number; hash: string; fromId: number; at: number }

const memoryKeys = new WeakMap<Db, AuditKey>()
const cache = new WeakMap<Db, AuditKey>()

const isMemory = (db: Db) => db.memory || db.name === ':memory:' || db.name === ''

export function auditKeyFile(db: Db): string | null {
  return process.env.TANGGAP_AUDIT_KEY_FILE || (isMemory(db) ? null : `${db.name}.audit-key`)
}

export function auditAnchorFile(db: Db): string | null {
  return process.env.TANGGAP_AUDIT_ANCHOR_FILE || (isMemory(db) ? null : `${db.name}.audit-head`)
}

function readKey(file: string): AuditKey {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; fromId?: unknown }
  if (typeof parsed.key !== 'string' || !/^[0-9a-f]{64}$/.test(parsed.key) || !Number.isSafeInteger(parsed.fromId)) {
    throw new Error(`berkas kunci audit ${file} rusak`)
  }
  return { key: Buffer.from(parsed.key, 'hex'), fromId: parsed.fromId as number, file }
}

/** The key of this store's audit chain; created (from the next entry on) when there is none yet. */
export function auditKey(db: Db): AuditKey {
  const known = cache.get(db)
  if (known) return known
  const file = auditKeyFile(db)
  let key: AuditKey
  if (file === null) {
    key = memoryKeys.get(db) ?? { key: randomBytes(32), fromId: nextId(db), file: null }
    memoryKeys.set(db, key)
  } else if (existsSync(file)) {
    key = readKey(file)
  } else {
    key = { key: randomBytes(32), fromId: nextId(db), file }
    // wx: two processes creating it at once cannot overwrite each other's key.
    try {
      writeFileSync(file, JSON.stringify({ key: key.key.toString('hex'), fromId: key.fromId }) + '\n', { mode: 0o600, flag: 'wx' })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      key = readKey(file)
    }
  }
  cache.set(db, key)
  return key
}

function nextId(db: Db): number {
  return ((db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number | null) ?? 0) + 1
}

export function readAnchor(db: Db): AuditAnchor | null {
  const file = auditAnchorFile(db)
  if (file === null || !existsSync(file)) return null
  try {
    const a = JSON.parse(readFileSync(file, 'utf8')) as AuditAnchor
    return Number.isSafeInteger(a.id) && typeof a.hash === 'string' && Number.isSafeInteger(a.fromId) ? a : { id: -1, hash: '', fromId: -1, at: 0 }
  } catch {
    return { id: -1, hash: '', fromId: -1, at: 0 }
  }
}

/** Writes the newest committed entry to the anchor file; never moves it backwards, never inside a transaction
 *  (the entry could still be rolled back). Returns the anchor now on disk. */
export function anchorAuditHead(db: Db): AuditAnchor | null {
  const file = auditAnchorFile(db)
  if (file === null || db.inTransaction) return readAnchor(db)
  const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined
  const current = readAnchor(db)
  if (!head || (current && current.id >= head.id)) return current
  // The anchored entry must still be there, unchanged: otherwise the log was cut back or rewritten, and the anchor
  // stays as it is, the evidence verify reports.
  if (current && db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(current.id) !== current.hash) return current
  const anchor: AuditAnchor = { id: head.id, hash: head.hash, fromId: auditKey(db).fromId, at: Date.now() }
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(anchor) + '\n', { mode: 0o600 })
  renameSync(tmp, file)
  return anchor
}

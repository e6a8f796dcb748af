// A fingerprint of everything a store holds (schema and every row of every table), to show that a refused or
// failed request changed nothing.
import { createHash } from 'node:crypto'
import type { Db } from '#main/store/open.ts'

/** `exceptAuditActions`: audit entries a request may add by design (a failed sign-in), left out of the fingerprint. */
export function snapshot(db: Db, options: { exceptAuditActions?: string[] } = {}): string {
  const skip = new Set(options.exceptAuditActions ?? [])
  const hash = createHash('sha256')
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger', 'view') ORDER BY type, name").all() as {
    name: string
    sql: string | null
  }[]
  for (const t of tables) {
    hash.update(`${t.name}\n${t.sql}\n`)
    if (!t.sql?.startsWith('CREATE TABLE')) continue
    // Identifiers cannot be bound; these names come from sqlite_master itself.
    const all = db.prepare(`SELECT * FROM "${t.name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[]
    const rows = all.filter((r) => t.name !== 'audit_log' || !skip.has(String(r.action))).map((r) => Object.values(r))
    const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)))
    for (const line of lines.sort()) hash.update(line + '\n')
  }
  return hash.digest('hex')
}

// A fingerprint of everything a store holds (schema and every row of every table), to show that a refused or
// failed request changed nothing.
import { createHash } from 'node:crypto'
import type { Db } from '#main/store/open.ts'

type Statement = { all(): unknown[]; columns(): { name: string }[] }

// The suite takes thousands of fingerprints (the fuzz and role walks take two per call), so each store's
// statements are prepared once per schema rather than once per table per fingerprint.
const prepared = new WeakMap<Db, { schema: string; tables: { name: string; sql: string | null; rows: Statement | null }[] }>()

function tablesOf(db: Db) {
  const list = db.prepare("SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger', 'view') ORDER BY type, name").all() as {
    name: string
    sql: string | null
  }[]
  const schema = list.map((t) => `${t.name}\n${t.sql}\n`).join('')
  const cached = prepared.get(db)
  if (cached?.schema === schema) return cached
  const tables = list.map((t) => ({
    ...t,
    // Identifiers cannot be bound; these names come from sqlite_master itself.
    rows: t.sql?.startsWith('CREATE TABLE') ? db.prepare(`SELECT * FROM "${t.name.replace(/"/g, '""')}"`).raw() : null,
  }))
  const entry = { schema, tables }
  prepared.set(db, entry)
  return entry
}

// The last fingerprint of each store, with what SQLite says about writes since: the rows this connection has
// changed (triggers included), whether another connection committed, and the schema's version. When none of the
// three moved, nothing stored can differ, and the fingerprint is not read again (most refused calls change nothing).
const last = new WeakMap<Db, { key: string; hash: string }>()

function writeMarks(db: Db): string {
  const changes = db.prepare('SELECT total_changes()').pluck().get()
  return `${changes}/${db.pragma('data_version', { simple: true })}/${db.pragma('schema_version', { simple: true })}`
}

/** `exceptAuditActions`: audit entries a request may add by design (a failed sign-in), left out of the fingerprint. */
export function snapshot(db: Db, options: { exceptAuditActions?: string[] } = {}): string {
  const key = `${writeMarks(db)}|${(options.exceptAuditActions ?? []).join(',')}`
  const seen = last.get(db)
  if (seen?.key === key) return seen.hash
  const hash = fingerprint(db, options.exceptAuditActions ?? [])
  last.set(db, { key, hash })
  return hash
}

function fingerprint(db: Db, except: string[]): string {
  const skip = new Set(except)
  const hash = createHash('sha256')
  const { schema, tables } = tablesOf(db)
  hash.update(schema)
  for (const t of tables) {
    if (!t.rows) continue
    hash.update(`#${t.name}\n`)
    let rows = t.rows.all() as unknown[][]
    if (t.name === 'audit_log' && skip.size > 0) {
      const action = t.rows.columns().findIndex((c) => c.name === 'action')
      rows = rows.filter((r) => !skip.has(String(r[action])))
    }
    const lines = rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)))
    for (const line of lines.sort()) hash.update(line + '\n')
  }
  return hash.digest('hex')
}

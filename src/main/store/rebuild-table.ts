// Changing a CHECK constraint in SQLite means rebuilding the table (sqlite.org/lang_altertable.html, "making
// other kinds of table schema changes"): a new table from the edited CREATE statement, every row copied, the old
// one dropped, the new one renamed, and its indexes and triggers created again. Done from the stored CREATE
// statement rather than a copy of it in a migration, so columns and indexes that other migrations added (in
// whatever order they landed) survive. Runs inside the migration's transaction, with foreign keys off (migrate.ts).
import type { Db } from './open.ts'

export class RebuildError extends Error {}

/**
 * Rebuilds `table` from its CREATE statement as edited by `edit`. The edit must keep the columns in place (rows
 * are copied by position) and may only widen what the constraints accept. Returns the number of rows copied.
 */
export function rebuildTable(db: Db, table: string, edit: (createSql: string) => string): number {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new RebuildError(`nama tabel tidak sah: ${table}`)
  const create = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined
  if (create === undefined) throw new RebuildError(`tabel ${table} tidak ada`)
  const edited = edit(create)
  if (edited === create) return -1 // already in the wanted shape
  const temp = `${table}__rebuild`
  // sql-vetted: table is a checked identifier ([a-z_][a-z0-9_]*), temp the same with a fixed suffix
  const renamed = edited.replace(new RegExp(`^CREATE TABLE "?${table}"?`), `CREATE TABLE ${temp}`)
  // sql-vetted: a message, not SQL; table is a checked identifier
  if (renamed === edited) throw new RebuildError(`pernyataan CREATE tabel ${table} tidak dikenali`)
  const dependents = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL")
    .all(table) as { type: string; name: string; sql: string }[]
  const before = (db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number) // sql-vetted: checked identifier
  db.exec(renamed)
  db.exec(`INSERT INTO ${temp} SELECT * FROM "${table}"`) // sql-vetted: checked identifier and its fixed suffix
  db.exec(`DROP TABLE "${table}"`) // sql-vetted: checked identifier
  // legacy_alter_table: the rename must not re-parse triggers of other tables that name the dropped table (the
  // sync outbox trigger reads complaint); they refer to it by name and find the new one.
  const legacy = db.pragma('legacy_alter_table', { simple: true }) as number
  db.pragma('legacy_alter_table = ON')
  try {
    db.exec(`ALTER TABLE ${temp} RENAME TO "${table}"`) // sql-vetted: checked identifier
  } finally {
    db.pragma(`legacy_alter_table = ${legacy ? 'ON' : 'OFF'}`) // sql-vetted: one of two constants
  }
  for (const d of dependents) db.exec(d.sql)
  const after = db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number // sql-vetted: checked identifier
  if (after !== before) throw new RebuildError(`tabel ${table}: ${before} baris sebelum, ${after} sesudah`)
  return after
}

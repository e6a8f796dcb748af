// Versioned SQL migrations from resources/migrations (NNNN_name.sql), applied in order, each in its own
// transaction, and recorded in schema_migration.
import { readdirSync, readFileSync } from 'node:fs'
import type { Db } from './open.ts'
import { resourcePath } from '../resources.ts'
import { CODE_MIGRATIONS } from './code-migrations.ts'

export type Migration = {
  version: number
  name: string
  sql: string
  /**
   * Schema work SQL alone cannot do (store/code-migrations.ts), run before `sql` in the same transaction with
   * foreign keys off (a table rebuild drops the table other tables point at); foreign_key_check must then be clean.
   */
  code?: (db: Db) => void
}

export class StoreTooNewError extends Error {
  constructor(file: string, fileVersion: number, appVersion: number) {
    super(
      `Berkas data ${file} dibuat oleh versi tanggap yang lebih baru (skema ${fileVersion}, aplikasi ini mengenal ` +
        `sampai ${appVersion}). Perbarui tanggap; berkas tidak diubah.`,
    )
    this.name = 'StoreTooNewError'
  }
}

export function loadMigrations(dir = resourcePath('migrations')): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const version = Number(f.slice(0, 4))
      return { version, name: f.replace(/\.sql$/, ''), sql: readFileSync(`${dir}/${f}`, 'utf8'), code: CODE_MIGRATIONS[version] }
    })
}

export class NotAStoreError extends Error {
  constructor(file: string) {
    super(`Berkas ${file} adalah basis data SQLite lain, bukan berkas data tanggap; berkas tidak diubah.`)
    this.name = 'NotAStoreError'
  }
}

export function migrate(db: Db, migrations = loadMigrations()): { applied: string[] } {
  // Opening someone else's SQLite file must not add our tables to it.
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  if (tables.length > 0 && !tables.includes('schema_migration')) throw new NotAStoreError(db.name)
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`)
  const known = Math.max(0, ...migrations.map((m) => m.version))
  const current = (db.prepare('SELECT max(version) AS v FROM schema_migration').get() as { v: number | null }).v ?? 0
  if (current > known) throw new StoreTooNewError(db.name, current, known)
  // Applied by set, not by "greater than current": migrations written on parallel branches may land with a
  // lower number after a higher one was already applied to a store.
  const done = new Set(db.prepare('SELECT version FROM schema_migration').pluck().all() as number[])
  const applied: string[] = []
  const record = db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
  for (const m of migrations) {
    if (done.has(m.version)) continue
    // foreign_keys cannot change inside a transaction: set around it, and restored whatever happens.
    const fk = m.code ? (db.pragma('foreign_keys', { simple: true }) as number) : 0
    if (m.code) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        m.code?.(db)
        db.exec(m.sql)
        if (m.code) {
          const broken = db.prepare('PRAGMA foreign_key_check').all()
          if (broken.length > 0) throw new Error(`Migrasi ${m.name}: ${broken.length} rujukan antartabel rusak; berkas tidak diubah.`)
        }
        record.run(m.version, m.name, Date.now())
      }).immediate()
    } finally {
      if (fk) db.pragma('foreign_keys = ON')
    }
    applied.push(m.name)
  }
  return { applied }
}

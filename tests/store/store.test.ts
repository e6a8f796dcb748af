import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { openStore, WAL_KEPT_BYTES } from '#main/store/open.ts'
import Database from 'better-sqlite3'
import { loadMigrations, migrate, NotAStoreError, StoreTooNewError } from '#main/store/migrate.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempStore } from '../helpers.ts'

describe('store', () => {
  it('opens a new file in WAL mode with foreign keys on and every migration applied', () => {
    const { db } = tempStore()
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const versions = db.prepare('SELECT version FROM schema_migration ORDER BY version').pluck().all()
    expect(versions).toEqual(loadMigrations().map((m) => m.version))
  })

  it('gives back the disk of a write-ahead log a big job grew, once the log restarts', () => {
    const { db, file } = tempStore()
    db.exec('CREATE TABLE scratch (b BLOB)')
    const add = db.prepare('INSERT INTO scratch (b) VALUES (randomblob(1048576))')
    db.transaction(() => {
      for (let i = 0; i < 80; i++) add.run()
    }).immediate()
    const grown = statSync(file + '-wal').size
    expect(grown).toBeGreaterThan(WAL_KEPT_BYTES)
    db.pragma('wal_checkpoint(PASSIVE)')
    db.prepare('DELETE FROM scratch WHERE rowid = 1').run() // the next write restarts the log from its start
    expect(statSync(file + '-wal').size).toBeLessThanOrEqual(WAL_KEPT_BYTES)
    expect(db.prepare('SELECT count(*) FROM scratch').pluck().get()).toBe(79)
  })

  it('refuses a file written by a newer version and leaves it untouched', () => {
    const { db, file } = tempStore()
    db.prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (9999, ?, 0)').run('9999_future')
    db.close()
    expect(() => openStore(file)).toThrow(StoreTooNewError)
    expect(() => openStore(file)).toThrow(/versi tanggap yang lebih baru/)
    const again = openStore(file, { readonly: true })
    expect(again.prepare('SELECT max(version) FROM schema_migration').pluck().get()).toBe(9999)
    again.close()
  })

  it('refuses to migrate a SQLite file that is not a tanggap store', () => {
    const { file } = tempStore('unused.db')
    const other = file.replace('unused.db', 'other.db')
    const foreign = new Database(other)
    foreign.exec('CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)')
    foreign.close()
    expect(() => openStore(other)).toThrow(NotAStoreError)
    const check = new Database(other)
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['pelanggan'])
    check.close()
  })

  it('applies only the migrations a store does not have yet', () => {
    const { db } = tempStore()
    const all = loadMigrations()
    const extra = { version: 9000, name: '9000_test', sql: 'CREATE TABLE later_table (x INTEGER) STRICT;' }
    expect(migrate(db, [...all, extra]).applied).toEqual(['9000_test'])
    expect(migrate(db, [...all, extra]).applied).toEqual([])
  })

  it('rolls back a failing migration and keeps the earlier schema', () => {
    const { db } = tempStore()
    const bad = { version: 9001, name: '9001_bad', sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;' }
    expect(() => migrate(db, [...loadMigrations(), bad])).toThrow(/no_such_table/)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0)
  })

  it('seeds Kutai Timur with its 18 kecamatan, 141 desa/kelurahan and an OPD tree, idempotently', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    seedKabupaten(db, '64.08')
    const count = (sql: string) => db.prepare(sql).pluck().get()
    expect(count("SELECT count(*) FROM kecamatan WHERE kabupaten_kode = '64.08'")).toBe(18)
    expect(count("SELECT count(*) FROM desa WHERE kecamatan_kode LIKE '64.08.%'")).toBe(141)
    expect(count("SELECT count(*) FROM desa WHERE jenis = 'kelurahan'")).toBe(2)
    expect(count("SELECT time_zone FROM kabupaten WHERE kode = '64.08'")).toBe('Asia/Makassar')
    // Confirmed OPD from domain.md are marked confirmed, the standard set is not.
    expect(count("SELECT is_confirmed FROM unit WHERE nama = 'RSUD Kudungga'")).toBe(1)
    expect(count("SELECT is_confirmed FROM unit WHERE kode = '64.08/dinkes'")).toBe(0)
    // Every kecamatan and desa can receive a disposition.
    expect(count("SELECT count(*) FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'kecamatan'")).toBe(18)
    expect(count("SELECT count(*) FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'desa'")).toBe(141)
  })

  it('holds Natuna beside Kutai Timur in one store, with the two Dishub bidang the Bupati named', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    seedKabupaten(db, '21.03')
    expect(db.prepare("SELECT count(*) FROM kecamatan WHERE kabupaten_kode = '21.03'").pluck().get()).toBe(17)
    expect(db.prepare("SELECT count(*) FROM desa WHERE kecamatan_kode LIKE '21.03.%'").pluck().get()).toBe(77)
    const bidang = db.prepare("SELECT nama FROM unit WHERE parent_id = (SELECT id FROM unit WHERE kode = '21.03/dishub') AND is_confirmed = 1").pluck().all()
    expect(bidang).toEqual(['Bidang Perhubungan Udara', 'Bidang Perhubungan Darat'])
  })

  it('puts every kecamatan label point inside the kabupaten bounds', () => {
    const { db } = tempStore()
    seedKabupaten(db, '21.03')
    const rows = db.prepare("SELECT lat, lon FROM kecamatan WHERE kabupaten_kode = '21.03'").all() as { lat: number; lon: number }[]
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) {
      expect(r.lon).toBeGreaterThan(105)
      expect(r.lon).toBeLessThan(110)
      expect(r.lat).toBeGreaterThan(1.5)
      expect(r.lat).toBeLessThan(5)
    }
  })

  it('keeps the history and the audit log append-only', () => {
    const { db } = tempStore()
    db.prepare(
      "INSERT INTO audit_log (at, username, role, action, entity, prev_hash, hash) VALUES (1, 'a', 'admin', 'x', 'y', '', 'h')",
    ).run()
    expect(() => db.prepare('UPDATE audit_log SET action = ?').run('z')).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
  })
})

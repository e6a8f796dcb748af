// Migration 0019 (telepon channel) on a store created by the previous version: the complaint table is rebuilt
// with a wider CHECK, and every row, index and trigger is still there afterwards.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openStore, type Db } from '#main/store/open.ts'
import { loadMigrations, migrate } from '#main/store/migrate.ts'
import { widenCheck } from '#main/store/code-migrations.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { addHistory, unitId } from '../kpi/history-store.ts'
import { tempDir } from '../helpers.ts'

/** A store at schema 0018, as the previous version left it, with complaints, a reporter, history and intake. */
function previousVersionStore(): { file: string; ids: { phoned: number; walked: number; synced: number } } {
  const file = join(tempDir(), 'lama.db')
  const db = new Database(file) as unknown as Db
  db.pragma('foreign_keys = ON')
  db.pragma('journal_mode = WAL')
  migrate(db, loadMigrations().filter((m) => m.version < 19))
  seedKabupaten(db, '64.08')
  const phoned = addHistory(db, 'T1', '2025-07-07 09:00', 'proses', [
    { kind: 'disposition', at: '2025-07-07 10:00', unit: '64.08/dlh' },
    { kind: 'tindak_lanjut', at: '2025-07-08 10:00' },
  ])
  const walked = addHistory(db, 'T2', '2025-07-07 09:30', 'belum_terverifikasi', [])
  const synced = addHistory(db, 'T3', '2025-07-07 11:00', 'selesai', [
    { kind: 'disposition', at: '2025-07-07 12:00', unit: '64.08/dinkes' },
    { kind: 'tindak_lanjut', at: '2025-07-09 10:00' },
  ])
  db.prepare("UPDATE complaint SET channel = 'tatap_muka', source = 'local' WHERE id IN (?, ?)").run(phoned, walked)
  const intake = db.prepare("INSERT INTO complaint_intake (complaint_id, via, received_at, entered_at) VALUES (?, ?, 0, 0)")
  intake.run(phoned, 'telepon')
  intake.run(walked, 'datang_langsung')
  db.prepare("INSERT INTO reporter (complaint_id, nama, phone) VALUES (?, 'Siti Aminah', '0812')").run(phoned)
  // An index another branch might have added to complaint: it must survive the rebuild too.
  db.exec('CREATE INDEX complaint_extra_test ON complaint(kabupaten_kode, channel)')
  db.close()
  return { file, ids: { phoned, walked, synced } }
}

const schemaOf = (db: Db, table: string) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') ORDER BY name").all(table)
type SchemaRow = { type: string; name: string; sql: string | null }
/** Indexes and triggers that a migration after 0019 creates again, with another definition. */
const redefinedLater = new Set(
  loadMigrations()
    .filter((m) => m.version > 19)
    .flatMap((m) => [...m.sql.matchAll(/CREATE\s+(?:UNIQUE\s+)?(?:INDEX|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)/gi)].map((x) => x[1])),
)
/** What is left of the old schema's rows after migrating: by name, and with its SQL where no later migration redefines it. */
const kept = (now: unknown[], old: unknown[]) => {
  const byName = new Map((now as SchemaRow[]).map((r) => [r.name, r]))
  return (old as SchemaRow[]).map((r) => byName.get(r.name)).filter(Boolean).map((r) => (redefinedLater.has(r!.name) ? { ...r!, sql: 'redefined' } : r))
}
const expected = (old: unknown[]) => (old as SchemaRow[]).map((r) => (redefinedLater.has(r.name) ? { ...r, sql: 'redefined' } : r))
const tables = (db: Db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
const counts = (db: Db) => Object.fromEntries(tables(db).map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()]))

describe('migration 0019: a telepon channel of its own', () => {
  it('keeps every row, index and trigger of a store made by the previous version, and moves phoned-in complaints', () => {
    const { file, ids } = previousVersionStore()
    const old = new Database(file, { readonly: true }) as unknown as Db
    const before = {
      rows: old.prepare('SELECT * FROM complaint ORDER BY id').all() as Record<string, unknown>[],
      complaintSchema: schemaOf(old, 'complaint'),
      eventSchema: schemaOf(old, 'complaint_event'),
      counts: counts(old),
    }
    old.close()
    expect(before.rows).toHaveLength(3)
    expect(before.complaintSchema.length).toBeGreaterThanOrEqual(10)

    const db = openStore(file)
    expect(db.prepare("SELECT count(*) FROM schema_migration WHERE version = 19").pluck().get()).toBe(1)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok')
    // The complaint table keeps every index and trigger it had (later migrations may add their own, e.g. 0030's
    // early-warning triggers), each as it was — unless a later migration redefines it (0035 and 0036 widen indexes).
    expect(kept(schemaOf(db, 'complaint'), before.complaintSchema)).toEqual(expected(before.complaintSchema))
    // complaint_event keeps every index and trigger it had (later migrations may add their own, e.g. 0025).
    expect(kept(schemaOf(db, 'complaint_event'), before.eventSchema)).toEqual(expected(before.eventSchema))
    const after = counts(db)
    // Every migration after 0018 was applied (0019, 0020 and those of later features); five new vocabulary words.
    const later = loadMigrations().filter((m) => m.version > 18).length
    const changed: Record<string, number> = { schema_migration: later, vocabulary: 5 }
    for (const [t, n] of Object.entries(before.counts)) if (t !== 'setting') expect([t, after[t]]).toEqual([t, (n as number) + (changed[t] ?? 0)])

    const rows = db.prepare('SELECT * FROM complaint ORDER BY id').all() as Record<string, unknown>[]
    expect(rows.map((r) => [r.id, r.channel])).toEqual([
      [ids.phoned, 'telepon'],
      [ids.walked, 'tatap_muka'],
      [ids.synced, 'web'],
    ])
    // Every other column as it was; the new raw columns are empty on old rows.
    expect(rows.map(({ channel, channel_raw, klasifikasi_raw, ...rest }) => [rest, channel_raw, klasifikasi_raw])).toEqual(
      before.rows.map(({ channel, ...rest }) => [rest, null, null]),
    )
    expect(db.prepare('SELECT nama FROM reporter WHERE complaint_id = ?').pluck().get(ids.phoned)).toBe('Siti Aminah')

    // The new value is accepted, a value outside the list is still refused, the history is still append-only.
    db.prepare("UPDATE complaint SET channel = 'telepon' WHERE id = ?").run(ids.walked)
    expect(() => db.prepare("UPDATE complaint SET channel = 'faks' WHERE id = ?").run(ids.walked)).toThrow(/CHECK constraint failed/)
    expect(() => db.prepare("UPDATE complaint_event SET actor = 'x'").run()).toThrow(/append-only/)
    // Foreign keys still point at the rebuilt table.
    expect(() => db.prepare("INSERT INTO reporter (complaint_id, nama) VALUES (999999, 'x')").run()).toThrow(/FOREIGN KEY/)
    db.prepare('INSERT INTO complaint_event (complaint_id, kind, at, actor, to_unit_id) VALUES (?, ?, 1, ?, ?)').run(ids.synced, 'disposition', 'uji', unitId(db, '64.08/dlh'))

    // The vocabulary's telephone words map to the new channel; the KPI tables are rebuilt on next open.
    expect(db.prepare("SELECT value FROM vocabulary WHERE kind = 'channel' AND word IN ('telepon', 'telpon', 'phone')").pluck().all()).toEqual(['telepon', 'telepon', 'telepon'])
    expect(db.prepare("SELECT count(*) FROM setting WHERE key LIKE 'kpi.calendar_revision.%'").pluck().get()).toBe(0)
    db.close()
  })

  it('leaves a telephone word an admin had pointed elsewhere as the admin set it', () => {
    const file = join(tempDir(), 'admin.db')
    const db = new Database(file) as unknown as Db
    migrate(db, loadMigrations().filter((m) => m.version < 19))
    db.prepare("UPDATE vocabulary SET value = 'whatsapp_pemda', origin = 'admin' WHERE kind = 'channel' AND word = 'telpon'").run()
    db.close()
    const again = openStore(file)
    expect(again.prepare("SELECT word, value FROM vocabulary WHERE kind = 'channel' AND word IN ('telepon', 'telpon') ORDER BY word").all()).toEqual([
      { word: 'telepon', value: 'telepon' },
      { word: 'telpon', value: 'whatsapp_pemda' },
    ])
    again.close()
  })

  it('widens only the CHECK of the column named, once', () => {
    const sql = "CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y')), b TEXT CHECK (b IN ('x')))"
    expect(widenCheck(sql, 'a', 'z')).toBe("CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y', 'z')), b TEXT CHECK (b IN ('x')))")
    expect(widenCheck(widenCheck(sql, 'a', 'z'), 'a', 'z')).toBe(widenCheck(sql, 'a', 'z'))
    expect(() => widenCheck(sql, 'c', 'z')).toThrow(/tidak ditemukan/)
  })
})

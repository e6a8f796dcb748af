// Migration 0039 moves each kabupaten's routing snapshot out of routing_model into routing_snapshot: a store trained
// by the previous version keeps its model (no retraining at start), and afterwards a step of upkeep writes the
// small row only, never the blob.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openStore, type Db } from '#main/store/open.ts'
import { loadMigrations, migrate } from '#main/store/migrate.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { catchUp, rebuild } from '#main/routing/learn.ts'
import { currentModel, modelRow } from '#main/routing/store.ts'
import { routingContext } from '#main/routing/context.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempDir } from '../helpers.ts'

const KUTIM = '64.08'

describe('routing snapshot in a table of its own (migration 0039)', () => {
  it('keeps a model trained before the migration, and upkeep no longer rewrites the blob', () => {
    // A model trained by this version, written as the previous version stored it (the blob inside routing_model).
    const trained = openStore(join(tempDir(), 'trained.db'))
    generateDemo(trained, { kabupaten: KUTIM, count: 600, seed: 5, until: new Date('2026-11-20T12:00:00Z') })
    rebuild(trained, KUTIM)
    const model = trained.prepare('SELECT * FROM routing_model WHERE kabupaten_kode = ?').get(KUTIM) as Record<string, unknown>
    const blob = trained.prepare('SELECT snapshot FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().get(KUTIM) as Buffer
    trained.close()

    const file = join(tempDir(), 'lama.db')
    const old = new Database(file) as unknown as Db
    old.pragma('foreign_keys = ON')
    old.pragma('journal_mode = WAL')
    migrate(old, loadMigrations().filter((m) => m.version < 39))
    seedKabupaten(old, KUTIM)
    old.prepare(
      `INSERT INTO routing_model (kabupaten_kode, snapshot, snapshot_revision, revision, built_at, complaints, corrections, seen_id,
         seen_updated_at, seen_updated_id, updated_at) VALUES (?, ?, 0, 0, ?, ?, ?, 0, 0, 0, ?)`,
    ).run(KUTIM, blob, model.built_at, model.complaints, model.corrections, model.updated_at)
    old.close()

    const db = openStore(file)
    expect(db.prepare("SELECT count(*) FROM pragma_table_info('routing_model') WHERE name = 'snapshot'").pluck().get()).toBe(0)
    expect(modelRow(db, KUTIM)).toMatchObject({ complaints: model.complaints, built_at: model.built_at })
    expect(Buffer.compare(db.prepare('SELECT snapshot FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().get(KUTIM) as Buffer, blob)).toBe(0)
    expect(currentModel(db, routingContext(db, KUTIM))).not.toBeNull()

    // A step of upkeep with nothing to learn moves the watermarks: the snapshot row is not rewritten.
    const snapshotRowid = () => db.prepare('SELECT rowid FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().get(KUTIM)
    const before = snapshotRowid()
    db.pragma('wal_checkpoint(TRUNCATE)')
    expect(catchUp(db, KUTIM, 200, Date.now(), true).rebuilt).toBe(false)
    const written = (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0].log
    expect(snapshotRowid()).toBe(before)
    // The blob is hundreds of pages; the step wrote a few.
    expect(blob.length / 4096).toBeGreaterThan(50)
    expect(written).toBeGreaterThan(0)
    expect(written).toBeLessThan(20)
    db.close()
  })
})

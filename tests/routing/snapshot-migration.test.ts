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
import { compactIfDue, compactionWriter, currentModel, modelRow, recordChanges } from '#main/routing/store.ts'
import { PART_BYTES, PARTS_PER_STEP, readSnapshot } from '#main/routing/snapshot.ts'
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
    const blob = readSnapshot(trained, KUTIM, modelRow(trained, KUTIM)!.snapshot_generation)
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
    expect(Buffer.compare(readSnapshot(db, KUTIM, modelRow(db, KUTIM)!.snapshot_generation), blob)).toBe(0)
    expect(currentModel(db, routingContext(db, KUTIM))).not.toBeNull()

    // A step of upkeep with nothing to learn moves the watermarks: the snapshot row is not rewritten.
    const snapshotRowid = () => db.prepare('SELECT group_concat(rowid) FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().get(KUTIM)
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

  // A compaction in the app's upkeep writes the snapshot part by part, in short transactions, while the model goes on
  // learning; a process that loads the model afterwards gets the same model as the one that kept learning.
  it('writes a compaction in parts, keeps what was learnt meanwhile, and gives up if the model was retrained', () => {
    const file = join(tempDir(), 'parts.db')
    const db = openStore(file)
    generateDemo(db, { kabupaten: KUTIM, count: 1500, seed: 8, until: new Date('2026-11-20T12:00:00Z') })
    rebuild(db, KUTIM)
    const ctx = routingContext(db, KUTIM)
    const ids = db.prepare("SELECT id FROM complaint WHERE status = 'selesai' ORDER BY id").pluck().all() as number[]
    // Changes enough for a compaction (COMPACT_AFTER), each taking a complaint's evidence out and back in.
    const complaint = (id: number) => db.prepare('SELECT id, judul, isi, category_id, NULL AS reporter_nama FROM complaint WHERE id = ?').get(id) as never
    const example = (id: number) => db.prepare('SELECT label, weight FROM routing_example WHERE complaint_id = ?').get(id) as { label: string; weight: number }
    const churn = (n: number) =>
      db.transaction(() => {
        const model = currentModel(db, ctx)!
        const changes = []
        for (let i = 0; i < n; i++) {
          const id = ids[i % ids.length]
          const e = example(id)
          changes.push({ complaint: complaint(id), old_label: e.label, old_weight: e.weight, new_label: e.label, new_weight: e.weight })
        }
        recordChanges(db, ctx, model, changes, { complaints: 0, corrections: 0 }, Date.now())
      }).immediate()
    churn(5_000)
    const before = modelRow(db, KUTIM)!
    const writer = compactionWriter(db, ctx)!
    expect(writer).not.toBeNull()
    const parts = Math.ceil(currentModel(db, ctx)!.serialize().length / PART_BYTES)
    expect(parts).toBeGreaterThan(1)
    // The model in memory is held as it was while its parts are copied out: what is learnt meanwhile is recorded in
    // the store, and reaches the model once the last part is written.
    const held = currentModel(db, ctx)!.serialize()
    let steps = 0
    for (; writer.adopted === null; steps++) {
      expect(Buffer.compare(currentModel(db, ctx)!.serialize(), held)).toBe(0)
      expect(writer.step(0)).toBe(false)
      churn(10) // learning goes on between the parts
    }
    expect(steps).toBe(parts)
    expect(writer.adopted).toBe(true)
    expect(Buffer.compare(currentModel(db, ctx)!.serialize(), held)).not.toBe(0)
    // Then the old generation's parts, dropped in steps of their own.
    let drops = 0
    for (; !writer.step(0); drops++) churn(10)
    expect(drops).toBeGreaterThan(1)
    const after = modelRow(db, KUTIM)!
    expect(after.snapshot_revision).toBe(before.revision)
    expect(after.snapshot_generation).not.toBe(before.snapshot_generation)
    expect(db.prepare('SELECT count(DISTINCT generation) FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().get(KUTIM)).toBe(1)
    // Only the changes learnt while the parts were written and the old ones dropped are left to replay.
    expect(db.prepare('SELECT count(*) FROM routing_change WHERE kabupaten_kode = ?').pluck().get(KUTIM)).toBe(10 * (steps + drops))
    const fresh = openStore(file)
    expect(Buffer.compare(currentModel(fresh, routingContext(fresh, KUTIM))!.serialize(), currentModel(db, ctx)!.serialize())).toBe(0)
    fresh.close()

    // A writer given up half-way (the upkeep stopped) lets its model learn again, and is never adopted: its parts
    // would mix the model before and after.
    churn(5_000)
    const stopped = compactionWriter(db, ctx)!
    // However long a step may take, it writes a few parts: their commit is what holds the thread.
    const newest = () => db.prepare('SELECT count(*) FROM routing_snapshot WHERE kabupaten_kode = ? AND generation = (SELECT max(generation) FROM routing_snapshot)').pluck().get(KUTIM)
    expect(stopped.step(60_000)).toBe(false)
    expect(parts).toBeGreaterThan(PARTS_PER_STEP)
    expect(newest()).toBe(PARTS_PER_STEP)
    const halfway = currentModel(db, ctx)!.serialize()
    churn(10)
    expect(Buffer.compare(currentModel(db, ctx)!.serialize(), halfway)).toBe(0)
    stopped.giveBack()
    churn(10)
    expect(Buffer.compare(currentModel(db, ctx)!.serialize(), halfway)).not.toBe(0)
    while (!stopped.step(0));
    expect(stopped.adopted).toBe(false)

    // Another process wrote a newer snapshot meanwhile (a CLI's catch-up compacts at once): this older one is not
    // adopted, which would drop the changes between the two.
    churn(5_000)
    const raced = compactionWriter(db, ctx)!
    expect(raced.step(0)).toBe(false)
    const cli = openStore(file)
    const cliCtx = routingContext(cli, KUTIM)
    churn(10)
    expect(compactIfDue(cli, cliCtx, currentModel(cli, cliCtx)!)).toBe(true)
    const cliModel = currentModel(cli, cliCtx)!.serialize()
    while (!raced.step(0));
    expect(raced.adopted).toBe(false)
    const afterRace = openStore(file)
    expect(Buffer.compare(currentModel(afterRace, routingContext(afterRace, KUTIM))!.serialize(), cliModel)).toBe(0)
    afterRace.close()
    cli.close()

    // Retrained while a compaction was being written: the compaction is dropped, parts and all.
    churn(5_000)
    const late = compactionWriter(db, ctx)!
    expect(late.step(0)).toBe(false)
    rebuild(db, KUTIM)
    while (!late.step(0));
    expect(late.adopted).toBe(false)
    const current = modelRow(db, KUTIM)!.snapshot_generation
    expect(db.prepare('SELECT DISTINCT generation FROM routing_snapshot WHERE kabupaten_kode = ?').pluck().all(KUTIM)).toEqual([current])
    db.close()
  })
})

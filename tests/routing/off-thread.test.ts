// A full training run by the app's upkeep trains the linear layer (seconds of solver work on a regency's history)
// in a worker thread: the app's thread only looks in on it between slices, and the model that comes back is the one
// the calling thread would have made, byte for byte — the same suggestions, whichever thread trained it.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { openStore, type Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { RebuildJob, rebuild } from '#main/routing/learn.ts'
import { readSnapshot } from '#main/routing/snapshot.ts'
import { modelRow } from '#main/routing/store.ts'
import { tempDir } from '../helpers.ts'

const KUTIM = '64.08'
const NOW = Date.parse('2026-11-20T12:00:00Z')

const snapshot = (db: Db) => readSnapshot(db, KUTIM, modelRow(db, KUTIM)!.snapshot_generation)
const suggestions = (db: Db) => db.prepare('SELECT complaint_id, unit_id, confidence FROM routing_suggestion WHERE kabupaten_kode = ? ORDER BY complaint_id').all(KUTIM)

describe('a full routing training in the upkeep', () => {
  it('trains the linear layer in a worker thread, and gets the model the calling thread would make', async () => {
    const db = openStore(join(tempDir(), 'store.db'))
    generateDemo(db, { kabupaten: KUTIM, count: 1500, seed: 4, until: new Date(NOW) })

    const job = new RebuildJob(db, KUTIM, NOW, 500, true)
    while (!job.step()) await new Promise((r) => setTimeout(r, 10))
    expect(job.trainedInWorker).toBe(true)
    expect(job.result!.labels).toBeGreaterThan(5)
    const offThread = { model: snapshot(db), suggestions: suggestions(db) }
    expect(offThread.suggestions.length).toBeGreaterThan(50)

    rebuild(db, KUTIM, NOW)
    expect(snapshot(db).equals(offThread.model)).toBe(true)
    expect(suggestions(db)).toEqual(offThread.suggestions)
    db.close()
  }, 120_000)
})

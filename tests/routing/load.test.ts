// A model read from its snapshot in steps by the upkeep of an app that has just started (routing/load.ts): read at
// its first use, the 49 MB snapshot of 1,000,000 complaints and its changes held the app's thread up to 340 ms.
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { learnFrom, rebuild } from '#main/routing/learn.ts'
import { ModelLoad, isLoadingInSteps, modelReady } from '#main/routing/load.ts'
import { startRoutingUpkeep } from '#main/routing/upkeep.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { currentModel, needsLoading } from '#main/routing/store.ts'
import { routingContext } from '#main/routing/context.ts'
import { openStore } from '#main/store/open.ts'
import { tempDir } from '../helpers.ts'

const KUTIM = '64.08'

function trainedFile(name: string): string {
  const file = join(tempDir(), name)
  const db = openStore(file)
  generateDemo(db, { kabupaten: KUTIM, count: 2500, seed: 13, until: new Date('2026-11-20T12:00:00Z') })
  rebuild(db, KUTIM)
  // Changes since the snapshot, replayed after it: corrections of settled complaints.
  const ids = db.prepare("SELECT id FROM complaint WHERE kabupaten_kode = ? AND status = 'selesai' ORDER BY id LIMIT 40").pluck().all(KUTIM) as number[]
  const dinkes = db.prepare("SELECT id FROM unit WHERE kode = '64.08/dinkes'").pluck().get() as number
  db.prepare(`UPDATE complaint SET unit_id = ?, disposition_count = disposition_count + 1, updated_at = ? WHERE id IN (${ids.join(',')})`).run(dinkes, Date.now())
  learnFrom(db, ids)
  db.close()
  return file
}

describe('a model read from its snapshot in steps', () => {
  it('reads parts, rebuilds, replays the changes since, and is then the model every use gets', () => {
    const file = trainedFile('load.db')
    const atOnce = openStore(file)
    const expected = currentModel(atOnce, routingContext(atOnce, KUTIM))!.serialize()
    atOnce.close()

    const db = openStore(file)
    expect(needsLoading(db, KUTIM)).toBe(true)
    const load = ModelLoad.start(db, KUTIM)!
    let steps = 1
    while (!load.step(0)) steps++
    // At least: a part, the rebuild, a batch of changes.
    expect(steps).toBeGreaterThanOrEqual(3)
    expect(needsLoading(db, KUTIM)).toBe(false)
    expect(currentModel(db, routingContext(db, KUTIM))!.serialize().equals(expected)).toBe(true)
    db.close()
  })

  it('gives up a load whose model was retrained meanwhile; the next use reads the new one', () => {
    const file = trainedFile('moved.db')
    const db = openStore(file)
    const other = openStore(file) // the app that has just started
    const load = ModelLoad.start(other, KUTIM)!
    expect(load.step(0)).toBe(false)
    rebuild(db, KUTIM) // another process trains meanwhile
    expect(load.step(0)).toBe(true)
    expect(needsLoading(other, KUTIM)).toBe(true)
    const trained = currentModel(db, routingContext(db, KUTIM))!.serialize()
    expect(currentModel(other, routingContext(other, KUTIM))!.serialize().equals(trained)).toBe(true)
    other.close()
    db.close()
  })

  // Right after the app starts: a request that needs the model waits while the upkeep reads it in steps, and a
  // user's action leaves its learning to the catch-up after the load; neither reads the model at once.
  it('makes a request wait for the upkeep to read the model, and leaves an action\'s learning to the catch-up', async () => {
    const file = trainedFile('waits.db')
    const ws = openWorkspace(file)
    const { db } = ws
    // The upkeep's first look would be a minute away: only the waiting request brings it forward.
    const stop = startRoutingUpkeep(db, ws.bus, { firstDelayMs: 60_000, intervalMs: 60_000, log: () => {} })
    try {
      expect(isLoadingInSteps(db, KUTIM)).toBe(true)
      // An operator moves a settled complaint to another unit: a correction to learn.
      const dispar = db.prepare("SELECT id FROM unit WHERE kode = '64.08/dispar'").pluck().get() as number
      const id = db
        .prepare("SELECT id FROM complaint WHERE kabupaten_kode = ? AND status = 'selesai' AND unit_id <> ? AND disposition_count >= 1 ORDER BY id DESC LIMIT 1")
        .pluck()
        .get(KUTIM, dispar) as number
      db.prepare('UPDATE complaint SET unit_id = ?, disposition_count = disposition_count + 1, updated_at = ? WHERE id = ?').run(dispar, Date.now(), id)
      const example = () => db.prepare('SELECT label, is_correction FROM routing_example WHERE complaint_id = ?').get(id) as { label: string; is_correction: number } | undefined
      const before = example()
      learnFrom(db, [id])
      expect(example()).toEqual(before)
      expect(needsLoading(db, KUTIM)).toBe(true)

      await modelReady(db, KUTIM)
      expect(needsLoading(db, KUTIM)).toBe(false)
      const end = Date.now() + 30_000
      while (example()?.label !== 'dispar' && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
      expect(example()).toEqual({ label: 'dispar', is_correction: 1 })
    } finally {
      stop()
      ws.close()
    }
    // With no upkeep, nothing waits: a use reads the model at once, as the CLI does.
    const cli = openStore(file)
    expect(isLoadingInSteps(cli, KUTIM)).toBe(false)
    cli.close()
  })
})

// The simulator can play an outbreak and near-duplicate reports like the demo generator does: injected into the
// upstream with a fresh feed time, one sync brings them into a store, where the early warning flags the outbreak's
// kecamatan and each copy finds its original among its similar reports (its words and likely duplicates stored by
// the sync itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '#main/dev/simulator/server.ts'
import { injectIntoSimulator } from '#main/dev/simulator/inject.ts'
import { runSync } from '#main/sync/engine.ts'
import { detectIssues } from '#main/isu/detect.ts'
import { similarTo } from '#main/serupa/similar.ts'
import { FAST, KAB, UNTIL, simulator, storeFor } from '../sync/sim.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await simulator(2000)
})
afterAll(() => sim?.close())

describe('simulator injection', () => {
  it('serves an injected outbreak and near-duplicates to the next sync, where they are flagged and found', async () => {
    const { db } = storeFor(sim, { pageSize: 500 })
    expect(await runSync(db, 'lapor', { trigger: 'test', policy: FAST })).toMatchObject({ status: 'ok' })
    const kecamatan = sim.store.db.prepare("SELECT kode FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode LIMIT 1 OFFSET 3").pluck().get(KAB) as string

    const now = UNTIL.getTime()
    const injected = injectIntoSimulator(sim.store, { kabupaten: KAB, wabah: `${kecamatan}:kesehatan:25:3`, ganda: 3, seed: 4 }, now)
    expect(injected.outbreak).toHaveLength(25)
    expect(injected.duplicates.length).toBeGreaterThan(0)
    expect(() => injectIntoSimulator(sim.store, { kabupaten: KAB, wabah: '99.99.99:kesehatan' }, now)).toThrow(/kecamatan 99\.99\.99 tidak ada di kabupaten 64\.08/)

    const r = await runSync(db, 'lapor', { trigger: 'test', policy: FAST })
    expect(r).toMatchObject({ status: 'ok' })
    const tracking = (ids: number[]) => ids.map((id) => sim.store.db.prepare('SELECT tracking_id FROM complaint WHERE id = ?').pluck().get(id) as string)
    const local = (t: string) => db.prepare('SELECT id FROM complaint WHERE tracking_id = ?').pluck().get(t) as number | undefined
    for (const t of tracking([...injected.outbreak, ...injected.duplicates.flatMap((d) => d.copies)])) expect(local(t), t).toBeDefined()

    const flagged = detectIssues(db, KAB, now).issues.find((i) => i.kecamatan?.kode === kecamatan && i.kategori?.nama === 'Kesehatan')
    expect(flagged?.count).toBeGreaterThanOrEqual(20)

    // The sync decided them on arrival: words stored, nothing left pending for the background slices.
    const arrived = tracking(injected.duplicates.flatMap((d) => d.copies)).map((t) => local(t)!)
    const stored = db.prepare('SELECT count(*) FROM complaint_terms WHERE complaint_id IN (SELECT value FROM json_each(?))').pluck()
    const pending = db.prepare('SELECT count(*) FROM serupa_pending WHERE complaint_id IN (SELECT value FROM json_each(?))').pluck()
    expect([stored.get(JSON.stringify(arrived)), pending.get(JSON.stringify(arrived))]).toEqual([arrived.length, 0])

    // Each copy finds its original among its similar reports.
    for (const { original, copies } of injected.duplicates) {
      const mine = local(tracking([original])[0])!
      for (const copy of copies) expect(similarTo(db, local(tracking([copy])[0])!).similar.map((x) => x.id), `copy ${copy} of ${original}`).toContain(mine)
    }
  }, 180_000)
})

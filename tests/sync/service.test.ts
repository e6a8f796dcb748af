// The in-app schedule: which sources run by themselves, and that waiting write-back actions start a run soon but
// never a loop of runs (an action held behind a conflict, or an upstream that is down).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '#main/dev/simulator/server.ts'
import { createChangeBus } from '#main/live/bus.ts'
import { SyncService } from '#main/sync/service.ts'
import { performAction } from '#main/complaints/actions.ts'
import { FAST, simulator, storeFor } from './sim.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await simulator(200)
  sim.tick(60)
})
afterAll(() => sim?.close())

const ADMIN = { id: 1, username: 'admin', nama: 'Admin Lokal', role: 'admin' as const, kabupaten: null }
const MIN = 60_000

describe('sync schedule', () => {
  it('runs a source when its schedule is due, and not again before', async () => {
    const { db } = storeFor(sim)
    db.prepare('UPDATE sync_source SET schedule_minutes = 15').run()
    const service = new SyncService(db, createChangeBus(), { policy: FAST })
    const now = Date.now()
    expect(service.due(now)).toEqual([1])
    await service.settled()
    expect(db.prepare('SELECT status, trigger FROM sync_run').all()).toEqual([{ status: 'ok', trigger: 'schedule' }])
    expect(service.due(now + 14 * MIN)).toEqual([])
    expect(service.due(now + 16 * MIN)).toEqual([1])
    await service.stop()
  })

  it('starts a run for waiting write-back actions, but not for one held behind a conflict, nor in a loop', async () => {
    const { db } = storeFor(sim, { writeback: true })
    const service = new SyncService(db, createChangeBus(), { policy: FAST })
    expect(service.due()).toEqual([]) // no schedule, nothing waiting
    db.prepare("INSERT INTO sync_run (source_id, trigger, status, started_at, heartbeat_at) VALUES (1, 'test', 'ok', ?, ?)").run(Date.now() - 2 * MIN, Date.now() - 2 * MIN)
    const { runSync } = await import('#main/sync/engine.ts')
    await runSync(db, 'lapor', { trigger: 'test', policy: FAST })
    const c = db.prepare("SELECT id FROM complaint WHERE status = 'belum_terverifikasi' LIMIT 1").pluck().get() as number
    performAction(db, ADMIN, { action: 'note', ids: [c], body: 'Sudah dicek ke lapangan.' })
    const later = Date.now() + 2 * MIN
    expect(service.due(later)).toEqual([1])
    await service.settled()
    expect(db.prepare("SELECT state FROM sync_outbox").pluck().all()).toEqual(['sent'])

    // A conflict holds the next action on the same complaint: no run for it, however often the clock ticks.
    db.prepare("UPDATE sync_outbox SET state = 'conflict'").run()
    performAction(db, ADMIN, { action: 'note', ids: [c], body: 'Catatan kedua.' })
    expect(service.due(later + 5 * MIN)).toEqual([])
    // An upstream that is down: after a failed run, waiting actions try again only after five minutes.
    db.prepare("UPDATE sync_outbox SET state = 'discarded' WHERE state = 'conflict'").run()
    db.prepare("INSERT INTO sync_run (source_id, trigger, status, started_at, heartbeat_at) VALUES (1, 'schedule', 'failed', ?, ?)").run(later, later)
    expect(service.due(later + 2 * MIN)).toEqual([])
    expect(service.due(later + 6 * MIN)).toEqual([1])
    await service.stop()
  })
})

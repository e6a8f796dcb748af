// Write-back of local triage actions to the simulator: queued in the action's own transaction, pushed once even
// when repeated, the upstream's echo not duplicated locally, conflicts shown rather than overwritten, outages
// waited out.
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '#main/dev/simulator/server.ts'
import { runSync } from '#main/sync/engine.ts'
import { performAction } from '#main/complaints/actions.ts'
import { pushOutbox, resolveConflict } from '#main/sync/writeback.ts'
import { connectorFor } from '#main/sync/connector.ts'
import { sourceByName } from '#main/sync/sources.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { Db } from '#main/store/open.ts'
import { FAST, admin, simulator, storeFor } from './sim.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await simulator(400)
  // Fresh complaints still waiting for verification: each test sends some upstream, so enough for all of them (the
  // demo lifecycle verifies most within a day: one tick left 6, two leave 17).
  sim.tick(150)
  sim.tick(150)
  // How many were left after these two ticks varied between runs (at the last test: 14 and 20 here, 3 in one run of
  // the full suite, which then failed; the cause is not found), so the simulator goes on until the five tests have
  // at least two each. A step adds a complaint 30 % of the time and verifies one 25 % of the time.
  const unverifiedUpstream = sim.store.db.prepare("SELECT count(*) FROM complaint WHERE status = 'belum_terverifikasi'").pluck()
  for (let steps = 0; (unverifiedUpstream.get() as number) < 10 && steps < 20_000; steps++) sim.tick(1)
})
afterAll(() => sim?.close())

const ADMIN: SessionUser = { id: 1, username: 'admin', nama: 'Admin Lokal', role: 'admin', kabupaten: null }
const sync = (db: Db) => runSync(db, 'lapor', { trigger: 'test', policy: FAST })
const one = <T>(db: Db, sql: string, ...a: unknown[]) => db.prepare(sql).get(...a) as T
const simRow = (tracking: string) =>
  sim.store.db.prepare('SELECT id, status, unit_id, upstream_version FROM complaint WHERE tracking_id = ?').get(tracking) as { id: number; status: string; unit_id: number | null; upstream_version: number }
const simEvents = (tracking: string) =>
  sim.store.db.prepare('SELECT e.kind, e.actor, s.client_id FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id LEFT JOIN sim_event_client s ON s.event_id = e.id WHERE c.tracking_id = ? ORDER BY e.id').all(tracking) as { kind: string; actor: string; client_id: string | null }[]

/** A port nothing listens on: the upstream is down. */
async function closedPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()))
  const { port } = srv.address() as AddressInfo
  await new Promise((r) => srv.close(r))
  return port
}

async function syncedStore() {
  const { db } = storeFor(sim, { writeback: true })
  expect((await sync(db)).status).toBe('ok')
  return db
}

/** A complaint still waiting for verification, here and upstream. */
function unverified(db: Db, skip = 0): { id: number; tracking_id: string; upstream_version: number } {
  const left = one<{ n: number }>(db, "SELECT count(*) AS n FROM complaint WHERE source = 'lapor' AND status = 'belum_terverifikasi'").n
  expect(left, 'unverified complaints left in the shared simulator').toBeGreaterThan(skip)
  return one(db, "SELECT id, tracking_id, upstream_version FROM complaint WHERE source = 'lapor' AND status = 'belum_terverifikasi' ORDER BY id LIMIT 1 OFFSET ?", skip)
}

describe('write-back through lapor-json', () => {
  it('queues verify and disposition with the action, sends them once, and does not duplicate their echo', async () => {
    const db = await syncedStore()
    const c = unverified(db)
    const dinkes = one<{ id: number; upstream_id: string }>(db, "SELECT id, upstream_id FROM unit WHERE kode = '64.08/dinkes'")
    const before = one<{ n: number }>(db, 'SELECT count(*) AS n FROM complaint_event WHERE complaint_id = ?', c.id).n
    performAction(db, ADMIN, { action: 'disposition', ids: [c.id], unitId: dinkes.id, reason: 'Urusan kesehatan' })
    // The disposition of an unverified report verifies it too: two local entries, two outbox rows, same base.
    const queued = db.prepare('SELECT state, base_version FROM sync_outbox ORDER BY id').all()
    expect(queued).toEqual([
      { state: 'pending', base_version: c.upstream_version },
      { state: 'pending', base_version: c.upstream_version },
    ])

    const r = await sync(db)
    expect(r).toMatchObject({ status: 'ok', pushed: 2, push_conflicts: 0 })
    const up = simRow(c.tracking_id)
    expect(up).toMatchObject({ status: 'belum_ditindaklanjuti', unit_id: Number(dinkes.upstream_id.slice(1)), upstream_version: c.upstream_version + 2 })
    expect(simEvents(c.tracking_id).filter((e) => e.client_id).map((e) => [e.kind, e.actor])).toEqual([
      ['status', 'Admin Lokal'],
      ['disposition', 'Admin Lokal'],
    ])
    // Our copy is the upstream's version now, and the echo did not add the two entries again.
    expect(one(db, 'SELECT status, unit_id, upstream_version FROM complaint WHERE id = ?', c.id)).toEqual({ status: 'belum_ditindaklanjuti', unit_id: dinkes.id, upstream_version: up.upstream_version })
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM complaint_event WHERE complaint_id = ?', c.id).n).toBe(before + 2)
    await admin(sim, '/admin/touch', { tracking_ids: [c.tracking_id] })
    await sync(db)
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM complaint_event WHERE complaint_id = ?', c.id).n).toBe(before + 3) // only the new note
  })

  it('sends an action exactly once even when the answer was lost (same client id again)', async () => {
    const db = await syncedStore()
    const c = unverified(db)
    performAction(db, ADMIN, { action: 'note', ids: [c.id], body: 'Sudah dihubungi lewat telepon.' })
    await sync(db)
    // As if the process died after the upstream applied it but before we recorded that: pushed again.
    db.prepare("UPDATE sync_outbox SET state = 'pending', next_attempt_at = 0").run()
    const again = await sync(db)
    expect(again.pushed).toBe(1)
    expect(JSON.parse(one<{ response_json: string }>(db, 'SELECT response_json FROM sync_outbox').response_json)).toMatchObject({ duplicate: true })
    expect(simEvents(c.tracking_id).filter((e) => e.client_id)).toHaveLength(1)
  })

  it('shows a conflict when the complaint changed upstream, and sends it only when a person forces it', async () => {
    const db = await syncedStore()
    const c = unverified(db, 1)
    performAction(db, ADMIN, { action: 'tunda', ids: [c.id], reason: 'Lokasi kurang jelas' })
    await admin(sim, '/admin/touch', { tracking_ids: [c.tracking_id] }) // someone upstream edited it meanwhile
    const r = await sync(db)
    expect(r).toMatchObject({ status: 'ok', pushed: 0, push_conflicts: 1 })
    const row = one<{ id: number; state: string; last_error: string }>(db, 'SELECT id, state, last_error FROM sync_outbox')
    expect(row.state).toBe('conflict')
    expect(row.last_error).toMatch(/sudah berubah/)
    expect(simRow(c.tracking_id).status).toBe('belum_terverifikasi') // not overwritten upstream
    // A later sync leaves it waiting for a decision.
    expect((await sync(db)).pushed).toBe(0)
    expect(resolveConflict(db, row.id, 'force')).toBe(true)
    expect((await sync(db)).pushed).toBe(1)
    expect(simRow(c.tracking_id).status).toBe('tunda')
    expect(one(db, 'SELECT status FROM complaint WHERE id = ?', c.id)).toEqual({ status: 'tunda' })
  })

  it('marks an action the upstream refuses as failed with its reason', async () => {
    const db = await syncedStore()
    const c = unverified(db, 2)
    const local = Number(db.prepare("INSERT INTO unit (kabupaten_kode, parent_id, kind, kode, nama) VALUES ('64.08', NULL, 'opd', '64.08/tim-khusus', 'Tim Khusus')").run().lastInsertRowid)
    performAction(db, ADMIN, { action: 'disposition', ids: [c.id], unitId: local, reason: 'Tim khusus' })
    const r = await sync(db)
    expect(r).toMatchObject({ pushed: 1, push_failed: 1 }) // the implicit verify went, the disposition could not
    const failed = one<{ state: string; last_error: string }>(db, "SELECT state, last_error FROM sync_outbox WHERE state <> 'sent'")
    expect(failed).toEqual({ state: 'failed', last_error: 'unit Tim Khusus belum dipetakan ke unit hulu' })
  })

  it('waits out an outage: the action stays queued with the reason and is retried later', async () => {
    const db = await syncedStore()
    const c = unverified(db, 3)
    performAction(db, ADMIN, { action: 'verify', ids: [c.id] })
    const source = sourceByName(db, 'lapor')!
    const down = { ...source, config_json: JSON.stringify({ baseUrl: `http://127.0.0.1:${await closedPort()}` }) }
    const ctx = { signal: new AbortController().signal, policy: { ...FAST, retries: 1 }, onRetry: () => {} }
    const now = Date.now()
    const s = await pushOutbox(db, source, connectorFor(db, down, 'x'), ctx, now)
    expect(s).toEqual({ sent: 0, conflicts: 0, failed: 0, waiting: 1 })
    const row = one<{ state: string; attempts: number; next_attempt_at: number; last_error: string }>(db, 'SELECT state, attempts, next_attempt_at, last_error FROM sync_outbox')
    expect(row).toMatchObject({ state: 'pending', attempts: 1 })
    expect(row.next_attempt_at).toBeGreaterThan(now)
    expect(row.last_error).toMatch(/jaringan: ECONNREFUSED/)
    // Not before its time; then it goes.
    expect((await pushOutbox(db, source, connectorFor(db, source, sim.tokenFor('64.08')), ctx, now)).waiting).toBe(1)
    expect((await pushOutbox(db, source, connectorFor(db, source, sim.tokenFor('64.08')), ctx, row.next_attempt_at)).sent).toBe(1)
    expect(simRow(c.tracking_id).status).toBe('belum_ditindaklanjuti')
  })
})

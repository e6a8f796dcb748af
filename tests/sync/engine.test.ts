// The sync engine against the simulator over real HTTP on 127.0.0.1: a full sync equals the upstream, an
// incremental one brings only what changed, and every fault the simulator can inject ends with the same store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningSimulator } from '#main/dev/simulator/server.ts'
import { runSync } from '#main/sync/engine.ts'
import { SyncMonitor, type SyncProgress } from '#main/sync/progress.ts'
import { createChangeBus } from '#main/live/bus.ts'
import { FAST, admin, simSnapshot, simulator, storeFor, storeSnapshot } from './sim.ts'

let sim: RunningSimulator
beforeAll(async () => {
  sim = await simulator(600)
})
afterAll(() => sim?.close())

const count = (db: ReturnType<typeof storeFor>['db'], sql: string, ...a: unknown[]) => db.prepare(sql).pluck().get(...a) as number
const sync = (db: ReturnType<typeof storeFor>['db'], extra: Partial<Parameters<typeof runSync>[2]> = {}) => runSync(db, 'lapor', { trigger: 'test', policy: FAST, ...extra })

describe('sync from the simulator', () => {
  it('copies the upstream exactly, page by page, and reports progress', async () => {
    const { db } = storeFor(sim)
    const monitor = new SyncMonitor()
    const seen: SyncProgress[] = []
    const r = await sync(db, { monitor, onProgress: (p) => seen.push(p), bus: createChangeBus() })
    expect(r).toMatchObject({ status: 'ok', fetched: 600, inserted: 600, quarantined: 0, pages: 6 })
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
    // The categories and units came from the upstream's lists and were matched to ours, not duplicated.
    expect(count(db, "SELECT count(*) FROM unit WHERE kode LIKE '%/hulu/%'")).toBe(0)
    expect(count(db, 'SELECT count(*) FROM unit WHERE upstream_id IS NOT NULL')).toBeGreaterThan(100)
    // Progress counted up to the total the upstream announced; the run is in the history.
    const pulls = seen.filter((p) => p.phase === 'pull' && p.fetched > 0)
    expect(pulls.map((p) => p.fetched)).toEqual([100, 200, 300, 400, 500, 600])
    expect(pulls[0].remaining).toBe(500)
    expect(monitor.latest.get(seen[0].sourceId)?.status).toBe('ok')
    expect(db.prepare('SELECT status, fetched, inserted, pages FROM sync_run').get()).toEqual({ status: 'ok', fetched: 600, inserted: 600, pages: 6 })
    // KPI aggregates are current: the dashboards count every complaint.
    expect(count(db, "SELECT sum(n) FROM kpi_count WHERE dim = 'all' AND grain = 1")).toBe(600)
  })

  it('brings only what changed since the cursor, and nothing when nothing changed', async () => {
    const { db } = storeFor(sim)
    await sync(db)
    expect(await sync(db)).toMatchObject({ status: 'ok', fetched: 0 })
    const changes = sim.tick(25)
    const r = await sync(db)
    // A complaint created and moved on within the same batch arrives once, as new.
    const created = new Set(changes.filter((c) => c.what === 'baru').map((c) => c.tracking_id))
    const moved = new Set(changes.filter((c) => !created.has(c.tracking_id)).map((c) => c.tracking_id))
    expect(r).toMatchObject({ status: 'ok', fetched: created.size + moved.size, inserted: created.size, updated: moved.size })
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('retries 500, 503 and 429 with backoff and completes', async () => {
    const { db } = storeFor(sim)
    await admin(sim, '/admin/faults', { kind: '500', count: 2 })
    await admin(sim, '/admin/faults', { kind: '503', count: 1 })
    await admin(sim, '/admin/faults', { kind: '429', count: 1 })
    const r = await sync(db)
    expect(r).toMatchObject({ status: 'ok', retries: 4, fetched: simSnapshot(sim).length })
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('gives up after the retries with a clear status, keeps what was committed, and resumes next time', async () => {
    const { db } = storeFor(sim)
    await sync(db, { maxPages: 2 })
    await admin(sim, '/admin/faults', { kind: '500', count: FAST.retries + 1 })
    const failed = await sync(db)
    expect(failed.status).toBe('failed')
    expect(failed.error).toMatch(/hulu menjawab 500.*setelah 5 percobaan/)
    expect(count(db, "SELECT count(*) FROM complaint WHERE source = 'lapor'")).toBe(200)
    expect(db.prepare('SELECT status, error FROM sync_run ORDER BY id DESC').get()).toMatchObject({ status: 'failed', error: expect.stringMatching(/500/) })
    expect(await sync(db)).toMatchObject({ status: 'ok' })
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('times out a request that never answers, and a slow one within the limit just takes longer', async () => {
    const { db } = storeFor(sim)
    await admin(sim, '/admin/faults', { kind: 'timeout', count: 1 })
    await admin(sim, '/admin/faults', { kind: 'slow', count: 1, slow_ms: 300 })
    const started = Date.now()
    const r = await sync(db, { policy: { ...FAST, timeoutMs: 700 } })
    expect(r).toMatchObject({ status: 'ok', retries: 1 })
    expect(Date.now() - started).toBeGreaterThan(700 + 300)
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('fetches a truncated page again', async () => {
    const { db } = storeFor(sim)
    await admin(sim, '/admin/faults', { kind: 'truncate', count: 2 })
    const r = await sync(db)
    expect(r).toMatchObject({ status: 'ok', retries: 2, quarantined: 0 })
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('ignores duplicate records in a page', async () => {
    const { db } = storeFor(sim)
    await admin(sim, '/admin/faults', { kind: 'duplicate', count: 3 })
    const r = await sync(db)
    expect(r.status).toBe('ok')
    expect(r.unchanged).toBe(r.fetched - r.inserted)
    expect(r.unchanged).toBeGreaterThan(50)
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('loses nothing when records change between pages', async () => {
    const { db } = storeFor(sim)
    await admin(sim, '/admin/faults', { kind: 'changed', count: 4 })
    const r = await sync(db)
    expect(r.status).toBe('ok')
    expect(r.updated).toBeGreaterThan(0) // a record seen on an earlier page came again, newer
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('quarantines malformed records with the reason and payload, and takes them when the upstream fixes them', async () => {
    const { db } = storeFor(sim)
    await admin(sim, '/admin/faults', { kind: 'malformed', count: 2 })
    const r = await sync(db)
    expect(r.status).toBe('ok')
    expect(r.quarantined).toBe(50) // every 4th record of two 100-record pages
    const q = db.prepare('SELECT tracking_id, ref, reason, raw_json FROM sync_quarantine WHERE resolved_at IS NULL ORDER BY id').all() as Record<string, string>[]
    expect(q).toHaveLength(50)
    const reasons = q.map((x) => x.reason).join('\n')
    expect(reasons).toMatch(/title: .*/)
    expect(reasons).toMatch(/updated_at: bukan waktu ISO 8601/)
    expect(reasons).toMatch(/status: /)
    expect(reasons).toMatch(/history\.0\.type/)
    expect(reasons).toMatch(/kecamatan 99\.99\.99 bukan bagian kabupaten 64\.08/)
    expect(q[0].ref).toMatch(/^halaman 1, #\d+$/)
    expect(JSON.parse(q[0].raw_json).tracking_id).toBe(q[0].tracking_id)
    // The rest is stored; the upstream corrects the bad ones and the next sync takes them.
    expect(storeSnapshot(db).length).toBe(simSnapshot(sim).length - 50)
    await admin(sim, '/admin/touch', { tracking_ids: q.map((x) => x.tracking_id) })
    const again = await sync(db)
    expect(again).toMatchObject({ status: 'ok', inserted: 50, quarantined: 0 })
    expect(count(db, 'SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL')).toBe(0)
    expect(storeSnapshot(db)).toEqual(simSnapshot(sim))
  })

  it('refuses a wrong token with a clear reason, without retrying', async () => {
    const { db } = storeFor(sim, { token: 'salah' })
    const r = await sync(db)
    expect(r).toMatchObject({ status: 'failed', retries: 0 })
    expect(r.error).toMatch(/token ditolak hulu \(401\): token tidak dikenal/)
    expect(r.error).not.toMatch(/salah/) // a secret never lands in an error or a log
  })

  it('refuses a second run of the same source while one is running', async () => {
    const { db } = storeFor(sim)
    await admin(sim, '/admin/faults', { kind: 'slow', count: 1, slow_ms: 400 })
    const first = sync(db)
    await new Promise((r) => setTimeout(r, 100))
    await expect(sync(db)).rejects.toThrow(/masih berjalan/)
    expect((await first).status).toBe('ok')
  })
})

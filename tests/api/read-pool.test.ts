// Reads off the server's thread (app/api/read-pool.ts), in serve mode over real HTTP on 127.0.0.1: the heavy
// reads run in worker threads on their own read-only connections and give the same answers as the router on the
// server's thread; a read held in a worker does not stop the server answering; a kept answer is never served after
// a write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { appRouter } from '#main/app/api/router.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { findProfile } from '#main/users/profiles.ts'
import { insertComplaints } from '../fixtures.ts'
import type { SessionUser } from '#main/users/session.ts'

const K = '64.08'
const period = { from: '2026-01-01', to: '2026-10-31' }
// The worker holds each job while gate[0] is 1 (ReadPoolOptions.gate).
const gate = new Int32Array(new SharedArrayBuffer(4))
let dir: string
let ws: Workspace
let server: RunningServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tanggap-read-pool-'))
  ws = openWorkspace(join(dir, 'store.db'))
  generateDemo(ws.db, { kabupaten: K, count: 1500, seed: 16, until: new Date('2026-11-20T03:00:00Z') })
  server = await startServer({ workspace: ws, port: 0, routingUpkeep: false, backups: false, reminders: false, storeCheck: false, readPool: { workers: 1, gate } })
  expect(await server.reads!.ready()).toBe(true)
  // A demo store lists every complaint for the likely-duplicates backfill, which serve mode runs in the background:
  // its commits change the store, so the tests below start once it is done (under the full suite's load it was still
  // committing between two identical reads, which then rightly were not shared).
  const pending = ws.db.prepare('SELECT count(*) FROM serupa_pending').pluck()
  for (const t = Date.now(); pending.get() !== 0 && Date.now() - t < 120_000; ) await new Promise((r) => setTimeout(r, 50))
  expect(pending.get()).toBe(0)
  // The pool's first worker checkpoints the write-ahead log; the app's commits no longer do.
  expect(ws.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
}, 180_000)

afterAll(async () => {
  Atomics.store(gate, 0, 0)
  Atomics.notify(gate, 0)
  await server?.close()
  expect(ws.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
  ws?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function get(path: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`)
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown }
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body.error)}`)
  return withoutClock(body.result!.data)
}

async function post(path: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) })
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown }
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(body.error)}`)
  return body.result!.data
}

/** The same call on the server's thread, through the router itself (no pool), as JSON would carry it. */
async function direct(path: string, input: unknown, user: SessionUser = findProfile(ws.db, 'admin')!): Promise<unknown> {
  const caller = appRouter.createCaller({ db: ws.db, bus: ws.bus, user, app: { mode: 'serve', defaultKabupaten: null } }) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>
  const [a, b] = path.split('.')
  return withoutClock(JSON.parse(JSON.stringify(await caller[a][b](input))))
}

/** The moment an answer was computed (a KPI table's `now`) differs by the milliseconds between the two calls. */
function withoutClock(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v
  const { now: _now, previousAsOf: _asOf, ...rest } = v as Record<string, unknown>
  return rest
}

/** Resolves once `cond` holds, checked after each turn of the event loop (no timing). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r))
}

describe('reads off the server thread', () => {
  it('answer exactly as the router does on the server thread', async () => {
    const calls: [string, unknown][] = [
      ['kpi.table', { kabupaten: K, dim: 'opd', period }],
      ['kpi.table', { kabupaten: K, dim: 'kecamatan', period, filter: { channel: 'web' } }],
      ['kpi.trend', { kabupaten: K, period }],
      ['overview.summary', { kabupaten: K, period }],
      ['overview.latest', { kabupaten: K }],
      ['complaints.queue', { kabupaten: K, queue: 'semua', limit: 50 }],
      ['complaints.queue', { kabupaten: K, queue: 'terlambat', sort: 'terlama', limit: 20, offset: 5 }],
      ['complaints.queueCounts', { kabupaten: K }],
      ['complaints.detail', { id: 1 }],
      ['complaints.detail', { id: 2 }],
      ['isu.unique', { kabupaten: K, period }],
      ['isu.ganda', { kabupaten: K }],
    ]
    const before = server.reads!.stats().offThread
    for (const [path, input] of calls) {
      const pooled = await get(path, input)
      expect(pooled, path).toEqual(await direct(path, input))
    }
    // Each of them ran in the worker, not on this thread.
    expect(server.reads!.stats().offThread - before).toBe(calls.length)
    // A refusal inside the worker comes back as the same error (an unknown complaint).
    const res = await fetch(`${server.url}/trpc/isu.similar?input=${encodeURIComponent(JSON.stringify({ id: 99_999_999 }))}`)
    const direct404 = await direct('isu.similar', { id: 99_999_999 }).then(
      () => null,
      (e: Error) => e.message,
    )
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(direct404)
  }, 120_000)

  it('never gives one role the answer kept for another (identity shown by role)', async () => {
    const admin = findProfile(ws.db, 'admin')!
    const viewer: SessionUser = { id: admin.id + 1000, username: 'lihat', nama: 'Layar', role: 'viewer', kabupaten: null }
    // A complaint whose detail differs between the two roles (the reporter's identity).
    let id = 0
    for (let i = 1; i <= 50 && !id; i++) {
      if (JSON.stringify(await direct('complaints.detail', { id: i })) !== JSON.stringify(await direct('complaints.detail', { id: i }, viewer))) id = i
    }
    expect(id).toBeGreaterThan(0)
    const run = (user: SessionUser) => server.reads!.run('complaints.detail', { id }, user, 'scope', () => {
      throw new Error('ran on the server thread')
    })
    const asAdmin = withoutClock(JSON.parse(JSON.stringify(await run(admin))))
    const asViewer = withoutClock(JSON.parse(JSON.stringify(await run(viewer))))
    expect(asAdmin).toEqual(await direct('complaints.detail', { id }))
    expect(asViewer).toEqual(await direct('complaints.detail', { id }, viewer))
    expect(asViewer).not.toEqual(asAdmin)
  }, 120_000)

  it('a read held in a worker does not stop the server answering other requests', async () => {
    Atomics.store(gate, 0, 1)
    let heavyDone = false
    const heavy = get('kpi.table', { kabupaten: K, dim: 'desa', period }).finally(() => (heavyDone = true))
    // The read has reached the worker, which now holds it.
    await until(() => server.reads!.stats().running === 1)
    // Meanwhile the server answers: a call on its own thread, and a write.
    const status = (await get('calendar.status', { kabupaten: K })) as { kabupaten: string }
    expect(status).toBeTruthy()
    const session = (await get('session', undefined)) as { user: { username: string } }
    expect(session.user.username).toBe('admin')
    expect(heavyDone).toBe(false)
    expect(server.reads!.stats().running).toBe(1)
    Atomics.store(gate, 0, 0)
    Atomics.notify(gate, 0)
    expect(await heavy).toEqual(await direct('kpi.table', { kabupaten: K, dim: 'desa', period }))
  }, 120_000)

  it('a question waiting for a worker is shared even across a write, and its answer includes the write', async () => {
    const page = (await get('complaints.queue', { kabupaten: K, queue: 'verifikasi', limit: 1 })) as { rows: { id: number }[] }
    expect(page.rows.length).toBe(1)
    Atomics.store(gate, 0, 1)
    const held = get('kpi.table', { kabupaten: K, dim: 'kecamatan', period })
    await until(() => server.reads!.stats().running === 1)
    // A question not asked before (nothing kept answers it).
    const input = { kabupaten: K, queue: 'verifikasi', limit: 3 }
    const first = get('complaints.queue', input)
    await until(() => server.reads!.stats().queued === 1)
    await post('complaints.act', { action: 'verify', ids: [page.rows[0].id] })
    const shared0 = server.reads!.stats().shared
    const second = get('complaints.queue', input)
    await until(() => server.reads!.stats().shared === shared0 + 1)
    expect(server.reads!.stats().queued).toBe(1)
    Atomics.store(gate, 0, 0)
    Atomics.notify(gate, 0)
    await held
    const after = (await direct('complaints.queue', input)) as { rows: { id: number }[] }
    expect(after.rows.map((r) => r.id)).not.toContain(page.rows[0].id)
    expect(await first).toEqual(after)
    expect(await second).toEqual(after)
  }, 120_000)

  it('shares an answer until the store changes, never after a write', async () => {
    const input = { kabupaten: K }
    const first = await get('complaints.queueCounts', input)
    const s1 = server.reads!.stats()
    expect(await get('complaints.queueCounts', input)).toEqual(first)
    const s2 = server.reads!.stats()
    expect(s2.hits + s2.shared - (s1.hits + s1.shared)).toBe(1)
    expect(s2.offThread).toBe(s1.offThread)
    // A write over the API: verify a complaint waiting for verification (it leaves the verifikasi queue).
    const page = (await get('complaints.queue', { kabupaten: K, queue: 'verifikasi', limit: 1 })) as { rows: { id: number }[] }
    expect(page.rows.length).toBe(1)
    await post('complaints.act', { action: 'verify', ids: [page.rows[0].id] })
    const after = (await get('complaints.queueCounts', input)) as Record<string, number>
    expect(after.verifikasi).toBe((first as Record<string, number>).verifikasi - 1)
    expect(after).toEqual(await direct('complaints.queueCounts', input))
    // A write outside the API, announced to nobody (as a CLI import would make it): a complaint without a place.
    insertComplaints(ws.db, [{ tracking_id: 'RP-1', submitted: '2026-11-19T02:00:00Z', kecamatan: null }])
    // That write held this process's event loop (the test and the server share it): let the server's keep-alive
    // timer close the idle connection before the next request, instead of racing it on the same socket.
    await new Promise((r) => setTimeout(r, 0))
    const third = (await get('complaints.queueCounts', input)) as Record<string, number>
    expect(third).toEqual(await direct('complaints.queueCounts', input))
    expect(third.tanpa_lokasi).toBe(after.tanpa_lokasi + 1)
  }, 120_000)
})

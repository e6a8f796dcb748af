// The KPI rebuild off the request path (kpi/background-rebuild.ts, kpi/sliced-rebuild.ts): its aggregates equal a
// rebuild from scratch even when the app refreshes complaints while it runs, and the server answers (old or new
// numbers, never an error) while a rebuild runs in a worker thread.
import { describe, expect, it, afterEach } from 'vitest'
import { join } from 'node:path'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { openStore, type Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { addLocalDayOff } from '#main/calendar/store.ts'
import { rebuildKabupaten, refreshComplaints, slaContext, isStale } from '#main/kpi/refresh.ts'
import { rebuildSliced } from '#main/kpi/sliced-rebuild.ts'
import { rebuildInBackground, isRecomputing } from '#main/kpi/background-rebuild.ts'
import { deadlineState, whenRebuilt } from '#main/kpi/rebuild-queue.ts'
import { tempDir } from '../helpers.ts'

const KAB = '64.08'
const NOW = Date.parse('2026-11-20T03:00:00Z')

function dump(db: Db) {
  return {
    sla: db.prepare('SELECT * FROM complaint_sla WHERE kabupaten_kode = ? ORDER BY complaint_id').raw().all(KAB),
    count: db.prepare('SELECT * FROM kpi_count WHERE kabupaten_kode = ? ORDER BY dim, grain, key, day').raw().all(KAB),
    due: db.prepare('SELECT * FROM kpi_due WHERE kabupaten_kode = ? AND n != 0 ORDER BY dim, due_day, key').raw().all(KAB),
  }
}

/** What the store holds after a rebuild from scratch at NOW, restored afterwards is not needed: it is the truth. */
function fromScratch(db: Db) {
  db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, NOW))).immediate()
  return dump(db)
}

/** A local action on one complaint as the app does it: the complaint changes, its deadline row and aggregates follow. */
function act(db: Db): void {
  const ids = db.prepare("SELECT id FROM complaint WHERE kabupaten_kode = ? AND status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses') ORDER BY id LIMIT 1").pluck().all(KAB) as number[]
  expect(ids).toHaveLength(1)
  db.transaction(() => {
    db.prepare("UPDATE complaint SET status = 'selesai', closed_at = ?, updated_at = ? WHERE id = ?").run(NOW - 3_600_000, NOW, ids[0])
    refreshComplaints(db, KAB, ids, slaContext(db, KAB, NOW))
  }).immediate()
}

function demoStore(count: number) {
  const file = join(tempDir(), 'store.db')
  const db = openStore(file)
  generateDemo(db, { kabupaten: KAB, count, seed: 7, until: new Date(NOW) })
  return { file, db }
}

let servers: { server: RunningServer; ws: Workspace }[] = []
afterEach(async () => {
  for (const s of servers) {
    await s.server.close()
    s.ws.close()
  }
  servers = []
})

describe('KPI rebuild off the request path', () => {
  it('sliced: equals a rebuild from scratch, with complaints changed during the slices and after the snapshot', () => {
    const { file, db } = demoStore(1_500)
    addLocalDayOff(db, KAB, '2025-03-03', 'Hari jadi kabupaten')
    expect(isStale(db, KAB)).toBe(true)
    const reader = openStore(file, { readonly: true })
    let during = 0
    let afterSnapshot = 0
    // Corrections written 500 at a time while the snapshot is still being read, between the app's writes.
    const r = rebuildSliced(db, reader, { kabupaten: KAB, now: NOW, slice: 100, digest: false, clear: [], cellBatchMax: 500 }, {
      onProgress: () => (act(db), during++),
      afterSnapshot: () => {
        for (let i = 0; i < 5; i++) act(db), afterSnapshot++
      },
    })
    reader.close()
    expect(r.slices).toBeGreaterThan(2)
    expect(afterSnapshot).toBe(5)
    expect(r.corrected).toBeGreaterThan(0)
    expect(r.swaps).toBeGreaterThan(r.corrected / 500)
    expect(during).toBe(r.slices)
    expect(isStale(db, KAB)).toBe(false)
    // The change log lives only as long as the rebuild.
    expect(db.prepare('SELECT count(*) FROM kpi_rebuild_change').pluck().get()).toBe(0)
    const background = dump(db)
    expect(background.count.length).toBeGreaterThan(100)
    expect(background).toEqual(fromScratch(db))
    db.close()
  }, 120_000)

  it('in a worker thread: equals a rebuild from scratch while the app writes, and reports recomputing meanwhile', async () => {
    const { db } = demoStore(2_000)
    addLocalDayOff(db, KAB, '2025-03-03', 'Hari jadi kabupaten')
    const done = rebuildInBackground(db, KAB, { now: NOW, slice: 50 })
    expect(isRecomputing(db, KAB)).toBe(true)
    let writes = 0
    let settled = false
    void done.finally(() => (settled = true))
    while (!settled) {
      if (writes < 40) act(db), writes++
      await new Promise((r) => setTimeout(r, 20))
    }
    const r = await done
    expect(r.inThread).toBe(false)
    expect(writes).toBeGreaterThan(1)
    expect(isRecomputing(db, KAB)).toBe(false)
    expect(isStale(db, KAB)).toBe(false)
    const background = dump(db)
    expect(background).toEqual(fromScratch(db))
    db.close()
  }, 120_000)

  it('two rebuilds of one kabupaten at once (two connections, as the app and a CLI sync) still equal a rebuild from scratch', async () => {
    const { file, db } = demoStore(1_500)
    addLocalDayOff(db, KAB, '2025-03-03', 'Hari jadi kabupaten')
    const other = openStore(file)
    // Each connection's app runs its own worker: the corrections of one must not be added on top of the other's.
    const [a, b] = await Promise.all([rebuildInBackground(db, KAB, { now: NOW, slice: 50 }), rebuildInBackground(other, KAB, { now: NOW, slice: 70 })])
    expect([a.inThread, b.inThread]).toEqual([false, false])
    other.close()
    expect(isStale(db, KAB)).toBe(false)
    expect(db.prepare("SELECT count(*) FROM setting WHERE key LIKE 'kpi.correcting.%'").pluck().get()).toBe(0)
    const background = dump(db)
    expect(background).toEqual(fromScratch(db))
    db.close()
  }, 180_000)

  it('serve mode answers the KPI screens during a rebuild after a day off is added, then shows the new numbers', async () => {
    const dir = tempDir()
    const seed = openStore(join(dir, 'serve.db'))
    generateDemo(seed, { kabupaten: KAB, count: 4_000, seed: 3 })
    seed.close()
    const ws = openWorkspace(join(dir, 'serve.db'))
    const server = await startServer({ workspace: ws, port: 0, routingUpkeep: false, backups: false, storeCheck: false })
    servers.push({ server, ws })
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] })
    const period = { from: '2025-01-01', to: '2025-12-31' }
    const before = await client.kpi.table.query({ kabupaten: KAB, dim: 'opd', period })
    const added = await client.calendar.addDayOff.mutate({ kabupaten: KAB, date: '2025-03-03', nama: 'Hari jadi' })
    expect(added.deadlines.status).toBe('recomputing')
    const statuses = new Set<string>()
    let answers = 0
    for (;;) {
      const [table, status] = await Promise.all([
        client.kpi.table.query({ kabupaten: KAB, dim: 'opd', period }),
        client.calendar.status.query({ kabupaten: KAB }),
      ])
      expect(table).toBeTruthy()
      answers++
      statuses.add(status.status)
      if (status.status === 'current') break
    }
    await whenRebuilt(ws.db)
    expect(statuses.has('recomputing')).toBe(true)
    expect(answers).toBeGreaterThan(1)
    expect(deadlineState(ws.db, KAB).lastRun?.complaints).toBe(4_000)
    const after = await client.kpi.table.query({ kabupaten: KAB, dim: 'opd', period })
    expect(after).not.toEqual(before)
  }, 120_000)
})

// The API over real HTTP and WebSocket on 127.0.0.1, as the renderer and wall screens use it.
import { afterEach, describe, expect, it } from 'vitest'
import { createTRPCClient, createWSClient, httpBatchLink, wsLink, TRPCClientError } from '@trpc/client'
import WebSocket from 'ws'
import { join } from 'node:path'
import type { AppRouter } from '#main/app/api/router.ts'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempDir } from '../helpers.ts'

let running: { server: RunningServer; ws: Workspace }[] = []
afterEach(async () => {
  for (const r of running) {
    await r.server.close()
    r.ws.close()
  }
  running = []
})

async function start(opts: { host?: string; username?: string } = {}) {
  const ws = openWorkspace(join(tempDir(), 'serve.db'))
  seedKabupaten(ws.db, '64.08')
  const server = await startServer({ workspace: ws, port: 0, ...opts })
  running.push({ server, ws })
  return { ws, server, client: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] }) }
}

const period = { from: '2026-01-01', to: '2026-01-31' }

describe('serve mode API', () => {
  it('binds 127.0.0.1 by default and answers the overview from the store', async () => {
    const { ws, server, client } = await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.token).toBeNull()
    insertComplaints(ws.db, [
      { tracking_id: 'A1', submitted: '2026-01-05T02:00:00Z', status: 'selesai' },
      { tracking_id: 'A2', submitted: '2026-01-06T02:00:00Z', status: 'proses' },
      { tracking_id: 'A3', submitted: '2026-01-07T02:00:00Z', kecamatan: null },
      // 31 Jan 23:30 WITA (15:30 UTC): still January in Kutai Timur.
      { tracking_id: 'A4', submitted: '2026-01-31T15:30:00Z' },
      // 1 Feb 00:30 WITA = 31 Jan 16:30 UTC: February locally, so outside the period.
      { tracking_id: 'A5', submitted: '2026-01-31T16:30:00Z' },
    ])
    const s = await client.overview.summary.query({ kabupaten: '64.08', period })
    expect(s.masuk).toBe(4)
    expect(s.selesai).toBe(1)
    expect(s.persenSelesai).toBe(25)
    expect(s.terbuka).toBe(4) // A2, A3, A4, A5 are open now, whenever they came in
    expect(s.tanpaLokasi).toBe(1)
    expect(s.topKecamatan[0]).toMatchObject({ kode: '64.08.04', nama: 'Sangatta Utara', n: 3 })
    // Every day of the period is listed (quiet days as zero), on local WITA dates.
    expect(s.daily).toHaveLength(31)
    expect(s.daily.filter((d) => d.n > 0).map((d) => d.date)).toEqual(['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-31'])
  })

  it('rejects malformed input with a message that says what is wrong', async () => {
    const { client } = await start()
    const err = await client.overview.summary.query({ kabupaten: 'Kutim', period }).catch((e) => e)
    expect(err).toBeInstanceOf(TRPCClientError)
    expect(err.data.code).toBe('BAD_REQUEST')
    expect(err.message).toMatch(/kode kabupaten/)
    const backwards = await client.overview.summary.query({ kabupaten: '64.08', period: { from: '2026-02-01', to: '2026-01-01' } }).catch((e) => e)
    expect(backwards.message).toMatch(/awal periode/)
    const unknown = await client.overview.summary.query({ kabupaten: '99.99', period }).catch((e) => e)
    expect(unknown.data.code).toBe('NOT_FOUND')
  })

  it('hides rahasia titles from a viewer profile but not from an operator', async () => {
    const { ws, server } = await start()
    insertComplaints(ws.db, [{ tracking_id: 'R1', submitted: '2026-01-05T02:00:00Z', is_rahasia: 1, judul: 'Dugaan pungli di kantor X' }])
    await server.close()
    running = running.filter((r) => r.server !== server)
    upsertProfile(ws.db, 'dinding', 'Layar dinding', 'viewer')
    const asViewer = await startServer({ workspace: ws, port: 0, username: 'dinding' })
    running.push({ server: asViewer, ws })
    const viewer = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${asViewer.url}/trpc` })] })
    expect((await viewer.overview.latest.query({ kabupaten: '64.08' }))[0].judul).toBeNull()
    upsertProfile(ws.db, 'op', 'Operator', 'operator')
    const asOperator = await startServer({ workspace: ws, port: 0, username: 'op' })
    running.push({ server: asOperator, ws })
    const operator = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${asOperator.url}/trpc` })] })
    expect((await operator.overview.latest.query({ kabupaten: '64.08' }))[0].judul).toBe('Dugaan pungli di kantor X')
  })

  it('pushes changes to subscribers over WebSocket, only for their kabupaten', async () => {
    const { ws, server } = await start()
    const wsClient = createWSClient({ url: `${server.url.replace('http', 'ws')}/trpc-ws`, WebSocket: WebSocket as never })
    const client = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] })
    const seen: unknown[] = []
    const started = new Promise<void>((resolve) => {
      const sub = client.live.changes.subscribe(
        { kabupaten: '64.08' },
        { onStarted: () => resolve(), onData: (c) => seen.push(c) },
      )
      running.push({ server: { close: async () => { sub.unsubscribe(); wsClient.close() } } as RunningServer, ws: { close() {} } as Workspace })
    })
    await started
    ws.bus.emit({ kabupaten: '21.03', kind: 'complaints', at: 1, count: 1 })
    ws.bus.emit({ kabupaten: '64.08', kind: 'complaints', at: 2, count: 5 })
    await expect.poll(() => seen.length).toBe(1)
    expect(seen[0]).toMatchObject({ kabupaten: '64.08', count: 5 })
  })

  it('requires a token on a non-loopback address, for HTTP and the page alike', async () => {
    const { server } = await start({ host: '0.0.0.0' })
    expect(server.token).toMatch(/^[\w-]{20,}$/)
    const port = new URL(server.url).port
    const base = `http://127.0.0.1:${port}`
    const anonymous = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${base}/trpc` })] })
    const err = await anonymous.regions.kabupaten.query().catch((e) => e)
    expect(err.data.code).toBe('UNAUTHORIZED')
    expect((await fetch(`${base}/`)).status).toBe(401)
    const withToken = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${base}/trpc`, headers: { authorization: `Bearer ${server.token}` } })],
    })
    expect((await withToken.regions.kabupaten.query()).map((k) => k.kode)).toEqual(['64.08'])
    const link = await fetch(`${base}/?token=${server.token}`, { redirect: 'manual' })
    expect(link.status).toBe(303)
    expect(link.headers.get('set-cookie')).toMatch(/tanggap_token=.*HttpOnly/)
    expect((await fetch(`${base}/?token=wrong`, { redirect: 'manual' })).status).toBe(401)
  })

  it('serves kecamatan boundaries as GeoJSON with the attribution', async () => {
    const { client } = await start()
    const fc = await client.regions.boundaries.query({ level: 'kecamatan', parent: '64.08' })
    expect(fc.features).toHaveLength(18)
    expect(fc.attribution).toMatch(/cahyadsn/)
    const desa = await client.regions.boundaries.query({ level: 'desa', parent: '64.08.04' })
    expect(desa.features.map((f) => f.properties.nama)).toContain('Teluk Lingga')
  })
})

// Export jobs through the API as the app uses it: tRPC over real HTTP and WebSocket on 127.0.0.1 (serve mode),
// the download route, cancel, refusals of bad requests, and the desktop path (a shell that chooses a file).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink, TRPCClientError } from '@trpc/client'
import WebSocket from 'ws'
import { parse } from 'csv-parse/sync'
import type { AppRouter } from '#main/app/api/router.ts'
import { appRouter } from '#main/app/api/router.ts'
import { startServer } from '#main/app/server/serve.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { exportJobs, MAX_RUNNING, type ExportJobState } from '#main/export/jobs.ts'
import { queueCount } from '#main/queue/queries.ts'
import { openStore } from '#main/store/open.ts'
import { ensureDefaultProfiles } from '#main/users/profiles.ts'
import { tempDir } from '../helpers.ts'
import { profile, seedDemo } from './seed.ts'
import type { SessionUser } from '#main/users/session.ts'

// One generated store for the file; each test works on its own copy.
let template: string
let templateDir: string
beforeAll(() => {
  templateDir = mkdtempSync(join(tmpdir(), 'tanggap-export-test-'))
  template = join(templateDir, 'template.db')
  const db = openStore(template)
  ensureDefaultProfiles(db)
  seedDemo(db, 4000)
  profile(db, 'viewer')
  profile(db, 'supervisor')
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}, 120_000)
afterAll(() => rmSync(templateDir, { recursive: true, force: true }))

let cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

function workspace(): Workspace {
  const file = join(tempDir(), 'store.db')
  copyFileSync(template, file)
  const ws = openWorkspace(file)
  cleanups.push(async () => {
    await exportJobs(ws.db).close()
    ws.close()
  })
  return ws
}

async function serve(ws: Workspace, username = 'admin') {
  const server = await startServer({ workspace: ws, port: 0, username })
  const wsClient = createWSClient({ url: `${server.url.replace('http', 'ws')}/trpc-ws`, WebSocket: WebSocket as never })
  cleanups.push(async () => {
    await wsClient.close()
    await server.close()
  })
  const client = createTRPCClient<AppRouter>({
    links: [splitLink({ condition: (op) => op.type === 'subscription', true: wsLink({ client: wsClient }), false: httpBatchLink({ url: `${server.url}/trpc` }) })],
  })
  return { server, client }
}

/** Every state the progress subscription sends, until the job has finished. */
function follow(client: Awaited<ReturnType<typeof serve>>['client'], id: string, onState?: (s: ExportJobState) => void): Promise<ExportJobState[]> {
  return new Promise((resolve, reject) => {
    const seen: ExportJobState[] = []
    const sub = client.exports.progress.subscribe(
      { id },
      {
        onData: (s) => {
          seen.push(s)
          onState?.(s)
          if (s.status !== 'running') {
            sub.unsubscribe()
            resolve(seen)
          }
        },
        onError: reject,
      },
    )
  })
}

const queueAll = { kind: 'queue' as const, kabupaten: '64.08', queue: 'semua' as const }

describe('export jobs over the API', () => {
  it('runs in the background with progress, answers other requests meanwhile, and serves the file to its owner only', async () => {
    const ws = workspace()
    const { server, client } = await serve(ws)
    const total = queueCount(ws.db, { kabupaten: '64.08', queue: 'semua', now: Date.now(), role: 'admin' })
    // What the file will hold, asked beforehand (off the server's thread once its readers are up): the queue's count.
    expect(await client.exports.count.query({ request: queueAll })).toEqual({ total, withoutPeriod: null })
    expect(await client.exports.count.query({ request: { kind: 'recap', kabupaten: '64.08', period: { from: '2026-10-01', to: '2026-10-31' } } })).toBeNull()
    const { job } = await client.exports.start.mutate({ request: queueAll, format: 'xlsx' })
    expect(job).toMatchObject({ status: 'running', rowsTotal: total, format: 'xlsx', savedTo: null, downloadPath: null })
    expect(job!.fileName).toMatch(/^tanggap-antrean-semua-64\.08-\d{4}-\d{2}-\d{2}\.xlsx$/)
    // The app keeps answering while the rows stream out.
    const during = await client.complaints.queueCounts.query({ kabupaten: '64.08' })
    expect(during.semua).toBe(total)

    const states = await follow(client, job!.id)
    const last = states.at(-1)!
    expect(last).toMatchObject({ status: 'done', rowsDone: total, downloadPath: `/export/${job!.id}` })
    expect(states.slice(0, -1).every((s) => s.status === 'running' && s.rowsDone <= total)).toBe(true)
    expect(await client.exports.status.query({ id: job!.id })).toMatchObject({ status: 'done' })

    const res = await fetch(`${server.url}${last.downloadPath}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toContain(`filename="${job!.fileName}"`)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.subarray(0, 2).toString()).toBe('PK')
    expect(body.length).toBe(last.bytes)

    // Another profile on the same store: the job does not exist for it.
    const other = await serve(ws, 'uji-viewer')
    expect((await fetch(`${other.server.url}${last.downloadPath}`)).status).toBe(404)
    const err = await other.client.exports.status.query({ id: job!.id }).catch((e) => e)
    expect(err.data.code).toBe('NOT_FOUND')
    expect((await fetch(`${server.url}/export/00000000-0000-4000-8000-000000000000`)).status).toBe(404)

    // Who took what out of the app is in the audit log.
    const audit = ws.db.prepare("SELECT username, after_json FROM audit_log WHERE action = 'export' AND entity_id = ?").get(job!.id) as { username: string; after_json: string }
    expect(audit.username).toBe('admin')
    expect(JSON.parse(audit.after_json)).toMatchObject({ format: 'xlsx', hasIdentity: true, request: { queue: 'semua' } })
  })

  it('a CSV download opens with csv-parse and holds the whole queue', async () => {
    const ws = workspace()
    const { server, client } = await serve(ws, 'uji-supervisor')
    const { job } = await client.exports.start.mutate({ request: { ...queueAll, queue: 'semua_terbuka', sort: 'tenggat' }, format: 'csv', delimiter: ',' })
    const last = (await follow(client, job!.id)).at(-1)!
    const text = await (await fetch(`${server.url}${last.downloadPath}`)).text()
    const rows = parse(text.replace(/^\uFEFF/, ''), { delimiter: ',' }) as string[][]
    expect(rows.pop()?.[0], 'the audit head closes the file').toMatch(/^Kepala log audit: (entri \d+ · hash [0-9a-f]{64}|log audit masih kosong)/)
    const expected = ws.db
      .prepare(
        `SELECT c.tracking_id FROM complaint c JOIN complaint_sla s ON s.complaint_id = c.id
         WHERE c.status IN ('belum_terverifikasi', 'belum_ditindaklanjuti', 'proses') ORDER BY s.next_due_at IS NULL, s.next_due_at, c.id`,
      )
      .pluck()
      .all()
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected)
  })

  it('cancels a running export and leaves no file behind', async () => {
    const ws = workspace()
    const { client } = await serve(ws)
    const { job } = await client.exports.start.mutate({ request: queueAll, format: 'xlsx' })
    // Cancel once rows are being written, so there really is a half-written file to clean up.
    let cancelling: Promise<ExportJobState> | null = null
    const states = await follow(client, job!.id, (s) => {
      if (s.status === 'running' && s.rowsDone > 0 && !cancelling) cancelling = client.exports.cancel.mutate({ id: job!.id })
    })
    expect((await cancelling!)?.status).toBe('running') // it stops at its next pause
    const last = states.at(-1)!
    expect(last.status).toBe('cancelled')
    expect(last.rowsDone).toBeLessThan(job!.rowsTotal!)
    expect(last.downloadPath).toBeNull()
    const dirs = readdirSync(join(process.env.TMPDIR ?? '/tmp')).filter((d) => d.startsWith('tanggap-export-'))
    for (const d of dirs) expect(readdirSync(join(process.env.TMPDIR ?? '/tmp', d)).filter((f) => f.startsWith(job!.id))).toEqual([])
  })

  it('refuses bad requests with a message that says what and where', async () => {
    const ws = workspace()
    const { client } = await serve(ws)
    const fail = (input: unknown): Promise<TRPCClientError<AppRouter>> =>
      client.exports.start.mutate(input as never).then(
        () => {
          throw new Error('accepted a bad request')
        },
        (e: TRPCClientError<AppRouter>) => e,
      )

    const unknownQueue = await fail({ request: { ...queueAll, queue: 'antrean_lain' }, format: 'csv' })
    expect(unknownQueue).toBeInstanceOf(TRPCClientError)
    expect(unknownQueue.data?.code).toBe('BAD_REQUEST')
    expect(unknownQueue.message).toContain('antrean tidak dikenal: \\"antrean_lain\\"')

    const backwards = await fail({ request: { kind: 'recap', kabupaten: '64.08', period: { from: '2026-02-01', to: '2026-01-01' } }, format: 'xlsx' })
    expect(backwards.data?.code).toBe('BAD_REQUEST')
    expect(backwards.message).toMatch(/awal periode harus sebelum akhir periode/)

    const notADate = await fail({ request: { kind: 'kpi', kabupaten: '64.08', period: { from: '2026-02-30', to: '2026-03-31' } }, format: 'xlsx' })
    expect(notADate.data?.code).toBe('BAD_REQUEST')
    expect(notADate.message).toMatch(/"period",\s*"from"/)

    const badFormat = await fail({ request: queueAll, format: 'pdf' })
    expect(badFormat.message).toMatch(/format tidak dikenal: \\"pdf\\"/)

    const unknownKab = await fail({ request: { ...queueAll, kabupaten: '99.99' }, format: 'csv' })
    expect(unknownKab.data?.code).toBe('NOT_FOUND')
    expect(unknownKab.message).toMatch(/Kabupaten 99\.99 tidak ada/)

    // Choosing a place to save is the desktop's; a browser downloads.
    const saveAs = await fail({ request: queueAll, format: 'csv', saveAs: true })
    expect(saveAs.message).toMatch(/aplikasi desktop/)

    // Nothing was started by any of these.
    expect(ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export'").pluck().get()).toBe(0)
  })

  it(`runs at most ${MAX_RUNNING} exports at once and says so`, async () => {
    const ws = workspace()
    const admin = ws.db.prepare("SELECT id, username, nama, role FROM app_user WHERE username = 'admin'").get() as SessionUser
    const jobs = exportJobs(ws.db)
    const started = Array.from({ length: MAX_RUNNING }, () => jobs.start({ user: admin, request: { ...queueAll, sort: 'terlama' }, format: { format: 'csv', delimiter: ';' } }))
    expect(() => jobs.start({ user: admin, request: { ...queueAll, sort: 'terlama' }, format: { format: 'csv', delimiter: ';' } })).toThrow(/Sudah 2 ekspor berjalan/)
    for (const s of started) jobs.cancel(s.id, admin)
  })
})

describe('the desktop path', () => {
  it('writes to the file chosen in the save dialog, and does nothing when the dialog is closed', async () => {
    const ws = workspace()
    const user = ws.db.prepare("SELECT id, username, nama, role FROM app_user WHERE username = 'admin'").get() as SessionUser
    const chosen = join(tempDir(), 'Rekap Oktober.xlsx')
    const asked: string[] = []
    let answer: string | null = chosen
    const caller = appRouter.createCaller({
      db: ws.db,
      bus: ws.bus,
      user,
      app: { mode: 'desktop', defaultKabupaten: null },
      shell: { chooseSavePath: async (name) => (asked.push(name), answer) },
    })
    const request = { kind: 'recap' as const, kabupaten: '64.08', period: { from: '2026-10-01', to: '2026-10-31' } }
    const { job } = await caller.exports.start({ request, format: 'xlsx', saveAs: true })
    expect(asked).toEqual([expect.stringMatching(/^tanggap-rekap-2026-10-64\.08-\d{4}-\d{2}-\d{2}\.xlsx$/)])
    expect(job!.savedTo).toBe(chosen)
    for await (const s of exportJobs(ws.db).watch(job!.id, user)) if (s.status !== 'running') expect(s).toMatchObject({ status: 'done', downloadPath: null })
    expect(readFileSync(chosen).subarray(0, 2).toString()).toBe('PK')
    expect(existsSync(`${chosen}.part`)).toBe(false)

    answer = null
    expect(await caller.exports.start({ request, format: 'csv', saveAs: true })).toEqual({ job: null })
  })

  it('a cancelled export leaves neither the chosen file nor a partial one', async () => {
    const ws = workspace()
    const user = ws.db.prepare("SELECT id, username, nama, role FROM app_user WHERE username = 'admin'").get() as SessionUser
    const chosen = join(tempDir(), 'antrean.xlsx')
    const jobs = exportJobs(ws.db)
    const job = jobs.start({ user, request: { ...queueAll, sort: 'terlama' }, format: { format: 'xlsx', delimiter: ';' }, destination: chosen })
    let cancelledAt = -1
    for await (const s of jobs.watch(job.id, user)) {
      // Cancel once some rows are out, so the file really was half written.
      if (s.status === 'running' && s.rowsDone > 0 && cancelledAt < 0) {
        cancelledAt = s.rowsDone
        jobs.cancel(job.id, user)
      }
      if (s.status !== 'running') expect(s.status).toBe('cancelled')
    }
    expect(cancelledAt).toBeGreaterThan(0)
    expect(existsSync(chosen)).toBe(false)
    expect(existsSync(`${chosen}.part`)).toBe(false)
  })
})

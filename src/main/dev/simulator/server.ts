// `tanggap simulate`: a local upstream speaking lapor-json and Open311 GeoReport v2 from a generated dataset,
// kept alive by a steady stream of changes, with faults injected on request. It stands in for LAPOR! on
// machines without access to it: the demo syncs from it, and the sync tests run against it over real HTTP.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { API_PREFIX } from '#main/sync/connectors/lapor-json/contract.ts'
import { openSimStore, type SimDataset, type SimStore } from './store.ts'
import { Faults, FAULT_KINDS, type FaultKind, type FaultScope } from './faults.ts'
import { Mutator, type Change } from './live.ts'
import { handleLapor, isLaporData } from './lapor.ts'
import { OPEN311_PREFIX, handleOpen311, isOpen311Data } from './open311.ts'
import type { Reply } from './actions.ts'

export type SimulatorOptions = {
  port?: number
  host?: string
  /** Datasets to generate when the store does not hold them yet. */
  datasets: SimDataset[]
  /** Store file; default: a temporary file removed on close. */
  file?: string
  /** End of the generated three-year span (default now). */
  until?: Date
  /** Changes per minute across all kabupaten (0: a still upstream). */
  ratePerMinute?: number
  seed?: number
  /** Bearer tokens; default `sim-<kode>` for each kabupaten. */
  tokens?: Record<string, string>
  log?: (line: string) => void
}

export type RunningSimulator = {
  url: string
  store: SimStore
  faults: Faults
  tokens: Map<string, string>
  /** Default token of a kabupaten. */
  tokenFor(kabupaten: string): string
  setRate(perMinute: number): void
  /** Apply n changes now (tests and demos that cannot wait for the clock). */
  tick(n?: number): Change[]
  close(): Promise<void>
}

export const defaultToken = (kabupaten: string) => `sim-${kabupaten}`

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const tempDir = opts.file ? null : mkdtempSync(join(tmpdir(), 'tanggap-sim-'))
  const store = openSimStore(opts.file ?? join(tempDir!, 'upstream.db'), opts.datasets, opts.until, opts.log)
  const faults = new Faults()
  const mutator = new Mutator(store, opts.seed ?? 1)
  const tokens = new Map<string, string>()
  for (const kab of store.kabupaten) tokens.set(defaultToken(kab), kab)
  for (const [token, kab] of Object.entries(opts.tokens ?? {})) tokens.set(token, kab)
  let round = 0
  const tick = (n = 1): Change[] => {
    const out: Change[] = []
    for (let i = 0; i < n && store.kabupaten.length; i++) {
      const c = mutator.step(store.kabupaten[round++ % store.kabupaten.length])
      if (c) out.push(c)
    }
    return out
  }
  let timer: NodeJS.Timeout | null = null
  const setRate = (perMinute: number) => {
    if (timer) clearInterval(timer)
    timer = null
    if (perMinute > 0) {
      // At most 20 wake-ups a second; higher rates apply several changes per wake-up.
      const every = Math.max(50, 60_000 / perMinute)
      const perTick = Math.max(1, Math.round((perMinute * every) / 60_000))
      timer = setInterval(() => tick(perTick), every)
      timer.unref()
    }
  }
  setRate(opts.ratePerMinute ?? 0)

  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: { code: 'internal', message: String(e) } } }, null)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim')
    const path = url.pathname
    const method = req.method ?? 'GET'
    if (path.startsWith('/admin/')) return send(res, await admin(method, path, req), null)
    const isLapor = path.startsWith(API_PREFIX)
    const isOpen311 = path.startsWith(OPEN311_PREFIX)
    if (!isLapor && !isOpen311) return send(res, { status: 404, body: { error: { code: 'not_found', message: `tidak ada ${path}` } } }, null)
    const fault = faults.take(isLaporData(method, path) || isOpen311Data(method, path), url.searchParams)
    if (fault === 'timeout') return // never answers; the client's own time limit must end it
    if (fault === 'slow') await new Promise((r) => setTimeout(r, faults.slowMs))
    if (fault === '500' || fault === '503' || fault === '429') {
      const status = Number(fault)
      const message = status === 429 ? 'terlalu banyak permintaan' : status === 503 ? 'layanan sedang pemeliharaan' : 'kesalahan server'
      const body = isOpen311 ? [{ code: status, description: message }] : { error: { code: status === 429 ? 'rate_limited' : 'unavailable', message, retry_after_s: 1 } }
      return send(res, { status, body }, null, status === 500 ? {} : { 'Retry-After': '1' })
    }
    if (isOpen311) return send(res, handleOpen311(store, method, path, url.searchParams, fault), fault)
    const auth = req.headers.authorization
    const body = method === 'POST' ? await readJson(req) : undefined
    if (body instanceof Error) return send(res, { status: 400, body: { error: { code: 'bad_json', message: body.message } } }, null)
    return send(res, handleLapor(store, tokens, mutator, { method, path, query: url.searchParams, token: auth?.startsWith('Bearer ') ? auth.slice(7) : null, body, fault }), fault)
  }

  async function admin(method: string, path: string, req: IncomingMessage): Promise<Reply> {
    const body = (method === 'POST' ? await readJson(req) : {}) as Record<string, unknown> | Error
    if (body instanceof Error) return { status: 400, body: { error: { code: 'bad_json', message: body.message } } }
    if (path === '/admin/faults' && method === 'DELETE') {
      faults.clear()
      return { status: 200, body: { armed: [] } }
    }
    if (path === '/admin/faults' && method === 'POST') {
      const kind = String(body.kind) as FaultKind
      if (!FAULT_KINDS.includes(kind)) return { status: 400, body: { error: { code: 'bad_fault', message: `kind harus salah satu dari ${FAULT_KINDS.join(', ')}` } } }
      if (typeof body.slow_ms === 'number') faults.slowMs = body.slow_ms
      faults.arm(kind, {
        count: typeof body.count === 'number' ? body.count : 1,
        scope: (body.scope as FaultScope) === 'any' ? 'any' : 'data',
        probability: typeof body.probability === 'number' ? body.probability : null,
      })
      return { status: 200, body: { armed: faults.list() } }
    }
    if (path === '/admin/tick' && method === 'POST') return { status: 200, body: { changes: tick(typeof body.n === 'number' ? body.n : 1) } }
    if (path === '/admin/touch' && method === 'POST') {
      const ids = Array.isArray(body.tracking_ids) ? body.tracking_ids.map(String) : []
      const changes = ids.flatMap((t) => {
        const id = store.db.prepare('SELECT id FROM complaint WHERE tracking_id = ?').pluck().get(t) as number | undefined
        const c = id === undefined ? null : mutator.touch(id)
        return c ? [c] : []
      })
      return { status: 200, body: { changes } }
    }
    if (path === '/admin/rate' && method === 'POST') {
      setRate(typeof body.per_minute === 'number' ? body.per_minute : 0)
      return { status: 200, body: { per_minute: body.per_minute } }
    }
    if (path === '/admin/state' && method === 'GET') {
      const kabupaten = store.kabupaten.map((kode) => ({
        kode,
        complaints: store.db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(kode),
        events: store.db.prepare('SELECT count(*) FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id WHERE c.kabupaten_kode = ?').pluck().get(kode),
        token: [...tokens].find(([, k]) => k === kode)?.[0],
      }))
      return { status: 200, body: { kabupaten, faults: faults.list() } }
    }
    return { status: 404, body: { error: { code: 'not_found', message: `tidak ada ${method} ${path}` } } }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    store,
    faults,
    tokens,
    tokenFor: (kab) => [...tokens].find(([, k]) => k === kab)?.[0] ?? defaultToken(kab),
    setRate,
    tick,
    close: async () => {
      setRate(0)
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      store.close()
      if (tempDir) rmSync(tempDir, { recursive: true, force: true })
    },
  }
}

function send(res: ServerResponse, reply: Reply, fault: FaultKind | null, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(reply.body)
  if (fault === 'truncate') {
    // Chunked, then cut: the client sees a body that ends mid-JSON, as after a dropped proxy connection.
    res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
    res.end(text.slice(0, Math.floor(text.length / 2)))
    return
  }
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req) {
    size += (c as Buffer).length
    if (size > 2_000_000) return new Error('isi permintaan lebih dari 2 MB')
    chunks.push(c as Buffer)
  }
  if (size === 0) return {}
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch (e) {
    return new Error(`isi permintaan bukan JSON: ${(e as Error).message}`)
  }
}

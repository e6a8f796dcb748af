// Serve mode: one Node process serving the built renderer and the tRPC API over HTTP and WebSocket.
// Bound to 127.0.0.1 by default. Any other address requires a token, because the API exposes personal data.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import { applyWSSHandler } from '@trpc/server/adapters/ws'
import { WebSocketServer } from 'ws'
import { appRouter } from '../api/router.ts'
import type { Context, SessionUser } from '../api/context.ts'
import type { Workspace } from '../workspace/open.ts'
import { findProfile } from '../users/profiles.ts'
import { serveStatic, SECURITY_HEADERS } from './static.ts'
import { isExportDownload, serveExportDownload } from './export-download.ts'
import { startRoutingUpkeep } from '../routing/upkeep.ts'

export type ServeOptions = {
  workspace: Workspace
  host?: string
  port?: number
  /** Built renderer folder; without it only the API is served. */
  staticDir?: string
  /** Profile every request acts as (local profiles; login per user arrives with the security work). */
  username?: string
  /** Required on non-loopback hosts; generated when absent. */
  token?: string
  /** Kabupaten the screens open on (a store may hold several). */
  defaultKabupaten?: string
}

export type RunningServer = { url: string; token: string | null; server: Server; close(): Promise<void> }

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const token = isLoopback(host) ? (opts.token ?? null) : (opts.token ?? randomBytes(24).toString('base64url'))
  const { db, bus } = opts.workspace
  const username = opts.username ?? 'admin'
  const profile = findProfile(db, username)
  if (!profile) throw new Error(`Profil pengguna "${username}" tidak ada di berkas data`)

  const isAuthorised = (req: IncomingMessage) => token === null || safeEqual(tokenOf(req), token)
  const createContext = ({ req }: { req: IncomingMessage }): Context => ({
    db,
    bus,
    user: isAuthorised(req) ? (findProfile(db, username) as SessionUser) : null,
    app: { mode: 'serve', defaultKabupaten: opts.defaultKabupaten ?? null },
  })

  const trpc = createHTTPHandler({ router: appRouter, createContext, basePath: '/trpc/' })
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/trpc/')) return trpc(req, res)
    if (token && req.url?.includes('token=')) return acceptTokenLink(req, res, token)
    if (isExportDownload(req)) return serveExportDownload(req, res, db, isAuthorised(req) ? findProfile(db, username) : null)
    if (!isAuthorised(req)) {
      res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      return res.end('Perlu token akses: buka tautan bertoken yang dicetak saat server dimulai')
    }
    if (opts.staticDir) return serveStatic(opts.staticDir, req, res)
    res.writeHead(404, SECURITY_HEADERS).end()
  })
  const wss = new WebSocketServer({ server, path: '/trpc-ws' })
  const wsHandler = applyWSSHandler({ wss, router: appRouter, createContext, keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 } })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 5180, host, () => resolve())
  })
  // Serve mode is the app: routing keeps learning from whatever reaches the store while it runs.
  const stopRouting = startRoutingUpkeep(db, bus)
  const { port } = server.address() as AddressInfo
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}`,
    token,
    server,
    close: async () => {
      stopRouting()
      wsHandler.broadcastReconnectNotification()
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function tokenOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7)
  const cookie = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith('tanggap_token='))
  return cookie?.slice('tanggap_token='.length)
}

function safeEqual(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** A link with ?token=… sets an HttpOnly cookie and redirects, so the token leaves the address bar. */
function acceptTokenLink(req: IncomingMessage, res: import('node:http').ServerResponse, token: string): void {
  const url = new URL(req.url ?? '/', 'http://local')
  const given = url.searchParams.get('token') ?? undefined
  url.searchParams.delete('token')
  if (!safeEqual(given, token)) {
    res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
    return void res.end('Token akses salah')
  }
  res.writeHead(303, {
    ...SECURITY_HEADERS,
    'Set-Cookie': `tanggap_token=${token}; HttpOnly; SameSite=Strict; Path=/`,
    Location: url.pathname + url.search,
  })
  res.end()
}

// Serve mode: one Node process serving the built renderer and the tRPC API over HTTP and WebSocket.
// Bound to 127.0.0.1 by default. Any other address requires authentication, because the API exposes personal
// data: the generated access token (acts as the --user profile, for wall displays) or a user's own sign-in
// (a local profile with a password; its session carries the profile's role). Every procedure then checks the
// role on the server (api/trpc.ts), whatever the transport.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import { applyWSSHandler } from '@trpc/server/adapters/ws'
import { WebSocketServer, type WebSocket } from 'ws'
import { appRouter } from '../api/router.ts'
import type { Context } from '../api/context.ts'
import { createReadPool, type ReadPool, type ReadPoolOptions } from '../api/read-pool.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { Workspace } from '../workspace/open.ts'
import { startBackgroundWork, type BackgroundWork } from '../workspace/background.ts'
import { findProfile } from '#main/users/profiles.ts'
import { roleAtLeast, type Role } from '#shared/roles.ts'
import { createSessions, type SessionOptions } from '#main/auth/sessions.ts'
import { createLoginLimiters } from '#main/auth/sign-in.ts'
import { uiSettings } from '#main/settings/ui.ts'
import { serveStatic, SECURITY_HEADERS } from './static.ts'
import { isExportDownload, serveExportDownload } from './export-download.ts'
import { checkStoreAtStart } from '#main/background/store-check.ts'
import { contentSecurityPolicy } from './csp.ts'
import { MAX_BATCH_CALLS } from '#shared/domain.ts'
import { handleLogin, handleLogout, sendLoginPage, SESSION_COOKIE, type LoginDeps } from './login.ts'
import { settlesWithin } from '#main/background/pace.ts'

/** Each background task (workspace/background.ts) can be switched off where a test compares store states. */
export type ServeOptions = BackgroundWork & {
  workspace: Workspace
  host?: string
  port?: number
  /** Built renderer folder; without it only the API is served. */
  staticDir?: string
  /** Profile that the access token, and on an open loopback server every request, acts as. */
  username?: string
  /** Access token; generated on non-loopback hosts when absent. false: no token at all, only user sign-in. */
  token?: string | false
  /** The most the access token may do: it acts as the --user profile with at most this role (default viewer, what
   *  a wall display needs), so a printed link never silently carries admin rights. */
  tokenRole?: Role
  /** Require a token or sign-in on 127.0.0.1 too (a PC shared by several officials). */
  requireAuth?: boolean
  /** Behind a reverse proxy: read the client's address from X-Forwarded-For (sign-in limits, logs, audit). */
  trustProxy?: boolean
  /** Kabupaten the screens open on (a store may hold several). */
  defaultKabupaten?: string
  sessions?: SessionOptions
  /** Run SQLite's quick check of the store once at start, in a worker thread (default true). */
  storeCheck?: boolean
  /** Run the heavy reads (KPI tables, queue pages and totals, overview, isu, wall, briefing) in worker threads with
   *  their own read-only connections and share identical answers within a data revision (api/read-pool.ts; default
   *  on). false: every read on the server's thread, as before. */
  readPool?: ReadPoolOptions | false
  log?(line: string): void
}


export type RunningServer = { url: string; token: string | null; server: Server; reads: ReadPool | null; close(): Promise<void> }

/** API requests (JSON or tRPC batches) larger than this are refused before parsing. */
const MAX_API_BODY = 1024 * 1024
/** An upload to the import (imports.inspect / imports.run, one call per request): a 48 MB file is 64 MiB of
 *  base64 (the limit the import router states), plus the rest of the call. Everything else keeps MAX_API_BODY. */
const MAX_UPLOAD_BODY = 65 * 1024 * 1024
const UPLOAD_PATHS = new Set(['/trpc/imports.inspect', '/trpc/imports.run'])

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1'
  const loopback = isLoopback(host)
  const token = opts.token === false ? null : (opts.token ?? (loopback ? null : randomBytes(24).toString('base64url')))
  // Open: on this machine only, nobody asked for a sign-in; every request acts as the --user profile.
  const isOpen = loopback && token === null && !opts.requireAuth
  const { db, bus } = opts.workspace
  const username = opts.username ?? 'admin'
  if (!findProfile(db, username)) throw new Error(`Profil pengguna "${username}" tidak ada di berkas data`)
  const log = opts.log ?? ((line: string) => console.error(line))
  const sessions = createSessions(db, opts.sessions)
  const login: LoginDeps = {
    db,
    sessions,
    limiters: createLoginLimiters(),
    trustProxy: opts.trustProxy,
    log,
  }
  const app = { mode: 'serve' as const, defaultKabupaten: opts.defaultKabupaten ?? null }
  const tokenRole = opts.tokenRole ?? 'viewer'
  // Workers start with the first heavy read; until one has loaded, reads run on this thread.
  const reads = opts.readPool === false ? null : createReadPool(db, app, opts.readPool)
  const pooled = reads ?? undefined
  /** The --user profile as the access token acts: its role capped at --token-role, read afresh on every call. */
  const tokenUser = (): SessionUser | null => {
    const user = findProfile(db, username)
    return user && !roleAtLeast(tokenRole, user.role) ? { ...user, role: tokenRole } : user
  }

  /** Who a request is: a signed-in session first, then the access token, then the open local profile. */
  const identify = (req: IncomingMessage, extra?: unknown): { user: SessionUser | null; session: string | null } => {
    const given = credentialsOf(req, extra)
    for (const c of given) {
      const user = sessions.userOf(c)
      if (user) return { user, session: c }
    }
    if (token !== null && given.some((c) => safeEqual(c, token))) return { user: tokenUser(), session: null }
    return { user: isOpen ? findProfile(db, username) : null, session: null }
  }

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_API_BODY,
    // One request must not hold the server for everyone: a longer batch is refused before any call runs
    // (the message is put in Indonesian by the error formatter in api/trpc.ts).
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: ({ req }): Context => ({ db, bus, user: identify(req).user, app, reads: pooled }),
  })
  const upload = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_UPLOAD_BODY,
    maxBatchSize: 1,
    createContext: ({ req }): Context => ({ db, bus, user: identify(req).user, app }),
  })

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]
    if (!isAllowedHost(req, loopback) || !isSameOrigin(req)) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      return res.end('Ditolak: permintaan dari situs lain atau nama host yang tidak dikenal')
    }
    if (path.startsWith('/trpc/')) {
      // API answers hold personal data: never kept by a browser or proxy cache, never sniffed as another type.
      res.setHeader('Cache-Control', 'no-store')
      res.setHeader('X-Content-Type-Options', 'nosniff')
      // Only a single import call (no batch: its path would list several procedures) gets the upload's limit.
      return UPLOAD_PATHS.has(path) && req.method === 'POST' ? upload(req, res) : trpc(req, res)
    }
    if (path === '/auth/login' && req.method === 'POST') return handleLogin(req, res, login)
    if (path === '/auth/logout' && req.method === 'POST') return handleLogout(res, identify(req).session, login)
    if (path === '/login') return sendLoginPage(res, 200)
    if (token && req.url?.includes('token=')) return acceptTokenLink(req, res, token)
    // An export file goes only to the profile that started it (export-download.ts checks the owner).
    if (isExportDownload(req)) return serveExportDownload(req, res, db, identify(req).user)
    // The page asked for (a wall display's bookmark) is where the sign-in leads back to.
    if (!identify(req).user) return sendLoginPage(res, 401, token ? 'Masuk, atau buka tautan bertoken yang dicetak saat server dimulai.' : undefined, '', req.url)
    // The map's tile server (Pengaturan) is the one outside origin the page may load images from.
    const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': contentSecurityPolicy({ tileUrl: uiSettings(db).tileUrl }) }
    if (opts.staticDir) return serveStatic(opts.staticDir, req, res, headers)
    res.writeHead(404, headers).end()
  }
  const server = createServer((req, res) => {
    // Whatever a request holds, it must not take the server down for everyone else.
    Promise.resolve(handle(req, res)).catch((err: unknown) => {
      // The path only: a query string may carry the access token (?token=…), and logs are read by others.
      log(`tanggap: permintaan ${req.method} ${loggableUrl(req.url)} gagal: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent) res.writeHead(500, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Kesalahan server')
    })
  })

  const wss = new WebSocketServer({
    server,
    path: '/trpc-ws',
    maxPayload: MAX_API_BODY,
    // A page on another site must not open a socket to this API with the user's cookie (cross-site WebSocket
    // hijacking), nor may a rebound DNS name reach an open loopback server.
    verifyClient: ({ req }: { req: IncomingMessage }) => isAllowedHost(req, loopback) && isSameOrigin(req),
  })
  // Open sockets per session, so that signing out (or a session expiring) also closes them.
  const socketsOf = new Map<string, Set<WebSocket>>()
  const track = (session: string | null, socket: WebSocket) => {
    if (!session) return
    const set = socketsOf.get(session) ?? new Set()
    set.add(socket)
    socketsOf.set(session, set)
    socket.once('close', () => set.delete(socket))
  }
  sessions.onEnd((ended) => {
    const sockets = socketsOf.get(ended) ?? new Set()
    socketsOf.delete(ended)
    // A moment later, so the call that found the session ended still gets its UNAUTHORIZED answer first.
    setTimeout(() => sockets.forEach((socket) => socket.close(4401, 'sesi berakhir')), 100)
  })
  // A browser's cookie is known at the upgrade; a { token } connection param only with the first message.
  wss.on('connection', (socket, req) => track(identify(req).session, socket))
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    createContext: ({ req, res, info }): Context => {
      // Browsers send the cookie with the upgrade; other programs may pass { token } as connection params.
      const extra = (info.connectionParams as Record<string, unknown> | null)?.token
      track(identify(req, extra).session, res)
      // One context serves the whole connection: the user is looked up again on every call, so a session that
      // ends or a profile that changes role takes effect on an open socket too.
      return {
        db,
        bus,
        app,
        reads: pooled,
        get user() {
          return identify(req, extra).user
        },
      }
    },
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 5180, host, () => resolve())
  })
  // Serve mode is the app: the store's background work runs while it serves (workspace/background.ts, the same
  // tasks as on the desktop), each in small slices on this thread or in a worker.
  const stopBackground = startBackgroundWork(db, bus, { ...opts, log })
  // The store's quick check reads every page: in a worker, so the server answers meanwhile (store/check.ts).
  // Closing stops it and waits for its worker to exit, so that the store is closed (and its folder gone, in tests)
  // once no reader of it is left — but not for long: a worker inside SQLite's check goes on until the check ends (on
  // the 1,000,000-complaint store, stopped 1.5 s in, it exited 30.3 s after the start), and Ctrl-C must not wait
  // for that. The process exits right after, which ends it.
  const stopCheck = new AbortController()
  const checking = opts.storeCheck !== false ? checkStoreAtStart(db, log, stopCheck.signal) : null
  const { port } = server.address() as AddressInfo
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shownHost}:${port}`,
    token,
    server,
    reads,
    close: async () => {
      stopCheck.abort()
      stopBackground()
      wsHandler.broadcastReconnectNotification()
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await reads?.close()
      // At most CHECK_STOP_WAIT_MS for the store check's worker to exit.
      if (checking) await settlesWithin(checking, CHECK_STOP_WAIT_MS)
    },
  }
}

/** The longest serve mode's close waits for the store check's worker to exit. */
const CHECK_STOP_WAIT_MS = 2_000

function cookie(req: IncomingMessage, name: string): string | undefined {
  const found = req.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(name + '='))
  return found?.slice(name.length + 1)
}

/** Every secret a request presents: bearer header, WebSocket connection param, session and token cookies. */
function credentialsOf(req: IncomingMessage, extra?: unknown): string[] {
  const auth = req.headers.authorization
  const given = [
    auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
    typeof extra === 'string' ? extra : undefined,
    cookie(req, SESSION_COOKIE),
    cookie(req, 'tanggap_token'),
  ]
  return given.filter((c): c is string => typeof c === 'string' && c.length > 0 && c.length <= 256)
}

function safeEqual(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** On a loopback bind the Host header must name this machine: a site that rebinds its DNS name to 127.0.0.1
 *  would otherwise read the open local API from the user's browser. */
function isAllowedHost(req: IncomingMessage, loopback: boolean): boolean {
  if (!loopback) return true
  const hostname = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
  return hostname === 'localhost' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
}

/** Browsers name the page's origin on cross-site and non-GET requests; it must be this server. */
function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}

/** What of a request's address may go into a log: the path without its query string (which may hold the access
 *  token), and nothing that looks like a token in the path either. */
export function loggableUrl(raw: string | undefined): string {
  const url = raw ?? '/'
  const cut = url.search(/[?#]/)
  const path = (cut < 0 ? url : url.slice(0, cut)).slice(0, 200).replace(/(token=)[^&;/]*/gi, '$1…')
  return cut < 0 ? path : `${path}?…`
}

/** Where a redirect on this server may lead: a path here, never "//other.site" or "/\\other.site", which browsers
 *  read as another site. The URL parser has already resolved "." and ".." ("/.//evil" → "//evil"), so the leading
 *  run of slashes and backslashes is collapsed to one after parsing. */
export function sameOriginPath(url: URL): string {
  return '/' + `${url.pathname}${url.search}`.replace(/^[/\\]+/, '')
}

/** A link with ?token=… sets an HttpOnly cookie and redirects, so the token leaves the address bar. */
function acceptTokenLink(req: IncomingMessage, res: ServerResponse, token: string): void {
  let url: URL
  try {
    url = new URL(req.url ?? '/', 'http://local')
  } catch {
    return sendLoginPage(res, 400, 'Alamat tidak sah')
  }
  const given = url.searchParams.get('token') ?? undefined
  url.searchParams.delete('token')
  if (!safeEqual(given, token)) return sendLoginPage(res, 401, 'Token akses salah')
  res.writeHead(303, {
    ...SECURITY_HEADERS,
    'Set-Cookie': `tanggap_token=${token}; HttpOnly; SameSite=Strict; Path=/`,
    Location: sameOriginPath(url),
  })
  res.end()
}

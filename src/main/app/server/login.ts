// Signing in to serve mode: the login page for browsers (a plain form, no script), POST /auth/login for the form
// and for programs (JSON in, a session token out), POST /auth/logout. Sessions themselves live in auth/sessions.ts.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Db } from '#main/store/open.ts'
import { verifyPassword, MAX_PASSWORD_LENGTH } from '#main/auth/password.ts'
import type { LoginLimiter, Sessions } from '#main/auth/sessions.ts'
import { passwordHashOf } from '#main/users/profiles.ts'
import { appendAudit } from '#main/audit/log.ts'
import { contentSecurityPolicy } from './csp.ts'
import { SECURITY_HEADERS } from './static.ts'

export const SESSION_COOKIE = 'tanggap_session'
const MAX_BODY = 8 * 1024

export type LoginDeps = {
  db: Db
  sessions: Sessions
  /** Failures per (username, address) pair: the hard lock; per username from anywhere: a slower global backoff that
   *  spares addresses with no recent failure for it (so nobody elsewhere can lock the admin out); per address: many
   *  usernames tried from one machine; `recent`: which pairs failed lately (see loginLimitWait). */
  limiters: { pair: LoginLimiter; user: LoginLimiter; address: LoginLimiter; recent: LoginLimiter }
  /** Behind a reverse proxy: the client's address is the last entry of X-Forwarded-For (only when set). */
  trustProxy?: boolean
  log(line: string): void
}

/** The address a request comes from: the socket's, or behind a trusted reverse proxy the one it forwarded. */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').map((a) => a.trim()).filter(Boolean).pop() : undefined
  return (forwarded ?? req.socket.remoteAddress ?? '?').slice(0, 64)
}

/** What failures are counted under: the pair, the username alone, the address alone. */
export function loginLimitKeys(username: string, address: string): { pair: string[]; user: string[]; address: string[] } {
  const user = username.toLowerCase()
  return { pair: [`${user}\u0000${address}`], user: [user], address: [address] }
}

/** How long this sign-in must wait. The username's global backoff applies only to a pair that failed lately, so an
 *  attacker elsewhere slows only their own guesses, never the account's owner signing in from their own machine. */
export function loginLimitWait(l: LoginDeps['limiters'], keys: ReturnType<typeof loginLimitKeys>): number {
  const global = l.recent.retryAfterMs(keys.pair) > 0 ? l.user.retryAfterMs(keys.user) : 0
  return Math.max(l.pair.retryAfterMs(keys.pair), l.address.retryAfterMs(keys.address), global)
}

function loginLimitFailed(l: LoginDeps['limiters'], keys: ReturnType<typeof loginLimitKeys>): void {
  l.pair.failed(keys.pair)
  l.recent.failed(keys.pair)
  l.user.failed(keys.user)
  l.address.failed(keys.address)
}

const PAGE_HEADERS = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': contentSecurityPolicy({ allowFormToSelf: true }),
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** Only a path on this server, never another site ("//evil", "https://…"): where to go after signing in. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && !next.startsWith('/auth/') && next.length <= 500 ? next : '/'
}

/** The sign-in page, in the app's dark control-room look; readable across a room, works without script. */
export function sendLoginPage(res: ServerResponse, status: number, message?: string, username = '', next = '/'): void {
  res.writeHead(status, PAGE_HEADERS)
  res.end(`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Masuk · tanggap</title>
<style>
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #10151c; color: #e8edf3;
         font: 20px/1.4 system-ui, sans-serif; }
  form { width: min(28rem, 90vw); display: grid; gap: 0.8rem; background: #18202a; padding: 2.2rem; border-radius: 12px; }
  h1 { margin: 0 0 0.4rem; font-size: 2rem; } p { margin: 0; color: #9fb0c3; }
  label { display: grid; gap: 0.3rem; font-size: 1rem; color: #c5d1de; }
  input { font: inherit; padding: 0.6rem 0.8rem; border-radius: 8px; border: 1px solid #3a4a5c; background: #0d1218; color: inherit; }
  button { font: inherit; font-weight: 600; padding: 0.7rem; border: 0; border-radius: 8px; background: #3b82f6; color: white; cursor: pointer; }
  .error { color: #fca5a5; font-weight: 600; }
</style></head>
<body><form method="post" action="/auth/login">
  <h1>tanggap</h1><p>Masuk dengan profil pengguna Anda.</p>
  ${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
  <label>Nama pengguna <input name="username" autocomplete="username" required maxlength="64" value="${escapeHtml(username)}" autofocus></label>
  <label>Kata sandi <input name="password" type="password" autocomplete="current-password" required maxlength="${MAX_PASSWORD_LENGTH}"></label>
  <input type="hidden" name="next" value="${escapeHtml(safeNext(next))}">
  <button type="submit">Masuk</button>
</form></body></html>`)
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= MAX_BODY) return void chunks.push(c)
      // Refuse at once but keep reading a little, so the client gets the 413 instead of a reset connection;
      // beyond that, hang up.
      reject(new Error('permintaan terlalu besar'))
      if (size > 64 * MAX_BODY) req.destroy()
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

type Credentials = { username: string; password: string; next: string }

function parseCredentials(body: string, contentType: string): Credentials | null {
  let raw: unknown
  if (contentType.startsWith('application/json')) {
    try {
      raw = JSON.parse(body)
    } catch {
      return null
    }
  } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
    raw = Object.fromEntries(new URLSearchParams(body))
  } else return null
  const { username, password, next } = (raw ?? {}) as Record<string, unknown>
  if (typeof username !== 'string' || typeof password !== 'string') return null
  if (username.length < 1 || username.length > 64 || password.length < 1 || password.length > MAX_PASSWORD_LENGTH) return null
  return { username: username.trim(), password, next: safeNext(next) }
}

export function sessionCookie(token: string): string {
  // HttpOnly: no script can read it; SameSite=Strict: no other site can make the browser send it.
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

function reply(res: ServerResponse, isForm: boolean, status: number, body: { error?: string; token?: string; user?: unknown }, creds?: Credentials): void {
  if (isForm) {
    if (status === 200) {
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': sessionCookie(body.token!), Location: creds?.next ?? '/' })
      return void res.end()
    }
    return sendLoginPage(res, status, body.error, creds?.username, creds?.next)
  }
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }
  if (status === 200) headers['Set-Cookie'] = sessionCookie(body.token!)
  res.writeHead(status, headers)
  res.end(JSON.stringify(body))
}

export async function handleLogin(req: IncomingMessage, res: ServerResponse, deps: LoginDeps): Promise<void> {
  const contentType = String(req.headers['content-type'] ?? '')
  const isForm = contentType.startsWith('application/x-www-form-urlencoded')
  let body: string
  try {
    body = await readBody(req)
  } catch {
    res.setHeader('Connection', 'close')
    return reply(res, isForm, 413, { error: 'Permintaan masuk terlalu besar' })
  }
  const creds = parseCredentials(body, contentType)
  if (!creds) return reply(res, isForm, 400, { error: 'Isi nama pengguna dan kata sandi (JSON {"username","password"} atau formulir)' })
  const address = clientAddress(req, deps.trustProxy)
  const keys = loginLimitKeys(creds.username, address)
  // The attempt is counted before the slow hash, in one synchronous step with the lock check (auth/sessions.ts):
  // nineteen guesses sent at once are five checked passwords and fourteen refusals, not nineteen checks.
  let wait = loginLimitWait(deps.limiters, keys)
  if (wait === 0) {
    wait = deps.limiters.pair.attempt(keys.pair)
    if (wait === 0) {
      wait = deps.limiters.address.attempt(keys.address)
      if (wait > 0) deps.limiters.pair.settled(keys.pair) // refused before any check: not a guess for this pair
    }
  }
  if (wait > 0) {
    res.setHeader('Retry-After', String(Math.ceil(wait / 1000)))
    const when = wait < 60_000 ? `${Math.ceil(wait / 1000)} detik` : `${Math.ceil(wait / 60_000)} menit`
    return reply(res, isForm, 429, { error: `Terlalu banyak percobaan masuk yang gagal; coba lagi dalam ${when}` }, creds)
  }
  let found: ReturnType<typeof passwordHashOf> = null
  let ok = false
  try {
    found = passwordHashOf(deps.db, creds.username)
    // verifyPassword spends the same time whether or not the profile exists or has a password.
    ok = (await verifyPassword(creds.password, found?.hash ?? null)) && !!found
  } finally {
    // Whatever happens (a thrown error included), the counted attempt ends here: a failure unless it was right.
    if (ok) {
      deps.limiters.pair.succeeded(keys.pair)
      deps.limiters.recent.succeeded(keys.pair)
      deps.limiters.address.settled(keys.address)
    } else loginLimitFailed(deps.limiters, keys)
  }
  if (!ok || !found) {
    deps.log(`tanggap: gagal masuk sebagai "${creds.username}" dari ${address}`)
    auditFailedSignIn(deps.db, creds.username, address)
    return reply(res, isForm, 401, { error: 'Nama pengguna atau kata sandi salah' }, creds)
  }
  const token = deps.sessions.create(found.user)
  appendAudit(deps.db, found.user, { action: 'auth.login', entity: 'app_user', entityId: found.user.id })
  reply(res, isForm, 200, { token, user: found.user }, creds)
}

/** A failed sign-in in the audit log: the username tried and the address, never the password. The actor is nobody
 *  (no profile signed in); attempts beyond the lockout are refused before this point and not written. */
function auditFailedSignIn(db: Db, username: string, address: string): void {
  const nobody = { id: null as unknown as number, username: 'anonim', nama: 'Tidak masuk', role: 'viewer' as const, kabupaten: null }
  appendAudit(db, nobody, { action: 'auth.login_failed', entity: 'app_user', entityId: username.slice(0, 64), after: { username: username.slice(0, 64), address } })
}

export function handleLogout(res: ServerResponse, token: string | null, deps: LoginDeps): void {
  if (token) {
    const user = deps.sessions.userOf(token)
    deps.sessions.revoke(token)
    if (user) appendAudit(deps.db, user, { action: 'auth.logout', entity: 'app_user', entityId: user.id })
  }
  res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`, Location: '/login' })
  res.end()
}

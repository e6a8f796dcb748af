// Signing in to serve mode: the login page for browsers (a plain form, no script), POST /auth/login for the form
// and for programs (JSON in, a session token out), POST /auth/logout. Sessions themselves live in auth/sessions.ts.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Db } from '#main/store/open.ts'
import { MAX_PASSWORD_LENGTH } from '#main/auth/password.ts'
import type { Sessions } from '#main/auth/sessions.ts'
import { auditSignOut, checkSignIn, credentialsOf, type Credentials, type LoginLimiters } from '#main/auth/sign-in.ts'
import { contentSecurityPolicy } from './csp.ts'
import { SECURITY_HEADERS } from './static.ts'

export const SESSION_COOKIE = 'tanggap_session'
const MAX_BODY = 8 * 1024

export type LoginDeps = {
  db: Db
  sessions: Sessions
  /** The limits on guessing (auth/sign-in.ts), shared with nothing else: serve mode's own. */
  limiters: LoginLimiters
  /** Behind a reverse proxy: the client's address is the last entry of X-Forwarded-For (only when set). */
  trustProxy?: boolean
  log(line: string): void
}

/** The address a request comes from: the socket's, or behind a trusted reverse proxy the one it forwarded. */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').map((a) => a.trim()).filter(Boolean).pop() : undefined
  return (forwarded ?? req.socket.remoteAddress ?? '?').slice(0, 64)
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

type FormCredentials = Credentials & { next: string }

function parseCredentials(body: string, contentType: string): FormCredentials | null {
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
  const creds = credentialsOf(raw)
  return creds && { ...creds, next: safeNext((raw as Record<string, unknown>).next) }
}

export function sessionCookie(token: string): string {
  // HttpOnly: no script can read it; SameSite=Strict: no other site can make the browser send it.
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

function reply(res: ServerResponse, isForm: boolean, status: number, body: { error?: string; token?: string; user?: unknown }, creds?: FormCredentials): void {
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
  const result = await checkSignIn(deps, creds, clientAddress(req, deps.trustProxy))
  if (!result.ok) {
    if (result.status === 429) res.setHeader('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)))
    return reply(res, isForm, result.status, { error: result.error }, creds)
  }
  const token = deps.sessions.create(result.user)
  reply(res, isForm, 200, { token, user: result.user }, creds)
}

export function handleLogout(res: ServerResponse, token: string | null, deps: LoginDeps): void {
  if (token) {
    const user = deps.sessions.userOf(token)
    deps.sessions.revoke(token)
    if (user) auditSignOut(deps.db, user)
  }
  res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`, Location: '/login' })
  res.end()
}

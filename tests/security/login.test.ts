// Signing in to serve mode from another computer: the login endpoint, sessions that carry the role (by cookie or
// bearer token, over HTTP and WebSocket), and the ways a session ends or is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { setProfileActive, upsertProfile } from '#main/users/profiles.ts'
import { createLoginLimiter, createSessions, PROFILE_RECHECK_MS } from '#main/auth/sessions.ts'
import { openStore } from '#main/store/open.ts'
import { hashPassword, verifyPassword } from '#main/auth/password.ts'
import { startServer } from '#main/app/server/serve.ts'
import { insertComplaints } from '../fixtures.ts'
import { callHttp, wsCaller } from './api.ts'
import { safeNext } from '#main/app/server/login.ts'
import { snapshot } from './db-snapshot.ts'
import { PASSWORDS, signIn, startSecured, type Secured } from './server.ts'

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'L1', submitted: '2026-01-05T02:00:00Z' }]))
})
afterAll(() => s?.close())

const session = { path: 'session', type: 'query' } as const
const act = { path: 'complaints.act', type: 'mutation' } as const
const note = () => ({ action: 'note', ids: [s.sample.complaintIds[0]], body: 'catatan' })

describe('passwords', () => {
  it('are stored as salted scrypt hashes and checked in constant form', async () => {
    const a = await hashPassword('kata-sandi-panjang')
    const b = await hashPassword('kata-sandi-panjang')
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(a).not.toBe(b) // a fresh salt each time
    expect(await verifyPassword('kata-sandi-panjang', a)).toBe(true)
    expect(await verifyPassword('kata-sandi-panjanG', a)).toBe(false)
    expect(await verifyPassword('kata-sandi-panjang', null)).toBe(false)
    expect(await verifyPassword('kata-sandi-panjang', 'rusak')).toBe(false)
    await expect(hashPassword('pendek')).rejects.toThrow('kata sandi minimal 10 karakter')
  })
})

describe('signing in', () => {
  it('gives a session token and an HttpOnly, SameSite=Strict cookie that act as the profile and its role', async () => {
    const res = await signIn(s.base, 'operator1', PASSWORDS.operator)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { token: string; user: { role: string } }
    expect(body.user).toMatchObject({ username: 'operator1', role: 'operator' })
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/^tanggap_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/)
    const viaCookie = await fetch(`${s.base}/trpc/session`, { headers: { cookie: cookie.split(';')[0] } })
    expect(((await viaCookie.json()) as { result: { data: { user: { role: string } } } }).result.data.user.role).toBe('operator')
    expect(await callHttp(s.base, session, undefined, body.token)).toMatchObject({ ok: true, data: { user: { username: 'operator1' } } })
    // The page itself is served to a signed-in browser.
    expect((await fetch(`${s.base}/`, { headers: { cookie: cookie.split(';')[0] } })).status).not.toBe(401)
  })

  it('refuses wrong passwords, unknown users and profiles without a password alike, and audits only real sign-ins', async () => {
    upsertProfile(s.ws.db, 'lokal', 'Tanpa Sandi', 'admin')
    const before = s.ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'auth.login'").pluck().get()
    for (const [username, password] of [['supervisor1', 'bukan-sandinya'], ['tidakada', 'apa-saja-123'], ['lokal', 'apa-saja-123']]) {
      const res = await signIn(s.base, username, password)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: 'Nama pengguna atau kata sandi salah' })
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    expect(s.ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'auth.login'").pluck().get()).toBe(before)
  })

  it('says what is wrong with a malformed or oversized request', async () => {
    const post = (body: string, type = 'application/json') => fetch(`${s.base}/auth/login`, { method: 'POST', headers: { 'content-type': type }, body })
    for (const bad of [await post('{"username": 1}'), await post('bukan json'), await post('username=a', 'text/plain')]) {
      expect(bad.status).toBe(400)
      expect(((await bad.json()) as { error: string }).error).toMatch(/Isi nama pengguna dan kata sandi/)
    }
    const huge = await post(JSON.stringify({ username: 'admin1', password: 'x'.repeat(20_000) }))
    expect(huge.status).toBe(413)
  })

  it('locks a username for a while after five failures, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(s.base, 'viewer1', 'salah-terus-' + i)).status).toBe(401)
    const locked = await signIn(s.base, 'viewer1', PASSWORDS.viewer)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await locked.json()) as { error: string }).error).toMatch(/Terlalu banyak percobaan masuk yang gagal; coba lagi dalam \d+ menit/)
  })

  it('works from the HTML form: a redirect with the cookie, or the page again with the reason', async () => {
    const form = (password: string) =>
      fetch(`${s.base}/auth/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'admin1', password }).toString(),
      })
    const ok = await form(PASSWORDS.admin)
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/')
    expect(ok.headers.get('set-cookie')).toMatch(/^tanggap_session=/)
    const bad = await form('salah-sandi-admin')
    expect(bad.status).toBe(401)
    const page = await bad.text()
    expect(page).toContain('Nama pengguna atau kata sandi salah')
    expect(page).toContain('value="admin1"')
    expect(bad.headers.get('content-security-policy')).toMatch(/form-action 'self'/)
  })

  it('shows the sign-in page instead of the app to a browser that is not signed in, leading back to the page', async () => {
    const res = await fetch(`${s.base}/peta?kab=64.08`)
    expect(res.status).toBe(401)
    const page = await res.text()
    expect(page).toContain('<form method="post" action="/auth/login">')
    expect(page).toContain('<input type="hidden" name="next" value="/peta?kab=64.08">')
  })

  it('leads back only to a page of this server', () => {
    expect(safeNext('/peta?kab=64.08')).toBe('/peta?kab=64.08')
    for (const bad of ['//jahat.example/x', 'https://jahat.example/', '/\\jahat.example', '/auth/logout', 'javascript:alert(1)', 42, null]) expect(safeNext(bad)).toBe('/')
  })
})

describe('sessions end', () => {
  it('on sign-out: the token stops working over HTTP and the open WebSocket is closed', async () => {
    const { token } = (await (await signIn(s.base, 'supervisor1', PASSWORDS.supervisor)).json()) as { token: string }
    const socket = new WebSocket(`${s.base.replace('http', 'ws')}/trpc-ws`, { headers: { cookie: `tanggap_session=${token}` } })
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
    const out = await fetch(`${s.base}/auth/logout`, { method: 'POST', redirect: 'manual', headers: { authorization: `Bearer ${token}` } })
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/)
    expect(await closed).toBe(4401)
    expect(await callHttp(s.base, session, undefined, token)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' })
    expect(s.ws.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'auth.logout' AND username = 'supervisor1'").pluck().get()).toBe(1)
  })

  it('when the profile is disabled or demoted: at once, also on a WebSocket that is already open', async () => {
    upsertProfile(s.ws.db, 'operator1', 'Profil operator', 'operator')
    const { token } = (await (await signIn(s.base, 'operator1', PASSWORDS.operator)).json()) as { token: string }
    const ws = wsCaller(s.base, token)
    try {
      expect(await ws.call(act, note())).toMatchObject({ ok: true })
      upsertProfile(s.ws.db, 'operator1', 'Profil operator', 'viewer')
      const before = snapshot(s.ws.db)
      expect(await ws.call(act, note())).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await callHttp(s.base, act, note(), token)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(snapshot(s.ws.db)).toBe(before)
      setProfileActive(s.ws.db, 'operator1', false)
      expect(await ws.call(session, undefined)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' })
      expect(await callHttp(s.base, session, undefined, token)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' })
    } finally {
      ws.close()
      setProfileActive(s.ws.db, 'operator1', true)
      upsertProfile(s.ws.db, 'operator1', 'Profil operator', 'operator')
    }
  })

  it('when another program disables the profile (the CLI): within PROFILE_RECHECK_MS, while the app\'s own changes count at once', () => {
    let now = 0
    upsertProfile(s.ws.db, 'lain', 'Uji Program Lain', 'operator')
    const id = s.ws.db.prepare("SELECT id FROM app_user WHERE username = 'lain'").pluck().get() as number
    const sessions = createSessions(s.ws.db, { now: () => now })
    const t = sessions.create({ id, username: 'lain', nama: 'Uji Program Lain', role: 'operator', kabupaten: null, units: null })
    const other = openStore(s.ws.file)
    try {
      expect(sessions.userOf(t)?.role).toBe('operator')
      setProfileActive(other, 'lain', false) // another connection: as `tanggap user disable` beside the server
      now = PROFILE_RECHECK_MS - 1
      expect(sessions.userOf(t)?.username).toBe('lain') // the documented delay
      now = PROFILE_RECHECK_MS
      expect(sessions.userOf(t)).toBeNull()
      setProfileActive(other, 'lain', true)
      const again = sessions.create({ id, username: 'lain', nama: 'Uji Program Lain', role: 'operator', kabupaten: null, units: null })
      expect(sessions.userOf(again)?.role).toBe('operator')
      s.ws.db.prepare("UPDATE app_user SET role = 'viewer' WHERE username = 'lain'").run() // any statement of the app's connection
      expect(sessions.userOf(again)?.role).toBe('viewer')
    } finally {
      other.close()
    }
  })

  it('after being idle too long or too old, whatever the use', () => {
    let now = 0
    upsertProfile(s.ws.db, 'jam', 'Uji Jam', 'viewer')
    const user = { id: s.ws.db.prepare("SELECT id FROM app_user WHERE username = 'jam'").pluck().get() as number, username: 'jam', nama: 'Uji Jam', role: 'viewer' as const, kabupaten: null }
    const sessions = createSessions(s.ws.db, { idleMs: 1000, maxAgeMs: 5000, now: () => now })
    const t = sessions.create(user)
    for (now = 900; now <= 4500; now += 900) expect(sessions.userOf(t)?.username).toBe('jam')
    now = 5100
    expect(sessions.userOf(t)).toBeNull()
    const idle = sessions.create(user)
    now += 1001
    expect(sessions.userOf(idle)).toBeNull()
  })

  it('the lock on failed sign-ins lifts after its time', () => {
    let now = 0
    const limiter = createLoginLimiter({ maxFailures: 2, lockMs: 60_000, now: () => now })
    limiter.failed(['u:x'])
    expect(limiter.retryAfterMs(['u:x'])).toBe(0)
    limiter.failed(['u:x'])
    expect(limiter.retryAfterMs(['u:x', 'ip:1'])).toBe(60_000)
    now = 60_001
    expect(limiter.retryAfterMs(['u:x'])).toBe(0)
  })
})

describe('requests from elsewhere', () => {
  it('refuses API calls and WebSocket upgrades that another site makes with the user’s cookie', async () => {
    const { token } = (await (await signIn(s.base, 'admin1', PASSWORDS.admin)).json()) as { token: string }
    const cookie = `tanggap_session=${token}`
    const before = snapshot(s.ws.db)
    const res = await fetch(`${s.base}/trpc/complaints.act`, {
      method: 'POST',
      headers: { cookie, origin: 'https://jahat.example', 'content-type': 'application/json' },
      body: JSON.stringify(note()),
    })
    expect(res.status).toBe(403)
    expect(await res.text()).toMatch(/permintaan dari situs lain/)
    expect(snapshot(s.ws.db)).toBe(before)
    const socket = new WebSocket(`${s.base.replace('http', 'ws')}/trpc-ws`, { headers: { cookie, origin: 'https://jahat.example' } })
    socket.on('error', () => {})
    const refused = await new Promise<string>((resolve) => socket.once('unexpected-response', (_req, r) => resolve(String(r.statusCode))).once('open', () => resolve('open')))
    expect(refused).toBe('401')
    socket.terminate()
    // The app's own origin is fine.
    const own = await fetch(`${s.base}/trpc/session`, { headers: { cookie, origin: s.base } })
    expect(own.status).toBe(200)
  })

  it('on an open 127.0.0.1 server, refuses a Host name other than this machine (DNS rebinding)', async () => {
    const open = await startServer({ workspace: s.ws, port: 0, log: () => {} })
    try {
      expect((await fetch(`${open.url}/trpc/session`)).status).toBe(200)
      const { request } = await import('node:http')
      const status = await new Promise<number>((resolve) => {
        const req = request(`${open.url}/trpc/session`, { headers: { host: 'jahat.example:80' } }, (r) => resolve(r.statusCode!))
        req.end()
      })
      expect(status).toBe(403)
    } finally {
      await open.close()
    }
  })

  it('with --no-token on a network address, only signed-in profiles get in', async () => {
    const lan = await startServer({ workspace: s.ws, host: '0.0.0.0', port: 0, token: false, log: () => {} })
    try {
      expect(lan.token).toBeNull()
      const base = lan.url.replace('0.0.0.0', '127.0.0.1')
      expect(await callHttp(base, session, undefined)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' })
      const { token } = (await (await signIn(base, 'viewer1', PASSWORDS.viewer)).json()) as { token: string }
      expect(await callHttp(base, session, undefined, token)).toMatchObject({ ok: true })
    } finally {
      await lan.close()
    }
  })
})

// Garbage fed to every API procedure over HTTP and WebSocket, and to the HTTP server itself: each call is answered
// with a clear error (never an internal one, never a crash), the server keeps answering, and a refused call
// changes nothing stored. Seeded: a failure message names the seed and replays exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'node:http'
import { join } from 'node:path'
import { insertComplaints } from '../fixtures.ts'
import { callHttp, listProcedures, sampleInputs, wsCaller, type Reply } from './api.ts'
import { snapshot } from './db-snapshot.ts'
import { garbage } from './garbage.ts'
import { whenRebuilt } from '#main/kpi/rebuild-queue.ts'
import { startSecured, type Secured } from './server.ts'

// 20 seeded rounds per procedure keep the suite's longest file near 2 minutes on 2 cores (the router has grown to
// over 100 procedures); TANGGAP_FUZZ_ROUNDS=200 for a deeper run.
const ROUNDS = Number(process.env.TANGGAP_FUZZ_ROUNDS ?? 20)

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) =>
    insertComplaints(ws.db, [
      { tracking_id: 'F1', submitted: '2026-01-05T02:00:00Z' },
      { tracking_id: 'F2', submitted: '2026-01-06T02:00:00Z', status: 'proses', unitKode: '64.08/dinkes', is_rahasia: 1 },
    ]),
    // The built renderer, so that malformed paths also reach the static file server.
    { staticDir: join(import.meta.dirname, '../../out/renderer') },
  )
})
afterAll(() => s?.close())

const session = { path: 'session', type: 'query' } as const

/** A refusal a user can act on: a 4xx with a message, and for bad input the field it is about. */
function expectClearRefusal(reply: Reply, what: string) {
  expect(reply.status, what).toBeGreaterThanOrEqual(400)
  expect(reply.status, what).toBeLessThan(500)
  expect(reply.code, what).not.toBe('INTERNAL_SERVER_ERROR')
  expect(reply.message?.length, what).toBeGreaterThan(0)
  if (reply.code === 'BAD_REQUEST' && reply.issues) expect(reply.issues.every((i) => Array.isArray(i.path) && i.message.length > 0), what).toBe(true)
}

describe('every procedure, with generated garbage as admin (past the role check, at the input check)', () => {
  const procedures = listProcedures()
  it.each(procedures.map((p) => [p.path, p] as const))('%s over HTTP', async (_path, proc) => {
    const samples = sampleInputs(s.sample)
    const g = garbage(proc.path.split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7))
    let refused = 0
    // A procedure without input ignores the garbage, so every round would do the same work again: for a backup
    // that is a copy of the whole store each time. Once is enough to show it answers.
    const rounds = proc.hasInput ? ROUNDS : 1
    for (let round = 0; round < rounds; round++) {
      const input = round % 2 === 0 ? g.mutate(samples[proc.path]?.[0]) : g.value()
      const what = `${proc.path} seed ${g.seed} round ${round} input ${JSON.stringify(input)?.slice(0, 300)}`
      // A calendar change accepted in an earlier round rebuilds the deadlines in the background; let it finish.
      await whenRebuilt(s.ws.db)
      const before = snapshot(s.ws.db)
      const reply = await callHttp(s.base, proc, input, s.tokens.admin)
      if (!reply.ok) {
        refused++
        expectClearRefusal(reply, what)
        expect(snapshot(s.ws.db), `${what} changed the store although refused`).toBe(before)
      }
    }
    // A procedure without input ignores whatever is sent; one with input must have refused some garbage.
    if (proc.hasInput) expect(refused).toBeGreaterThan(0)
    expect(await callHttp(s.base, session, undefined, s.tokens.admin)).toMatchObject({ ok: true })
  })

  it('over WebSocket, on one connection that stays usable', async () => {
    const ws = wsCaller(s.base, s.tokens.admin)
    try {
      const samples = sampleInputs(s.sample)
      const g = garbage(2026)
      for (const proc of procedures) {
        for (let round = 0; round < (proc.hasInput ? 8 : 1); round++) {
          const input = round % 2 === 0 ? g.mutate(samples[proc.path]?.[0]) : g.value()
          const what = `${proc.path} seed 2026 input ${JSON.stringify(input)?.slice(0, 300)}`
          await whenRebuilt(s.ws.db)
          const before = snapshot(s.ws.db)
          const reply = await ws.call(proc, input)
          if (!reply.ok) {
            expect(reply.code, what).not.toBe('INTERNAL_SERVER_ERROR')
            expect(reply.message?.length, what).toBeGreaterThan(0)
            expect(snapshot(s.ws.db), what).toBe(before)
          }
        }
      }
      expect(await ws.call(session, undefined)).toMatchObject({ ok: true })
    } finally {
      ws.close()
    }
    // Eight calls per procedure, each with a store snapshot before and after: well over the default 30 s on a
    // busy 2-core machine.
  }, 180_000)
})

/** A raw request, so malformed paths and bodies reach the server as sent. */
function raw(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(s.base)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { authorization: `Bearer ${s.tokens.admin}`, ...headers } }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode!, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('the HTTP server itself', () => {
  it('answers malformed requests with a 4xx and keeps serving', async () => {
    await whenRebuilt(s.ws.db)
    const before = snapshot(s.ws.db, { exceptAuditActions: ['auth.login_failed'] })
    const g = garbage(99)
    // Each case is refused with a 4xx, except the two that carry valid credentials beside the noise.
    const cases: [string, string, (Buffer | string)?, Record<string, string>?][] = [
      ['GET', '/trpc/complaints.detail?input=%E0%A4%A'],
      ['GET', '/trpc/complaints.detail?input=%7Bbukan%20json'],
      ['GET', '/trpc/complaints.detail,complaints.queue?batch=1&input=[1,2,3]'],
      ['GET', '/trpc/tidak.ada'],
      ['GET', '/trpc/../../etc/passwd'],
      ['GET', '/%'],
      ['GET', '/%E0%A4%A'],
      ['GET', '/assets/..%2f..%2f..%2fpackage.json'],
      ['GET', '/assets/%00'],
      ['PUT', '/trpc/complaints.act', '{}', { 'content-type': 'application/json' }],
      ['DELETE', '/trpc/settings.setUi'],
      ['POST', '/trpc/complaints.act', g.bytes(2000), { 'content-type': 'application/json' }],
      ['POST', '/trpc/complaints.act', '{"action": "note", "ids": [1], "body": ' + '"x",'.repeat(10) + '}', { 'content-type': 'application/json' }],
      ['POST', '/trpc/settings.setUi', Buffer.alloc(2 * 1024 * 1024, 0x20), { 'content-type': 'application/json' }],
      ['POST', '/trpc/complaints.act?batch=1', '{"0": "garbage"}', { 'content-type': 'application/json' }],
      ['POST', '/auth/login', g.bytes(500), { 'content-type': 'application/json' }],
      ['POST', '/auth/login', 'username=%E0%A4%A&password=x', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['GET', '/trpc/session', undefined, { cookie: 'tanggap_session=' + 'x'.repeat(8000) }],
      ['GET', '/trpc/session', undefined, { authorization: 'Bearer ' + g.bytes(48).toString('base64') }],
      ['GET', '/trpc/session', undefined, { authorization: 'Basic ' + 'YWRtaW46YWRtaW4=' }],
    ]
    for (const [method, path, body, headers] of cases) {
      const r = await raw(method, path, body, headers).catch((e: Error) => ({ status: 0, body: e.message }))
      const what = `${method} ${path.slice(0, 80)} -> ${r.status} ${r.body.slice(0, 200)}`
      const withCredentials = path === '/trpc/session'
      // A page path the server does not know gets the app's single page (client-side routes), never a file
      // from outside the build folder.
      const isPage = !path.startsWith('/trpc') && !path.startsWith('/auth')
      if (isPage && r.status === 200) {
        expect(r.body, what).toMatch(/^<!doctype html>/)
        expect(r.body, what).not.toContain('"devDependencies"')
      } else if (r.status !== 0 && withCredentials) expect([200, 401], what).toContain(r.status)
      else if (r.status !== 0) {
        expect(r.status, what).toBeGreaterThanOrEqual(400)
        expect(r.status, what).toBeLessThan(500)
      }
      expect(r.body, what).not.toMatch(/INTERNAL_SERVER_ERROR|\n\s+at /)
      expect(await callHttp(s.base, session, undefined, s.tokens.admin), `server after ${what}`).toMatchObject({ ok: true })
    }
    // A failed sign-in is audited (docs/security.md): the only rows these requests may add.
    expect(snapshot(s.ws.db, { exceptAuditActions: ['auth.login_failed'] })).toBe(before)
  })
})

// Finding 11a (issue 15): five failed sign-ins from anywhere locked any account, the admin's included. Failures now
// lock the (account, address) pair; the account as a whole only gets a slower backoff, and not for an address
// that has not failed for it. Behind a reverse proxy (--trust-proxy) the address is the one it forwards.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { insertComplaints } from '../fixtures.ts'
import { PASSWORDS, startSecured, type Secured } from './server.ts'

let behindProxy: Secured
let direct: Secured
beforeAll(async () => {
  behindProxy = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'L1', submitted: '2026-01-05T02:00:00Z' }]), { trustProxy: true })
  direct = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'L1', submitted: '2026-01-05T02:00:00Z' }]))
})
afterAll(async () => {
  await behindProxy?.close()
  await direct?.close()
})

const signInFrom = (s: Secured, address: string, username: string, password: string) =>
  fetch(`${s.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.9, ${address}` },
    body: JSON.stringify({ username, password }),
  })

it('an attacker elsewhere cannot lock the admin out', async () => {
  for (let i = 0; i < 25; i++) expect([401, 429]).toContain((await signInFrom(behindProxy, '10.0.0.66', 'admin1', `tebakan-${i}-sandi`)).status)
  // The attacker's own pair is locked, even with the right password …
  expect((await signInFrom(behindProxy, '10.0.0.66', 'admin1', PASSWORDS.admin)).status).toBe(429)
  // … the admin at their own desk signs in.
  expect((await signInFrom(behindProxy, '10.0.0.5', 'admin1', PASSWORDS.admin)).status).toBe(200)
  // Guesses spread over many addresses trip the account's slower global backoff …
  for (let i = 0; i < 20; i++) await signInFrom(behindProxy, `10.0.2.${i}`, 'admin1', `sebar-${i}-sandi`)
  expect((await signInFrom(behindProxy, '10.0.2.3', 'admin1', PASSWORDS.admin)).status).toBe(429)
  // … which also holds any other address that failed for the admin, but still not the admin's own desk.
  expect((await signInFrom(behindProxy, '10.0.0.77', 'admin1', 'tebakan-lain-sandi')).status).toBe(401)
  expect((await signInFrom(behindProxy, '10.0.0.77', 'admin1', PASSWORDS.admin)).status).toBe(429)
  expect((await signInFrom(behindProxy, '10.0.0.5', 'admin1', PASSWORDS.admin)).status).toBe(200)
  const audit = behindProxy.ws.db.prepare("SELECT after_json FROM audit_log WHERE action = 'auth.login_failed' LIMIT 1").pluck().get() as string
  expect(JSON.parse(audit).address).toBe('10.0.0.66')
})

it('without --trust-proxy a forged X-Forwarded-For changes nothing', async () => {
  for (let i = 0; i < 5; i++) expect((await signInFrom(direct, `10.0.1.${i}`, 'viewer1', `tebakan-${i}-sandi`)).status).toBe(401)
  expect((await signInFrom(direct, '10.0.1.200', 'viewer1', PASSWORDS.viewer)).status).toBe(429)
})

// Finding 2 of the second security round: the sign-in lockout was counted only after the slow password hash, so
// guesses sent all at once all passed the lock check first: 19 wrong passwords at once, then the right one, gave
// 19×401 and then 200; the per-address limit (30) fell the same way. Now each attempt is counted before its hash.
// Real HTTP requests, in parallel, against a real server.
import { afterEach, describe, expect, it } from 'vitest'
import { insertComplaints } from '../fixtures.ts'
import { PASSWORDS, signIn, startSecured, type Secured } from './server.ts'

let s: Secured | undefined
afterEach(async () => {
  await s?.close()
  s = undefined
})

const start = async () => (s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'LP1', submitted: '2026-01-05T02:00:00Z' }])))

const statuses = (all: Response[]) => all.map((r) => r.status).sort()
const count = (all: number[], status: number) => all.filter((x) => x === status).length

describe('the sign-in lockout holds against guesses sent at once', () => {
  it('19 wrong passwords for one username at once: five are checked, the rest refused, and then the right one is refused too', async () => {
    const { base } = await start()
    const guesses = await Promise.all(Array.from({ length: 19 }, (_, i) => signIn(base, 'admin1', `tebakan-salah-${i}`)))
    const got = statuses(guesses)
    expect(count(got, 401)).toBe(5)
    expect(count(got, 429)).toBe(14)
    expect(count(got, 200)).toBe(0)
    const right = await signIn(base, 'admin1', PASSWORDS.admin)
    expect(right.status).toBe(429)
    expect(right.headers.get('retry-after')).toMatch(/^\d+$/)
    // Another username from the same address is not locked by it (the address has spent only five attempts).
    expect((await signIn(base, 'operator1', PASSWORDS.operator)).status).toBe(200)
  })

  it('the right password among parallel guesses: the lock still counts every guess', async () => {
    const { base } = await start()
    const all = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => signIn(base, 'supervisor1', `tebakan-salah-${i}`)),
      signIn(base, 'supervisor1', PASSWORDS.supervisor),
    ])
    // At most five attempts are ever checked; which of them is the right one is a matter of arrival order.
    expect(count(statuses(all), 429)).toBeGreaterThanOrEqual(6)
  })

  it('40 usernames from one address at once: thirty are checked, then the address is locked, right password or not', async () => {
    const { base } = await start()
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(base, `tebak${i}`, `tebakan-salah-${i}`)))
    const got = statuses(guesses)
    expect(count(got, 401)).toBe(30)
    expect(count(got, 429)).toBe(10)
    expect((await signIn(base, 'viewer1', PASSWORDS.viewer)).status).toBe(429)
  }, 120_000)

  it('successful sign-ins do not use up the allowance; too many at once are told to retry, and nothing is locked', async () => {
    const { base } = await start()
    for (let batch = 0; batch < 7; batch++) {
      const ok = await Promise.all(Array.from({ length: 5 }, () => signIn(base, 'viewer1', PASSWORDS.viewer)))
      expect(count(statuses(ok), 200)).toBe(5)
    }
    const burst = statuses(await Promise.all(Array.from({ length: 12 }, () => signIn(base, 'viewer1', PASSWORDS.viewer))))
    expect(count(burst, 200) + count(burst, 429)).toBe(12)
    expect(count(burst, 200)).toBeGreaterThanOrEqual(5)
    expect((await signIn(base, 'viewer1', PASSWORDS.viewer)).status).toBe(200)
    expect((await signIn(base, 'admin1', PASSWORDS.admin)).status).toBe(200)
  }, 180_000)
})

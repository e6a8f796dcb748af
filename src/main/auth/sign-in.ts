// Checking a sign-in, the same for every transport: serve mode's login form and JSON endpoint (app/server/login.ts)
// and the desktop's sign-in form over IPC (auth/desktop-session.ts). The limits on guessing, the slow hash and the
// audit entries live here once, so the desktop cannot be a softer door than the network.
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { verifyPassword, MAX_PASSWORD_LENGTH } from './password.ts'
import { createLoginLimiter, type LoginLimiter } from './sessions.ts'
import { passwordHashOf, touchSignIn } from '#main/users/profiles.ts'
import { appendAudit } from '#main/audit/log.ts'

/** Failures per (username, address) pair: the hard lock; per username from anywhere: a slower global backoff that
 *  spares addresses with no recent failure for it (so nobody elsewhere can lock the admin out); per address: many
 *  usernames tried from one machine; `recent`: which pairs failed lately (see loginLimitWait). */
export type LoginLimiters = { pair: LoginLimiter; user: LoginLimiter; address: LoginLimiter; recent: LoginLimiter }

/** The limits serve mode and the desktop both use. A Pemda office shares one address behind NAT: the per-address
 *  limit is looser than the per-username one. */
export function createLoginLimiters(): LoginLimiters {
  return {
    // Five failures lock the (username, address) pair for five minutes; twenty for a username from anywhere slow
    // that username down for a minute, only for addresses that failed for it themselves.
    pair: createLoginLimiter(),
    user: createLoginLimiter({ maxFailures: 20, lockMs: 60_000 }),
    address: createLoginLimiter({ maxFailures: 30 }),
    recent: createLoginLimiter({ maxFailures: 1, lockMs: 15 * 60_000 }),
  }
}

/** What failures are counted under: the pair, the username alone, the address alone. */
export function loginLimitKeys(username: string, address: string): { pair: string[]; user: string[]; address: string[] } {
  const user = username.toLowerCase()
  return { pair: [`${user}\u0000${address}`], user: [user], address: [address] }
}

/** How long this sign-in must wait. The username's global backoff applies only to a pair that failed lately, so an
 *  attacker elsewhere slows only their own guesses, never the account's owner signing in from their own machine. */
export function loginLimitWait(l: LoginLimiters, keys: ReturnType<typeof loginLimitKeys>): number {
  const global = l.recent.retryAfterMs(keys.pair) > 0 ? l.user.retryAfterMs(keys.user) : 0
  return Math.max(l.pair.retryAfterMs(keys.pair), l.address.retryAfterMs(keys.address), global)
}

function loginLimitFailed(l: LoginLimiters, keys: ReturnType<typeof loginLimitKeys>): void {
  l.pair.failed(keys.pair)
  l.recent.failed(keys.pair)
  l.user.failed(keys.user)
  l.address.failed(keys.address)
}

export type Credentials = { username: string; password: string }

/** The shape every transport accepts, or null: a username of 1–64 characters and a password of 1–200. */
export function credentialsOf(raw: unknown): Credentials | null {
  const { username, password } = (raw ?? {}) as Record<string, unknown>
  if (typeof username !== 'string' || typeof password !== 'string') return null
  if (username.length < 1 || username.length > 64 || password.length < 1 || password.length > MAX_PASSWORD_LENGTH) return null
  return { username: username.trim(), password }
}

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; status: 401; error: string }
  | { ok: false; status: 429; error: string; retryAfterMs: number }

export type SignInDeps = { db: Db; limiters: LoginLimiters; log?(line: string): void }

/** Checks a password against a profile, within the limits, and writes auth.login or auth.login_failed. `address`
 *  is where the attempt comes from (an IP address, or "desktop" for the app's own window). */
export async function checkSignIn(deps: SignInDeps, creds: Credentials, address: string): Promise<SignInResult> {
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
    const when = wait < 60_000 ? `${Math.ceil(wait / 1000)} detik` : `${Math.ceil(wait / 60_000)} menit`
    return { ok: false, status: 429, error: `Terlalu banyak percobaan masuk yang gagal; coba lagi dalam ${when}`, retryAfterMs: wait }
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
    deps.log?.(`tanggap: gagal masuk sebagai "${creds.username}" dari ${address}`)
    auditFailedSignIn(deps.db, creds.username, address)
    return { ok: false, status: 401, error: 'Nama pengguna atau kata sandi salah' }
  }
  appendAudit(deps.db, found.user, { action: 'auth.login', entity: 'app_user', entityId: found.user.id })
  touchSignIn(deps.db, found.user.id)
  return { ok: true, user: found.user }
}

/** A failed sign-in in the audit log: the username tried and the address, never the password. The actor is nobody
 *  (no profile signed in); attempts beyond the lockout are refused before this point and not written. */
function auditFailedSignIn(db: Db, username: string, address: string): void {
  const nobody = { id: null as unknown as number, username: 'anonim', nama: 'Tidak masuk', role: 'viewer' as const, kabupaten: null }
  appendAudit(db, nobody, { action: 'auth.login_failed', entity: 'app_user', entityId: username.slice(0, 64), after: { username: username.slice(0, 64), address } })
}

export function auditSignOut(db: Db, user: SessionUser): void {
  appendAudit(db, user, { action: 'auth.logout', entity: 'app_user', entityId: user.id })
}

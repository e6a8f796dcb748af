// Signed-in sessions of serve mode, held in the serving process's memory: a random token per sign-in, the profile
// it belongs to, and when it was last used. The profile is read again after any change of a profile made through
// the app's connection (users/profiles.ts profileGeneration: any statement, the API's or a test's), so a profile
// that is disabled or given a lesser role loses its old powers at once; a change by another program (the CLI's
// `tanggap user disable`) is seen within PROFILE_RECHECK_MS. Between those, a request does not read the store on
// the server's thread at all (its reads go to the read pool).
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { findProfileById, profileGeneration } from '../users/profiles.ts'

export type SessionOptions = {
  /** A session unused this long ends (a wall display polls and stays signed in). */
  idleMs?: number
  /** No session lives longer than this, used or not. */
  maxAgeMs?: number
  now?: () => number
}

type Entry = { userId: number; createdAt: number; lastSeenAt: number; user?: SessionUser; readAt?: number; generation?: number }

/** How long a session keeps its profile without reading it again, when this process changed no profile: the delay
 *  before another program's change (the CLI disabling a profile) takes effect. */
export const PROFILE_RECHECK_MS = 2000

export type Sessions = {
  create(user: SessionUser): string
  /** The profile a token signs in as now, or null (unknown, expired, profile disabled). */
  userOf(token: string): SessionUser | null
  revoke(token: string): void
  /** Called when a session ends, so open WebSocket connections of it can be closed. */
  onEnd(listener: (token: string) => void): void
}

// The map is keyed by a hash of the token, so the tokens themselves are not kept around in memory longer than a
// request needs them.
const keyOf = (token: string) => createHash('sha256').update(token).digest('base64url')

export function createSessions(db: Db, options: SessionOptions = {}): Sessions {
  const idleMs = options.idleMs ?? 12 * 3600_000
  const maxAgeMs = options.maxAgeMs ?? 7 * 24 * 3600_000
  const now = options.now ?? Date.now
  const sessions = new Map<string, Entry>()
  const listeners: ((token: string) => void)[] = []
  const generation = profileGeneration(db)
  const end = (token: string) => {
    if (sessions.delete(keyOf(token))) for (const l of listeners) l(token)
  }
  return {
    create(user) {
      const token = randomBytes(32).toString('base64url')
      const t = now()
      sessions.set(keyOf(token), { userId: user.id, createdAt: t, lastSeenAt: t })
      return token
    },
    userOf(token) {
      const entry = sessions.get(keyOf(token))
      if (!entry) return null
      const t = now()
      if (t - entry.lastSeenAt > idleMs || t - entry.createdAt > maxAgeMs) {
        end(token)
        return null
      }
      const g = generation()
      let user = entry.user
      if (!user || entry.generation !== g || t - entry.readAt! >= PROFILE_RECHECK_MS || t < entry.readAt!) {
        user = findProfileById(db, entry.userId) ?? undefined
        if (!user) {
          end(token)
          return null
        }
        Object.assign(entry, { user, readAt: t, generation: g })
      }
      entry.lastSeenAt = t
      return user
    },
    revoke: end,
    onEnd: (listener) => void listeners.push(listener),
  }
}

/** Slows down password guessing: after a few failures for a username or from an address, wait.
 *  An attempt is counted *before* its password is checked (`attempt`), in the same synchronous step as the check
 *  of the lock, so guesses sent all at once cannot all pass the check while the slow hash of the first is still
 *  running: attempts still being checked count against the limit, and one beyond it is refused for a moment (no
 *  lock is set for it). When the check ends, `failed` turns the attempt into a failure (five lock the key),
 *  `succeeded` forgets the key's failures (a username), `settled` only ends the attempt (an address, where one
 *  success must not wipe other usernames' failures). */
export type LoginLimiter = {
  retryAfterMs(keys: string[]): number
  /** 0 and the attempt counted against every key, or how long to wait (nothing counted). */
  attempt(keys: string[]): number
  failed(keys: string[]): void
  succeeded(keys: string[]): void
  settled(keys: string[]): void
}

/** How long an attempt refused only because others are still being checked is told to wait. */
const BUSY_RETRY_MS = 1000

export function createLoginLimiter(options: { maxFailures?: number; lockMs?: number; now?: () => number } = {}): LoginLimiter {
  const maxFailures = options.maxFailures ?? 5
  const lockMs = options.lockMs ?? 5 * 60_000
  const now = options.now ?? Date.now
  const state = new Map<string, { n: number; pending: number; lockedUntil: number }>()
  const get = (k: string) => state.get(k) ?? state.set(k, { n: 0, pending: 0, lockedUntil: 0 }).get(k)!
  const retryAfterMs = (keys: string[]) => Math.max(0, ...keys.map((k) => (state.get(k)?.lockedUntil ?? 0) - now()))
  const end = (k: string) => {
    const f = get(k)
    f.pending = Math.max(0, f.pending - 1)
    return f
  }
  const tidy = (k: string) => {
    const f = state.get(k)
    if (f && f.n === 0 && f.pending === 0 && f.lockedUntil <= now()) state.delete(k)
  }
  return {
    retryAfterMs,
    attempt(keys) {
      const wait = retryAfterMs(keys)
      if (wait > 0) return wait
      if (keys.some((k) => { const f = state.get(k); return f !== undefined && f.n + f.pending >= maxFailures })) return BUSY_RETRY_MS
      for (const k of keys) get(k).pending++
      return 0
    },
    failed(keys) {
      for (const k of keys) {
        const f = end(k)
        f.n++
        if (f.n >= maxFailures) {
          f.lockedUntil = now() + lockMs
          f.n = 0
        }
      }
    },
    succeeded(keys) {
      for (const k of keys) {
        end(k).n = 0
        tidy(k)
      }
    },
    settled(keys) {
      for (const k of keys) {
        end(k)
        tidy(k)
      }
    },
  }
}

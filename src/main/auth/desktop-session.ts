// Who is signed in at the desktop app's window. The Electron shell (app/shell/ipc.ts) asks this on every IPC call;
// until someone signs in with a profile's password there is no user and every procedure refuses, as serve mode
// refuses a request without a session. The profile is re-read from the store on every call, so a profile disabled
// meanwhile loses access at once; switching to another data file signs out (its profiles are other people).
// Sign-in goes through the same check, limits and audit entries as serve mode (auth/sign-in.ts).
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { findProfileById } from '#main/users/profiles.ts'
import { auditSignOut, checkSignIn, createLoginLimiters, credentialsOf, type LoginLimiters } from './sign-in.ts'

/** The address the desktop's own window signs in from, for the limits and the audit log. */
export const DESKTOP_ADDRESS = 'desktop'

/** What the renderer's sign-in form gets back (plain data: it crosses the IPC boundary). */
export type DesktopSignInReply = { ok: true; user: SessionUser } | { ok: false; error: string; retryAfterMs?: number }

export type DesktopStore = { db: Db; file: string }

export type DesktopSession = {
  /** The signed-in profile as the store has it now, or null (nobody, disabled, another data file). */
  user(store: DesktopStore): SessionUser | null
  signIn(store: DesktopStore, raw: unknown): Promise<DesktopSignInReply>
  signOut(store: DesktopStore): void
}

export function createDesktopSession(options: { limiters?: LoginLimiters; log?(line: string): void } = {}): DesktopSession {
  const limiters = options.limiters ?? createLoginLimiters()
  let signedIn: { file: string; userId: number } | null = null
  const user = (store: DesktopStore): SessionUser | null => {
    if (!signedIn || signedIn.file !== store.file) return null
    return findProfileById(store.db, signedIn.userId)
  }
  return {
    user,
    async signIn(store, raw) {
      const creds = credentialsOf(raw)
      if (!creds) return { ok: false, error: 'Isi nama pengguna dan kata sandi' }
      const result = await checkSignIn({ db: store.db, limiters, log: options.log }, creds, DESKTOP_ADDRESS)
      if (!result.ok) return result.status === 429 ? { ok: false, error: result.error, retryAfterMs: result.retryAfterMs } : { ok: false, error: result.error }
      // A second sign-in replaces the first: the earlier profile is signed out first, in the log too.
      const before = user(store)
      if (before && before.id !== result.user.id) auditSignOut(store.db, before)
      signedIn = { file: store.file, userId: result.user.id }
      return { ok: true, user: result.user }
    },
    signOut(store) {
      const current = user(store)
      signedIn = null
      if (current) auditSignOut(store.db, current)
    },
  }
}

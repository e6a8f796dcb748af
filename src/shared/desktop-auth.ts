// The desktop app's sign-in channel, as the preload (src/preload/index.ts), the shell (app/shell/ipc.ts) and the
// renderer's sign-in form (components/DesktopSignIn.tsx) all see it. Serve mode signs in through /auth/login.

/** The IPC channel: requests { id, kind, username?, password? }, replies { id, result } on the same channel. */
export const AUTH_CHANNEL = 'tanggap-auth'

export type AuthRequest = { id: number; kind: 'signIn' | 'signOut'; username?: unknown; password?: unknown }

/** The answer to a sign-in: who is now signed in, or why not (Indonesian, for the form). */
export type DesktopSignInReply = { ok: true; user: { username: string; nama: string; role: string } } | { ok: false; error: string; retryAfterMs?: number }

export type AuthReply = { id: number; result: DesktopSignInReply | { ok: true } }

/** What the preload exposes as `window.tanggapDesktop` (only inside the desktop app). */
export type TanggapDesktop = {
  signIn(username: string, password: string): Promise<DesktopSignInReply>
  signOut(): Promise<void>
}

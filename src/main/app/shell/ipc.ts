// The renderer's channels to the main process: tRPC over Electron IPC (trpc-electron), serving the same appRouter
// that serve mode serves over HTTP and WebSocket (roles are enforced by the router, as there), and the sign-in
// channel (AUTH_CHANNEL): the main window acts as the profile signed in there (auth/desktop-session.ts), nobody
// until then; wall windows act as the viewer 'dinding'.
import { ipcMain, type BrowserWindow } from 'electron'
import { createIPCHandler } from 'trpc-electron/main'
import { appRouter } from '../api/router.ts'
import type { AppInfo, Context, ShellServices } from '../api/context.ts'
import type { Workspace } from '../workspace/open.ts'
import { createDesktopSession, type DesktopSession, type DesktopSignInReply } from '#main/auth/desktop-session.ts'
import { AUTH_CHANNEL, type AuthReply, type AuthRequest } from '#shared/desktop-auth.ts'
import { wallUser } from '#main/wall/profile.ts'

/** What trpc-electron hands createContext about the message's origin (an IpcMainEvent). */
export type IpcSender = {
  sender: unknown
  senderFrame: { url: string; parent: unknown } | null
}

type WindowParts = Pick<BrowserWindow, 'isDestroyed' | 'webContents'>

/** Only the main frame of our own window, showing our own page, may call the API. */
export function isTrustedSender(event: IpcSender, win: WindowParts | null, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame
  return (
    win !== null &&
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    frame !== null &&
    frame.parent === null &&
    isAppUrl(frame.url)
  )
}

export type IpcBridgeOptions = {
  getWindow(): WindowParts | null
  /** Wall-mode windows (shell/wall-windows.ts): trusted like the main window, but always as the viewer 'dinding'. */
  getWallWindows?(): WindowParts[]
  getWorkspace(): Workspace
  isAppUrl(url: string): boolean
  /** Who is signed in at the main window (a fresh one, nobody signed in, unless given). */
  session?: DesktopSession
  /** Native services procedures may use (the "Save as" dialog of exports). */
  shell?: ShellServices
  log?(line: string): void
}

/** What procedures know of the desktop app (also what its read pool's workers are told). */
export const DESKTOP_APP: AppInfo = { mode: 'desktop', defaultKabupaten: null }

type AuthEvent = IpcSender & { reply(channel: string, message: AuthReply): void }

export function createIpcBridge(options: IpcBridgeOptions) {
  const session = options.session ?? createDesktopSession({ log: options.log })
  const isMainWindow = (event: IpcSender) => isTrustedSender(event, options.getWindow(), options.isAppUrl)
  // Only the main window signs in or out; a wall window, another page or a sub-frame gets no answer at all.
  ipcMain.on(AUTH_CHANNEL, (event: AuthEvent, request: AuthRequest) => {
    if (!isMainWindow(event) || typeof request?.id !== 'number') {
      options.log?.(`tanggap: permintaan masuk lewat IPC dari pengirim tak dikenal ditolak (${event.senderFrame?.url ?? 'tanpa frame'})`)
      return
    }
    const store = options.getWorkspace()
    if (request.kind === 'signOut') {
      session.signOut(store)
      return event.reply(AUTH_CHANNEL, { id: request.id, result: { ok: true } })
    }
    void session
      .signIn(store, { username: request.username, password: request.password })
      .catch((err: unknown): DesktopSignInReply => ({ ok: false, error: `Tidak dapat masuk: ${err instanceof Error ? err.message : String(err)}` }))
      .then((result) => event.reply(AUTH_CHANNEL, { id: request.id, result }))
  })
  return createIPCHandler({
    router: appRouter,
    createContext: async ({ event }): Promise<Context> => {
      const isMain = isMainWindow(event as IpcSender)
      const isWall = !isMain && (options.getWallWindows?.() ?? []).some((w) => isTrustedSender(event as IpcSender, w, options.isAppUrl))
      if (!isMain && !isWall) {
        options.log?.(`tanggap: panggilan IPC dari pengirim tak dikenal ditolak (${event.senderFrame?.url ?? 'tanpa frame'})`)
        return refused()
      }
      const workspace = options.getWorkspace()
      const { db, bus } = workspace
      // The role is read from the store on every call: a profile disabled or demoted loses its powers at once.
      // The workspace's read pool (api/read-pool.ts withReadPool) runs the heavy reads off the main process's thread.
      return { db, bus, user: isWall ? wallUser(db) : session.user(workspace), app: DESKTOP_APP, shell: options.shell, reads: workspace.reads ?? undefined }
    },
  })
}

/**
 * trpc-electron listens on ipcMain for every web contents (attaching a window only scopes subscription
 * clean-up), and it awaits createContext outside its error handling: a throw here would surface as an
 * unhandled rejection, not as an error reply. A context that never arrives drops the call: no procedure runs,
 * nothing is answered. A fresh promise per call, so nothing keeps the dropped calls alive.
 */
function refused(): Promise<never> {
  return new Promise<never>(() => {})
}

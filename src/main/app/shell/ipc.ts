// The renderer's only channel to the main process: tRPC over Electron IPC (trpc-electron), serving the same
// appRouter that serve mode serves over HTTP and WebSocket. Roles are enforced by the router, as there.
import type { BrowserWindow } from 'electron'
import { createIPCHandler } from 'trpc-electron/main'
import { appRouter } from '../api/router.ts'
import type { Context, ShellServices } from '../api/context.ts'
import type { Workspace } from '../workspace/open.ts'
import { findProfile } from '#main/users/profiles.ts'
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
  /** Local profile the desktop acts as (login per user arrives with the security work). */
  username?: string
  /** Native services procedures may use (the "Save as" dialog of exports). */
  shell?: ShellServices
  log?(line: string): void
}

export function createIpcBridge(options: IpcBridgeOptions) {
  const username = options.username ?? 'admin'
  return createIPCHandler({
    router: appRouter,
    createContext: async ({ event }): Promise<Context> => {
      const isMain = isTrustedSender(event as IpcSender, options.getWindow(), options.isAppUrl)
      const isWall = !isMain && (options.getWallWindows?.() ?? []).some((w) => isTrustedSender(event as IpcSender, w, options.isAppUrl))
      if (!isMain && !isWall) {
        options.log?.(`tanggap: panggilan IPC dari pengirim tak dikenal ditolak (${event.senderFrame?.url ?? 'tanpa frame'})`)
        return refused()
      }
      const { db, bus } = options.getWorkspace()
      return { db, bus, user: isWall ? wallUser(db) : findProfile(db, username), app: { mode: 'desktop', defaultKabupaten: null }, shell: options.shell }
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

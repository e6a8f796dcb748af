// What every API call gets: the store, the acting local profile and the change bus. The transports (IPC in the
// desktop shell, HTTP/WebSocket in serve mode) decide who the user is; procedures only read ctx.user.
import type { Db } from '#main/store/open.ts'
import type { ChangeBus } from '#main/live/bus.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { ReadPool } from './read-pool.ts'

export type AppInfo = { mode: 'desktop' | 'serve'; defaultKabupaten: string | null }

/** What only the desktop shell can do for a procedure (none of it exists in serve mode). */
export type ShellServices = {
  /** The native "Save as" dialog; null when the user cancels it. */
  chooseSavePath(suggestedName: string): Promise<string | null>
  /** The native "Open" dialog for an import file; null when the user cancels it. */
  chooseImportFile?(): Promise<string | null>
}

export type Context = {
  db: Db
  bus: ChangeBus
  user: SessionUser | null
  app: AppInfo
  shell?: ShellServices
  /** Serve mode: the worker threads the heavy reads run in (api/read-pool.ts); absent, they run on this thread. */
  reads?: ReadPool
}

// What every API call gets: the store, the acting local profile and the change bus. The transports (IPC in the
// desktop shell, HTTP/WebSocket in serve mode) decide who the user is; procedures only read ctx.user.
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import type { Role } from '../../shared/domain.ts'

export type SessionUser = { id: number; username: string; nama: string; role: Role }

export type AppInfo = { mode: 'desktop' | 'serve'; defaultKabupaten: string | null }

export type Context = {
  db: Db
  bus: ChangeBus
  user: SessionUser | null
  app: AppInfo
}

// A running workspace: the opened store, its change bus and default profiles. Both the desktop shell and
// serve mode start here, so they behave the same.
import { openStore, type OpenOptions, type Db } from '../store/open.ts'
import { createChangeBus, type ChangeBus } from '../live/bus.ts'
import { ensureDefaultProfiles } from '../users/profiles.ts'

export type Workspace = { db: Db; bus: ChangeBus; file: string; close(): void }

export function openWorkspace(file: string, options: OpenOptions = {}): Workspace {
  const db = openStore(file, options)
  ensureDefaultProfiles(db)
  return { db, bus: createChangeBus(), file, close: () => db.close() }
}

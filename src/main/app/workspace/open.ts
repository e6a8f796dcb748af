// A running workspace: the opened store, its change bus and default profiles. Both the desktop shell and
// serve mode start here, so they behave the same.
import { openStore, type OpenOptions, type Db } from '#main/store/open.ts'
import { createChangeBus, type ChangeBus } from '#main/live/bus.ts'
import { ensureDefaultProfiles } from '#main/users/profiles.ts'
import { ensureFresh } from '#main/kpi/service.ts'
import { exportJobs } from '#main/export/jobs.ts'
import type { ReadPool } from '../api/read-pool.ts'
// Registers the early warning's words with every complaint refresh and rebuild (isu/terms.ts onRefresh).
import '#main/isu/terms.ts'

export type Workspace = {
  db: Db
  bus: ChangeBus
  file: string
  close(): void
  /** The worker threads heavy reads run in (api/read-pool.ts withReadPool: the desktop app); serve mode keeps its
   *  own. Absent, every read runs on the app's thread. */
  reads?: ReadPool | null
  /** Where closing ends later than close() returns (a read pool's threads, exports putting their files away):
   *  resolves when every connection is closed. */
  whenClosed?(): Promise<void>
}

export function openWorkspace(file: string, options: OpenOptions = {}): Workspace {
  const db = openStore(file, options)
  ensureDefaultProfiles(db)
  if (!options.readonly) recomputeStale(db)
  let exportsEnded: Promise<void> = Promise.resolve()
  return {
    db,
    bus: createChangeBus(),
    file,
    close: () => {
      // Running exports are cancelled with their store: their readers must let go of the file before it is
      // replaced or encrypted (shell/workspace.ts reopen), and a half-made file of a closed store helps no one.
      exportsEnded = exportJobs(db).close()
      db.close()
    },
    whenClosed: () => exportsEnded,
  }
}

/**
 * Deadlines and KPI aggregates computed under another calendar, other rules or an older layout (a migration
 * asks for it) are recomputed before anything reads them: a screen must never show numbers from the old rules.
 */
function recomputeStale(db: Db): void {
  const t0 = performance.now()
  const kabupaten = ensureFresh(db)
  const ms = performance.now() - t0
  // Said only when it is long enough for someone to wonder why the app is slow to start.
  if (ms > 1000) console.error(`Tenggat dan agregat KPI dihitung ulang untuk ${kabupaten.join(', ')} (${(ms / 1000).toFixed(1)} detik)`)
}

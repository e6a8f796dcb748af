// The live demo: the demo store is filled the way a real one is, by syncing from an upstream, here the simulator
// running in the same process. The upstream keeps its own file beside the demo store and lives on between runs,
// so each start continues from the stored cursors, and new complaints, dispositions and answers keep arriving.
import { dirname, join } from 'node:path'
import type { Workspace } from '#main/app/workspace/open.ts'
import { DEMO_SETS } from '../demo/ensure.ts'
import { saveSource } from '#main/sync/sources.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { syncService } from '#main/sync/service.ts'
import { startSimulator, type RunningSimulator } from './server.ts'

export type LiveDemo = { simulator: RunningSimulator; sources: string[]; stop(): Promise<void> }

export const demoSourceName = (kabupaten: string) => `lapor-demo-${kabupaten.replace('.', '')}`

/** Null when the store holds generated demo data from before the live demo: mixing both would count twice. */
export async function startLiveDemo(ws: Workspace, opts: { ratePerMinute?: number; log?: (line: string) => void } = {}): Promise<LiveDemo | null> {
  const { db, bus } = ws
  const old = db.prepare("SELECT count(*) FROM complaint WHERE source = 'demo'").pluck().get() as number
  if (old > 0) return null
  const simulator = await startSimulator({
    file: join(dirname(ws.file), 'demo-upstream.db'),
    datasets: DEMO_SETS.map((s) => ({ ...s })),
    ratePerMinute: opts.ratePerMinute ?? 20,
    log: opts.log,
  })
  const sources = DEMO_SETS.map((set) => {
    seedKabupaten(db, set.kabupaten)
    // The port changes on every start; the cursor stays valid because the upstream's file does.
    saveSource(db, {
      name: demoSourceName(set.kabupaten),
      kind: 'lapor-json',
      kabupaten: set.kabupaten,
      config: { baseUrl: simulator.url, pageSize: 1000 },
      token: simulator.tokenFor(set.kabupaten),
      scheduleMinutes: 1,
      isWriteback: true,
    })
    return demoSourceName(set.kabupaten)
  })
  const service = syncService(db, bus)
  service.startSchedule()
  return {
    simulator,
    sources,
    stop: async () => {
      await service.stop()
      await simulator.close()
    },
  }
}

// Keeps every kabupaten's model and stored suggestions current while the app runs (serve mode, desktop): shortly
// after start, after each change announced on the bus, and every half minute, it learns from what arrived in the
// store (sync, imports, another process) in small slices, so the event loop stays responsive, and announces the
// new suggestions when anything changed.
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import { catchUp, refreshStale } from './learn.ts'

export type UpkeepOptions = { firstDelayMs?: number; intervalMs?: number; sliceSize?: number; log?: (line: string) => void }

export function startRoutingUpkeep(db: Db, bus: ChangeBus, opts: UpkeepOptions = {}): () => void {
  const { firstDelayMs = 2_000, intervalMs = 30_000, sliceSize = 1_000, log = (l) => console.error(l) } = opts
  const abort = new AbortController()
  let timer: NodeJS.Timeout | null = null
  const schedule = (ms: number) => {
    if (abort.signal.aborted) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(step, ms)
    timer.unref() // never keeps a CLI or a test process alive
  }
  const step = () => {
    timer = null
    if (abort.signal.aborted || !db.open) return
    let more = false
    try {
      for (const kab of db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().all() as string[]) {
        const r = catchUp(db, kab, sliceSize)
        const refreshed = refreshStale(db, kab, sliceSize)
        if (!r.isDone || refreshed > 0) more = true
        if (r.processed > 0 || refreshed > 0) bus.emit({ kabupaten: kab, kind: 'complaints', at: Date.now(), count: r.processed + refreshed })
      }
    } catch (err) {
      log(`routing: ${err instanceof Error ? err.message : String(err)}`)
    }
    schedule(more ? 10 : intervalMs)
  }
  schedule(firstDelayMs)
  void (async () => {
    try {
      // Another writer's change: look soon, after the burst (a sync writes in batches).
      for await (const _ of bus.changes(abort.signal)) schedule(1_000)
    } catch {
      // aborted
    }
  })()
  return () => {
    abort.abort()
    if (timer) clearTimeout(timer)
  }
}

/** The same workspace, with the upkeep running until it is closed (the desktop shell opens its stores this way). */
export function withRoutingUpkeep<W extends { db: Db; bus: ChangeBus; close(): void }>(ws: W): W {
  const stop = startRoutingUpkeep(ws.db, ws.bus)
  return {
    ...ws,
    close: () => {
      stop()
      ws.close()
    },
  }
}

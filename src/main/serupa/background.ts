// The backfill of "Laporan serupa" after a store opens (an existing store migrated to 0031 has every complaint
// pending; a writer outside the ingest path leaves its complaints pending): slices of about 50 ms of work, newest
// complaints first (the queue's window first), each followed by a rest as long as itself (background/pace.ts).
// Until a complaint is done, the detail pane and the queue compute it on the fly, so answers are right meanwhile,
// only slower.
import type { Db } from '#main/store/open.ts'
import { startLoop } from '#main/background/loop.ts'
import { pendingCount, processPendingSlice } from './arrival.ts'
import { rest } from '#main/background/pace.ts'
import { LOCK_RETRY_MS } from '#main/store/write-or-skip.ts'

export const SERUPA_TASK = { name: 'serupa', label: 'Laporan serupa' } as const

export type SerupaBackfillOptions = { firstDelayMs?: number; everyMs?: number; sliceMs?: number; log?: (line: string) => void }

/** Starts the background slices; returns their stop. */
export function startSerupaBackfill(db: Db, opts: SerupaBackfillOptions = {}): () => void {
  const { firstDelayMs = 2_000, everyMs = 10_000, sliceMs = 50, log = (l) => console.error(l) } = opts
  let stopped = false
  const stopLoop = startLoop(db, SERUPA_TASK, { firstDelayMs, everyMs, log }, async () => {
    const total = pendingCount(db)
    if (!total) return false
    const t0 = Date.now()
    let processed = 0
    for (;;) {
      if (stopped || !db.open) break
      const t = performance.now()
      // Never waiting for the lock on this thread: another connection writing (the KPI rebuild's worker, a CLI sync)
      // is let finish, and the slice tried again shortly.
      const r = processPendingSlice(db, sliceMs, 64, true)
      processed += r.processed
      if (!r.remaining) break
      // Requests, and other writers (a rebuild's worker, the CLI), get the thread and the lock between slices.
      await rest(r.lockTaken ? LOCK_RETRY_MS : performance.now() - t)
    }
    if (total > 1000) log(`Laporan serupa: ${processed} laporan diproses dalam ${Math.round((Date.now() - t0) / 1000)} detik`)
    return true
  })
  return () => {
    stopped = true
    stopLoop()
  }
}

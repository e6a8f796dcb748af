// The backfill of "Laporan serupa" after a store opens (an existing store migrated to 0031 has every complaint
// pending; a writer outside the ingest path leaves its complaints pending): slices of about 50 ms of work, newest
// complaints first (the queue's window first), each followed by a rest as long as itself (background/pace.ts), in a
// worker thread with its own connection (backfill-worker.ts), or on the app's thread where no worker can start.
// Until a complaint is done, the detail pane and the queue compute it on the fly, so answers are right meanwhile,
// only slower.
import type { Db } from '#main/store/open.ts'
import { startLoop } from '#main/background/loop.ts'
import { pendingCount, processPendingSlice } from './arrival.ts'
import { rest } from '#main/background/pace.ts'
import { startModule } from '#main/background/worker.ts'
import { storeHandle } from '#main/store/worker-connection.ts'

export const SERUPA_TASK = { name: 'serupa', label: 'Laporan serupa' } as const

export type SerupaBackfillOptions = { firstDelayMs?: number; everyMs?: number; sliceMs?: number; log?: (line: string) => void }

/** Starts the background slices; returns their stop. */
export function startSerupaBackfill(db: Db, opts: SerupaBackfillOptions = {}): () => void {
  const { firstDelayMs = 2_000, everyMs = 10_000, sliceMs = 50, log = (l) => console.error(l) } = opts
  let stopped = false
  // Set (and notified) to stop a worker's pass between two slices.
  const stop = new Int32Array(new SharedArrayBuffer(4))
  const stopLoop = startLoop(db, SERUPA_TASK, { firstDelayMs, everyMs, log }, async () => {
    const total = pendingCount(db)
    if (!total) return false
    const t0 = Date.now()
    const processed = (await inWorker(db, sliceMs, stop)) ?? (await inThread(db, sliceMs, () => stopped))
    if (total > 1000) log(`Laporan serupa: ${processed} laporan diproses dalam ${Math.round((Date.now() - t0) / 1000)} detik`)
    return true
  })
  return () => {
    stopped = true
    Atomics.store(stop, 0, 1)
    Atomics.notify(stop, 0)
    stopLoop()
  }
}

/** One pass in a worker thread with its own connection (backfill-worker.ts); null where none can start (a store in
 *  memory, a build without the worker's entry). */
function inWorker(db: Db, sliceMs: number, stop: Int32Array): Promise<number> | null {
  const handle = storeHandle(db)
  const worker = handle && startModule(new URL('./backfill-worker.ts', import.meta.url), { ...handle, sliceMs, stop })
  if (!worker) return null
  worker.unref() // never keeps a CLI or a test process alive
  return new Promise<number>((resolve, reject) => {
    let settled = false
    worker.on('message', (m: { type: 'progress' | 'done'; processed: number } | { type: 'error'; message: string; code: string | null }) => {
      if (m.type === 'progress') return
      settled = true
      if (m.type === 'done') resolve(m.processed)
      else reject(Object.assign(new Error(m.message), { code: m.code ?? undefined }))
    })
    worker.once('error', (err) => {
      settled = true
      reject(err)
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`Laporan serupa: proses latar berhenti tanpa hasil (kode ${code})`))
    })
  })
}

/** One pass on the app's thread, resting after each slice as long as it took. */
async function inThread(db: Db, sliceMs: number, stopped: () => boolean): Promise<number> {
  let processed = 0
  for (;;) {
    if (stopped() || !db.open) break
    const t = performance.now()
    const r = processPendingSlice(db, sliceMs)
    processed += r.processed
    if (!r.remaining) break
    // Requests, and other writers (a rebuild's worker, the CLI), get the thread and the lock between slices.
    await rest(performance.now() - t)
  }
  return processed
}

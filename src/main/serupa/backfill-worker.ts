// Worker-thread entry of the serupa backfill (started by serupa/background.ts through background/worker.ts): its own
// connection to the store (store/worker-connection.ts), the pending complaints in write slices of about `sliceMs`,
// each followed by a rest as long as itself (background/pace.ts), until none is left or the app sets `stop`. On the
// app's thread one complaint of a dense desa (its place's rows read for the first time) took up to 280 ms, and the
// app answered no one meanwhile (docs/reliability.md "Background work leaves room").
import { parentPort, workerData } from 'node:worker_threads'
import { openInWorker, type StoreHandle } from '../store/worker-connection.ts'
import { restAfter } from '../background/pace.ts'
import { processPendingSlice } from './arrival.ts'

type Data = StoreHandle & { sliceMs: number; stop: Int32Array }

const d = workerData as Data
const db = openInWorker(d, false)
try {
  let processed = 0
  let last = 0
  for (;;) {
    if (Atomics.load(d.stop, 0) !== 0) break
    const t = performance.now()
    const r = processPendingSlice(db, d.sliceMs)
    processed += r.processed
    if (!r.remaining) break
    if (Date.now() - last > 1_000) {
      last = Date.now()
      parentPort!.postMessage({ type: 'progress', processed })
    }
    // The rest, cut short when the app sets `stop` (and notifies).
    Atomics.wait(d.stop, 0, 0, restAfter(performance.now() - t))
  }
  parentPort!.postMessage({ type: 'done', processed })
} catch (err) {
  const e = err as Error & { code?: string }
  parentPort!.postMessage({ type: 'error', message: e.message, code: e.code ?? null })
} finally {
  db.close()
}

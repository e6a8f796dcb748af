// Worker-thread entry of a background KPI rebuild (started by kpi/background-rebuild.ts through
// background/worker.ts): opens its own two connections to the store's file (store/worker-connection.ts) and runs
// kpi/sliced-rebuild.ts.
import { parentPort, workerData } from 'node:worker_threads'
import { openConnection, type StoreHandle } from '../store/worker-connection.ts'
import { rebuildSliced, type SlicedJob } from './sliced-rebuild.ts'

type Data = StoreHandle & { job: SlicedJob }

const d = workerData as Data
const w = openConnection(d, false)
const r = openConnection(d, true)
try {
  let last = 0
  const result = rebuildSliced(w, r, d.job, {
    onBegun: () => parentPort!.postMessage({ type: 'begun' }),
    onProgress: (done) => {
      if (Date.now() - last < 250) return
      last = Date.now()
      parentPort!.postMessage({ type: 'progress', done })
    },
  })
  parentPort!.postMessage({ type: 'done', result })
} catch (err) {
  const e = err as Error & { code?: string }
  parentPort!.postMessage({ type: 'error', message: e.message, code: e.code ?? null })
} finally {
  r.close()
  w.close()
}

// Worker-thread side of a full routing training (learn.ts RebuildJob, as serve mode's and the desktop's upkeep runs
// it): the linear layer's solver takes seconds on a regency's history (a minute on a big one), work that on the
// app's thread would hold every request. The job comes as plain arrays (Trainer.finishCounts); the layer goes back
// serialised, as a snapshot stores it, its arrays moved rather than copied.
import { parentPort, workerData } from 'node:worker_threads'
import { trainLinear, type LinearJob } from './train.ts'

try {
  const layer = trainLinear(workerData as LinearJob)
  const buffers = layer.serialize()
  // The layer's arrays are moved, not copied, to the app's thread (a copy there would hold it); the two small
  // header buffers may share Node's buffer pool and are copied.
  parentPort!.postMessage({ type: 'done', buffers }, [...new Set(buffers.slice(2).map((b) => b.buffer as ArrayBuffer))])
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) })
}

// Worker-thread side of a full routing training (learn.ts RebuildJob, as serve mode's and the desktop's upkeep runs
// it): the linear layer's solver takes seconds on a regency's history (a minute on a big one), work that on the
// app's thread would hold every request. The job comes as plain arrays (Trainer.finishCounts); the layer goes back
// serialised, as a snapshot stores it.
import { parentPort, workerData } from 'node:worker_threads'
import { trainLinear, type LinearJob } from './train.ts'

try {
  const layer = trainLinear(workerData as LinearJob)
  parentPort!.postMessage({ type: 'done', buffers: layer.serialize() })
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) })
}

// Worker-thread entry of a background KPI rebuild (started by kpi/background-rebuild.ts through
// background/worker.ts): opens its own two connections to the store's file and runs kpi/sliced-rebuild.ts.
// The store is opened with the driver directly, not openStore: openStore sniffs the file's header outside SQLite,
// which in the app's process would drop the app's own locks on the file (docs/reliability.md).
import Database from 'better-sqlite3'
import { parentPort, workerData } from 'node:worker_threads'
import { applyKey, cipherDatabase } from '../store/cipher.ts'
import { BUSY_TIMEOUT_MS, CACHE_SIZE, WAL_KEPT_BYTES, type Db } from '../store/open.ts'
import { rebuildSliced, type SlicedJob } from './sliced-rebuild.ts'

type Data = { file: string; key: string | null; nativeBinding?: string; job: SlicedJob }

function open(d: Data, readonly: boolean): Db {
  const Driver = d.key ? cipherDatabase() : Database
  const db = new Driver(d.file, { readonly, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, nativeBinding: d.key ? undefined : d.nativeBinding })
  if (d.key) applyKey(db, d.key)
  db.pragma('foreign_keys = ON')
  db.pragma(`cache_size = ${CACHE_SIZE}`) // sql-vetted: a constant (as the app's connection)
  if (!readonly) {
    // As the app's own connection (store/open.ts): no fsync per commit in WAL mode, and a log this worker restarts
    // is cut back to size.
    db.pragma('synchronous = NORMAL')
    db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`) // sql-vetted: a constant number of bytes
  }
  return db
}

const d = workerData as Data
const w = open(d, false)
const r = open(d, true)
try {
  let last = 0
  const result = rebuildSliced(w, r, d.job, {
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

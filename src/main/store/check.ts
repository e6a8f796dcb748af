// The store's quick check off the app's thread. SQLite's quick_check reads every page: measured 3.5–17 s on a
// 100,000-complaint store (warm and cold cache, docs/reliability.md), far too long to hold serve mode's or the
// desktop's only thread at start. So the app runs it once at start in a worker thread with its own read-only
// connection (WAL lets it read while the app writes) and reports a damaged store when the answer comes.
// `tanggap info` runs the same check in the foreground (store/health.ts).
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { CIPHER_MODULE } from './cipher.ts'
import { openedOptions, type Db } from './open.ts'
import type { QuickCheck } from './health.ts'

// Plain CommonJS, evaluated in the worker: nothing to bundle or transpile, in Node and in Electron alike.
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads')
const Database = require(w.module)
const t0 = Date.now()
let db
try {
  db = new Database(w.file, { readonly: true, fileMustExist: true, timeout: 10000, nativeBinding: w.nativeBinding })
  if (w.key) { db.pragma("cipher = 'sqlcipher'"); db.key(Buffer.from(w.key, 'utf8')) }
  const rows = db.pragma('quick_check(10)')
  const problems = rows.map((r) => r.quick_check)
  const ok = problems.length === 1 && problems[0] === 'ok'
  parentPort.postMessage({ ok, problems: ok ? [] : problems, ms: Date.now() - t0 })
} catch (err) {
  const code = String(err && err.code || '')
  const damaged = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'
  parentPort.postMessage(damaged ? { ok: false, problems: [String(err.message)], ms: Date.now() - t0 } : { error: String(err && err.message || err) })
} finally {
  if (db) db.close()
}
`

/** Runs quick_check on the store's file in a worker thread; resolves with its outcome (null: not checkable, such
 *  as an in-memory store). Rejects only when the check itself could not run (not a damaged store). */
export function checkInBackground(db: Db): Promise<QuickCheck | null> {
  const opened = openedOptions(db)
  if (!opened || db.memory) return Promise.resolve(null)
  const require = createRequire(import.meta.url)
  const module = require.resolve(opened.key ? CIPHER_MODULE : 'better-sqlite3')
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { module, file: opened.file, key: opened.key ?? null, nativeBinding: opened.key ? undefined : opened.options.nativeBinding },
  })
  worker.unref() // never keeps a CLI or a test process alive
  return new Promise((resolve, reject) => {
    worker.once('message', (m: QuickCheck | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)))
    worker.once('error', reject)
    worker.once('exit', (code) => code !== 0 && reject(new Error(`pemeriksaan berkas berhenti (kode ${code})`)))
  })
}

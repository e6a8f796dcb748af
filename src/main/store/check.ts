// Whole-file work off the app's thread: SQLite's quick_check and a backup (VACUUM INTO) both read every page —
// quick_check took 3.5–17 s on a 100,000-complaint store (docs/reliability.md) — far too long to hold serve mode's
// or the desktop's only thread. Each runs in a worker thread with its own connection (WAL lets it read one
// consistent snapshot while the app writes). `tanggap info` and `tanggap backup` use the same code.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { CIPHER_MODULE } from './cipher.ts'
import { openedOptions, type Db } from './open.ts'
import type { QuickCheck } from './health.ts'

// Plain CommonJS, evaluated in the worker: nothing to bundle or transpile, in Node and in Electron alike.
// An encrypted store's backup is made by VACUUM INTO, which SQLite3 Multiple Ciphers writes encrypted with the
// same key (its backup API refuses an encrypted source); the copy is then checked with that key.
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads')
const Database = require(w.module)
const t0 = Date.now()
const open = (file, readonly) => {
  const db = new Database(file, { readonly, fileMustExist: true, timeout: 10000, nativeBinding: w.nativeBinding })
  if (w.key) { db.pragma("cipher = 'sqlcipher'"); db.key(Buffer.from(w.key, 'utf8')) }
  return db
}
const check = (db) => {
  const problems = db.pragma('quick_check(10)').map((r) => r.quick_check)
  const ok = problems.length === 1 && problems[0] === 'ok'
  return { ok, problems: ok ? [] : problems }
}
let db
try {
  db = open(w.file, true)
  if (w.op === 'check') {
    parentPort.postMessage({ ...check(db), ms: Date.now() - t0 })
  } else {
    db.prepare('VACUUM INTO ?').run(w.out)
    const copy = open(w.out, false)
    try {
      const c = check(copy)
      const complaints = copy.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'complaint'").pluck().get() ? copy.prepare('SELECT count(*) FROM complaint').pluck().get() : 0
      parentPort.postMessage({ ...c, complaints, ms: Date.now() - t0 })
    } finally {
      copy.close()
    }
  }
} catch (err) {
  const code = String((err && err.code) || '')
  const damaged = w.op === 'check' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
  parentPort.postMessage(damaged ? { ok: false, problems: [String(err.message)], ms: Date.now() - t0 } : { error: String((err && err.message) || err), code })
} finally {
  if (db) db.close()
}
`

type Job = { op: 'check' } | { op: 'backup'; out: string }
export type BackupCopy = QuickCheck & { complaints: number }

function runWorker<T>(db: Db, job: Job, signal?: AbortSignal): Promise<T | null> {
  const opened = openedOptions(db)
  if (!opened || db.memory || signal?.aborted) return Promise.resolve(null)
  const require = createRequire(import.meta.url)
  const module = require.resolve(opened.key ? CIPHER_MODULE : 'better-sqlite3')
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { ...job, module, file: opened.file, key: opened.key ?? null, nativeBinding: opened.key ? undefined : opened.options.nativeBinding },
  })
  worker.unref() // a check under way never keeps a CLI or a test process alive
  // Settles only once the worker has exited, so that its connection to the store is closed by then: whoever
  // closes the store next (or deletes its folder, in tests) finds no reader still opening its -wal/-shm files.
  // Stopped (signal): the worker is terminated, and the answer is null.
  return new Promise((resolve, reject) => {
    let answer: { ok: T } | { err: Error } | null = null
    const stop = () => void worker.terminate()
    signal?.addEventListener('abort', stop, { once: true })
    worker.once('message', (m: T | { error: string; code: string }) => {
      answer = m && typeof m === 'object' && 'error' in m ? { err: Object.assign(new Error(m.error), { code: m.code || undefined }) } : { ok: m }
      worker.ref() // its answer is in: now it only closes its connection, and the caller waits for that
    })
    worker.once('error', (err) => (answer ??= { err }))
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', stop)
      if (signal?.aborted) resolve(null)
      else if (answer && 'ok' in answer) resolve(answer.ok)
      else reject(answer?.err ?? new Error(`pekerjaan latar berhenti (kode ${code})`))
    })
  })
}

/** Runs quick_check on the store's file in a worker thread (null: not checkable, such as an in-memory store).
 *  Rejects only when the check itself could not run (not a damaged store). */
export function checkInBackground(db: Db, signal?: AbortSignal): Promise<QuickCheck | null> {
  return runWorker<QuickCheck>(db, { op: 'check' }, signal)
}

/** Writes a consistent copy of the store to `out` (which must not exist) in a worker thread and checks the copy. */
export function copyInBackground(db: Db, out: string): Promise<BackupCopy | null> {
  return runWorker<BackupCopy>(db, { op: 'backup', out })
}

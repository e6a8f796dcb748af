// Worker-thread entry of the read pool (api/read-pool.ts): one read-only connection to the store, and the app's
// own router. Each job is a procedure path, its parsed input and the caller's profile; it runs through the same
// middleware (role, kabupaten scope, error mapping) and resolver as on the server's thread, in one read snapshot
// (a deferred transaction: every statement of the procedure sees the same commit), and the answer or the error's
// code and message go back. Opened with the driver directly, not openStore: openStore reads the file's header
// outside SQLite, which in the app's process would drop the app's own locks on the file (docs/reliability.md).
import { parentPort, workerData } from 'node:worker_threads'
import { TRPCError } from '@trpc/server'
import { openConnection, type StoreHandle } from '#main/store/worker-connection.ts'
import { createChangeBus } from '#main/live/bus.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appRouter } from './router.ts'
import type { AppInfo } from './context.ts'

type Data = StoreHandle & { app: AppInfo; gate: Int32Array | null; checkpointMs?: number }
type Run = { type: 'run'; id: number; path: string; input: unknown; user: SessionUser }

const d = workerData as Data
// With the app's connection's settings (store/worker-connection.ts: foreign keys, its 64 MiB page cache).
const db = openConnection(d, true)
// The pool's first worker also copies the write-ahead log into the store (a passive checkpoint: it never waits for
// or blocks a reader or the writer). Left to SQLite, the commit that fills the log past 1,000 pages does it, on the
// app's thread, with an fsync of the store: hundreds of milliseconds on a busy disk, seen in the bench's profiles
// as a tiny UPDATE of routing upkeep or a note's aggregates taking 0.3–0.8 s. The pool turns that automatic
// checkpoint off on the app's connection once this worker is ready (api/read-pool.ts).
if (d.checkpointMs) {
  const writer = openConnection(d, false)
  setInterval(() => {
    try {
      writer.pragma('wal_checkpoint(PASSIVE)')
    } catch {
      // Busy or a full disk: the next turn tries again; the app's own writes report such problems.
    }
  }, d.checkpointMs)
}
// Reads only: nothing here announces a change, but a procedure's context has a bus.
const bus = createChangeBus()

function call(user: SessionUser, path: string, input: unknown): Promise<unknown> {
  const caller = appRouter.createCaller({ db, bus, user, app: d.app }) as unknown as Record<string, unknown>
  const parts = path.split('.')
  let target: unknown = caller
  for (const part of parts) target = (target as Record<string, unknown>)[part]
  return (target as (input: unknown) => Promise<unknown>)(input)
}

parentPort!.on('message', async (m: Run) => {
  if (d.gate) Atomics.wait(d.gate, 0, 1)
  db.exec('BEGIN') // a read snapshot on a read-only connection: there is no write lock to take up front
  try {
    const data = await call(m.user, m.path, m.input)
    parentPort!.postMessage({ type: 'done', id: m.id, data })
  } catch (err) {
    const e = err instanceof TRPCError ? err : null
    parentPort!.postMessage({ type: 'error', id: m.id, code: e?.code ?? 'INTERNAL_SERVER_ERROR', message: (err as Error).message })
  } finally {
    if (db.inTransaction) db.exec('COMMIT')
  }
})
parentPort!.postMessage({ type: 'ready' })

// Reads off the server's thread (docs/reliability.md "Reads off the server's thread"). better-sqlite3 is
// synchronous: a KPI table or a queue total that costs 100–300 ms of CPU stops every other request and WebSocket
// while it runs, and 50 users asking for them queue behind each other on the one thread. The heavy read procedures
// (marked with `offThread` in their router) therefore run in a small pool of worker threads, each with its own
// read-only connection (WAL lets readers run beside the writer). The server's thread only parses the call, checks
// the caller's role and kabupaten (api/trpc.ts, exactly as for any procedure) and forwards it; the worker runs the
// same procedure of the same router as the same user (its middleware checks again), in one read snapshot.
//
// Shared results: 50 users on one dashboard ask the same questions. An answer is kept, keyed by procedure, input
// and what of the caller the answer may depend on, for the store's data revision it was asked at (SQLite's
// `PRAGMA data_version` on a connection of its own: it changes whenever any other connection — this app's writer,
// a KPI rebuild's worker, a CLI sync in another process — commits) and for at most CACHE_MS (answers that depend
// on the clock, such as "overdue now"). A question asked again before any write is answered from the kept one;
// identical questions share one computation while it waits for a worker (its snapshot will be newer than anything
// written meanwhile) or runs within the same revision; after a write nothing read before it is served.
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { TRPCError } from '@trpc/server'
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc'
import { startModule } from '#main/background/worker.ts'
import { READ_POOL_NICE } from '#main/background/priority.ts'
import type { Db } from '#main/store/open.ts'
import { openConnection, storeHandle } from '#main/store/worker-connection.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { AppInfo } from './context.ts'

/** What of the caller an answer depends on: the whole profile (lists that show "mine", identity by role), or only
 *  its role and scope (figures: every viewer of one kabupaten gets the same KPI table). */
export type ReadShare = 'user' | 'scope'

/** How long a kept answer may be served without any write (answers that count "overdue now" move with the clock). */
export const CACHE_MS = 2_000
const CACHE_ENTRIES = 500
/** How often the checkpointing worker copies the write-ahead log into the store. */
const CHECKPOINT_MS = 1_000

export type ReadPoolOptions = {
  /** Worker threads (default: the machine's cores, at most 2). */
  workers?: number
  /** Tests only: while gate[0] is 1 every worker waits before starting a job (Atomics.wait), so a test can hold a
   *  read in flight and see the server answer meanwhile, without timing. */
  gate?: Int32Array
  /** Keep answers per data revision (default true). */
  cache?: boolean
  /** The first worker checkpoints the write-ahead log instead of the app's commits (default true). */
  checkpoint?: boolean
  /** Nice steps below the server's thread its workers run at (Linux; default READ_POOL_NICE, background/priority.ts). */
  nice?: number
  /** The worker module (default: query-worker beside this file, or its built entry). The e2e tests give the built
   *  out/main/query-worker.js, as the desktop app runs it: loading the sources through tsx in every worker of
   *  every test server cost about 2 s of CPU a worker. */
  module?: URL
}

export type ReadPoolStats = { workers: number; ready: number; queued: number; running: number; offThread: number; inThread: number; hits: number; shared: number; misses: number }

export type ReadPool = {
  /** Runs procedure `path` with `input` as `user` in a worker, or `inThread` while no worker is ready. */
  run(path: string, input: unknown, user: SessionUser, share: ReadShare, inThread: () => unknown): Promise<unknown>
  /** Starts every worker and resolves when they have loaded (true) or none could (false: reads run on the server's
   *  thread). Without it the pool starts one worker with the first heavy read and grows as reads wait. */
  ready(): Promise<boolean>
  stats(): ReadPoolStats
  close(): Promise<void>
}

type Job = { id: number; path: string; input: unknown; user: SessionUser; onStart(): void; resolve(v: unknown): void; reject(e: unknown): void }
/** A kept answer: `started` once its job went to a worker, `revision` the data revision read at that moment. */
type Entry = { revision: number; at: number; value: Promise<unknown>; started: boolean; done: boolean }
type Slot = { worker: Worker; ready: boolean; job: Job | null }
type Reply = { type: 'ready' } | { type: 'done'; id: number; data: unknown } | { type: 'error'; id: number; code: TRPC_ERROR_CODE_KEY; message: string }

/** A pool for the store `db` (null for an in-memory store, or where no worker can be started: reads stay in-thread). */
export function createReadPool(db: Db, app: AppInfo, opts: ReadPoolOptions = {}): ReadPool | null {
  const handle = storeHandle(db)
  if (!handle) return null
  const data = { ...handle, app, gate: opts.gate ?? null }
  // The revision watch: a connection of its own, opened with the driver (not openStore, which reads the file's
  // header outside SQLite and would drop this process's locks on the file).
  const watch = openConnection(handle, true)
  const revisionOf = watch.prepare('PRAGMA data_version').pluck()

  const size = Math.max(1, opts.workers ?? Math.min(2, availableParallelism()))
  const slots: Slot[] = []
  const queue: Job[] = []
  const counts = { offThread: 0, inThread: 0, hits: 0, shared: 0, misses: 0 }
  const cache = new Map<string, Entry>()
  let nextId = 1
  let closed = false
  let started = false
  let readyResolve: (ok: boolean) => void = () => {}
  const readyPromise = new Promise<boolean>((r) => (readyResolve = r))
  let failures = 0

  const settleReady = () => {
    if (slots.some((s) => s.ready) && slots.every((s) => s.ready)) readyResolve(true)
    else if (slots.length === 0) readyResolve(false)
  }

  const dispatch = () => {
    // Grown one worker at a time, as the reads wait: a server that sees few heavy reads (a test, a quiet desk)
    // never pays for loading the second.
    if (queue.length > 0 && slots.length < size && slots.every((s) => s.ready && s.job)) spawn()
    for (const slot of slots) {
      if (!slot.ready || slot.job || queue.length === 0) continue
      const job = queue.shift()!
      slot.job = job
      job.onStart()
      slot.worker.postMessage({ type: 'run', id: job.id, path: job.path, input: job.input, user: job.user })
    }
  }

  // Which worker copies the write-ahead log into the store (query-worker.ts): while it runs, the app's connection
  // leaves that to it instead of doing it inside whichever commit fills the log.
  let checkpointer: Slot | null = null
  const autoCheckpoint = (on: boolean) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${on ? 1000 : 0}`) // sql-vetted: one of two constants
  }
  const spawn = () => {
    const checkpoints = checkpointer === null && opts.checkpoint !== false
    const worker = startModule(opts.module ?? new URL('./query-worker.ts', import.meta.url), { ...data, checkpointMs: checkpoints ? CHECKPOINT_MS : 0 }, undefined, { nice: opts.nice ?? READ_POOL_NICE })
    if (!worker) return
    worker.unref() // never keeps a CLI or a test process alive
    const slot: Slot = { worker, ready: false, job: null }
    slots.push(slot)
    if (checkpoints) checkpointer = slot
    worker.on('message', (m: Reply) => {
      if (m.type === 'ready') {
        slot.ready = true
        if (slot === checkpointer) autoCheckpoint(false)
        settleReady()
        return dispatch()
      }
      const job = slot.job
      slot.job = null
      if (job && job.id === m.id) {
        if (m.type === 'done') job.resolve(m.data)
        else job.reject(new TRPCError({ code: m.code, message: m.message }))
      }
      dispatch()
    })
    const lost = (why: string) => {
      const at = slots.indexOf(slot)
      if (at < 0) return
      slots.splice(at, 1)
      if (slot === checkpointer) {
        checkpointer = null
        autoCheckpoint(true)
      }
      slot.job?.reject(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `Pembaca latar berhenti (${why}); coba lagi` }))
      slot.job = null
      if (closed) return
      // A worker that dies is replaced; one that cannot even load (three times) leaves the reads on this thread.
      if (++failures <= 3) spawn()
      if (!slots.some((s) => s.ready)) {
        settleReady()
        // Jobs waiting for a worker that will not come run here instead.
        if (slots.length === 0) for (const job of queue.splice(0)) job.reject(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Pembaca latar tidak dapat dijalankan; coba lagi' }))
      }
      dispatch()
    }
    worker.once('error', (err) => lost(err.message))
    worker.once('exit', (code) => lost(`kode ${code}`))
  }

  const start = (all = false) => {
    if (!started) {
      started = true
      spawn()
    }
    if (all) while (slots.length < size && failures === 0) spawn()
    settleReady()
  }

  const compute = (path: string, input: unknown, user: SessionUser, inThread: () => unknown, onStart: () => void = () => {}): Promise<unknown> => {
    start()
    if (!slots.some((s) => s.ready)) {
      // Until a worker has loaded (seconds after start), or where none can, the read runs here as before.
      counts.inThread++
      onStart()
      return Promise.resolve().then(inThread)
    }
    counts.offThread++
    return new Promise((resolve, reject) => {
      queue.push({ id: nextId++, path, input, user, onStart, resolve, reject })
      dispatch()
    })
  }

  return {
    run(path, input, user, share, inThread) {
      if (opts.cache === false) return compute(path, input, user, inThread)
      const who = share === 'user' ? [user.id, user.username, user.role, user.kabupaten, user.units ?? null] : [user.role, user.kabupaten, user.units ?? null]
      const key = JSON.stringify([path, input ?? null, who])
      const revision = Number(revisionOf.get())
      const now = Date.now()
      const kept = cache.get(key)
      // A job still waiting for a worker will read a snapshot newer than any write seen so far: join it, whatever
      // was written since it was asked (under load, all identical questions waiting share one computation).
      // One already started is shared only within the revision read when it started.
      if (kept && (!kept.started || (kept.revision === revision && now - kept.at < CACHE_MS))) {
        if (kept.done) counts.hits++
        else counts.shared++
        return kept.value
      }
      counts.misses++
      cache.delete(key)
      if (cache.size >= CACHE_ENTRIES) {
        for (const [k, v] of cache) if (v.started && (v.revision !== revision || now - v.at >= CACHE_MS)) cache.delete(k)
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!)
      }
      const entry: Entry = { revision: Number.NaN, at: now, value: Promise.resolve(), started: false, done: false }
      // Kept under the revision read when its job goes to a worker: the worker's snapshot begins after that, so the
      // answer is at least that new, and any later write changes the revision: it is never served after one.
      entry.value = compute(path, input, user, inThread, () => {
        entry.started = true
        entry.revision = Number(revisionOf.get())
        entry.at = Date.now()
      })
      const value = entry.value
      cache.set(key, entry)
      value.then(
        () => (entry.done = true),
        () => {
          if (cache.get(key) === entry) cache.delete(key)
        },
      )
      return value
    },
    ready() {
      start(true)
      return readyPromise
    },
    stats: () => ({ workers: slots.length, ready: slots.filter((s) => s.ready).length, queued: queue.length, running: slots.filter((s) => s.job).length, ...counts }),
    async close() {
      closed = true
      readyResolve(false)
      for (const job of queue.splice(0)) job.reject(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Server berhenti' }))
      const all = slots.splice(0)
      if (checkpointer) autoCheckpoint(true)
      checkpointer = null
      await Promise.all(all.map((s) => s.worker.terminate()))
      cache.clear()
      watch.close()
    },
  }
}

/**
 * The desktop app's reads off its main thread, as serve mode's (app/shell/desktop.ts): `ws` with a read pool for its
 * store, closed with it (the pool first: it gives the app's connection its checkpoints back before the store
 * closes). A store where no pool can run (in memory, no worker module) gets none, and reads stay in-thread.
 */
export function withReadPool<W extends { db: Db; close(): void; whenClosed?(): Promise<void> }>(ws: W, app: AppInfo, opts?: ReadPoolOptions): W & { reads: ReadPool | null; whenClosed(): Promise<void> } {
  const reads = createReadPool(ws.db, app, opts)
  let closing: Promise<void> = Promise.resolve()
  return {
    ...ws,
    reads,
    close: () => {
      // Synchronous up to its first await: the workers are told to stop and the app's connection checkpoints
      // again before the store closes; the threads (and their connections) end a moment later.
      closing = reads?.close() ?? Promise.resolve()
      ws.close()
    },
    /** Resolves when every connection of the pool is closed too: what must be waited for before the file itself
     *  is replaced (shell/encryption.ts). */
    whenClosed: () => Promise.all([closing, ws.whenClosed?.()]).then(() => undefined),
  }
}

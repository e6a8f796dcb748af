// The server's thread before background threads (docs/reliability.md "Thread priority"). On a 2-core machine the
// KPI rebuild's worker, the read pool and a sync or an import all compete with the thread that answers requests;
// the scheduler shares the cores between them equally, so the server's thread waits for a core behind work that
// could well wait a few milliseconds. On Linux every thread has its own nice value (setpriority with a thread id
// acts on that thread alone), so a worker lowers its own priority when it starts (background/worker.ts does it
// before loading the worker's module): the server's thread then gets a core whenever it has work, and the
// background uses what is left. Elsewhere (macOS and Windows have no per-thread nice through Node) this is a no-op
// and the workers run at the process's priority as before.
//
// Threads inherit the nice value of the thread that creates them: libuv's thread pool (file system, crypto, DNS)
// is created by whichever thread first uses it, so the parent warms it before the first lowered worker starts.
import { access, readlinkSync } from 'node:fs'
import { getPriority, setPriority } from 'node:os'

/** How much lower (in nice steps) background work runs than the thread that starts it: a KPI rebuild, a sync, an
 *  import read, the store check. CFS gives a thread at +10 about a tenth of the share of one at +0. */
export const BACKGROUND_NICE = 10
/** The read pool's workers: the server's thread (and so every other request, WebSocket and write) comes first, but
 *  the users wait for these answers, so they come before a rebuild or an import (one measured sync run with the pool
 *  at +10 beside the sync answered 140 of the users' reads in two minutes, against 304 with priorities off). */
export const READ_POOL_NICE = 5

let enabled = true

/** Benches compare with and without (`tanggap bench responsiveness --no-thread-priority`). */
export function setThreadPriorityEnabled(on: boolean): void {
  enabled = on
}

export function threadPriorityEnabled(): boolean {
  return enabled
}

/** The OS id of the calling thread (Linux: /proc/thread-self names it), or null where there is none to read. */
export function currentThreadId(): number | null {
  if (process.platform !== 'linux') return null
  try {
    const m = /\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}

/** The calling thread's nice value, or null where threads have none of their own. */
export function currentThreadNice(): number | null {
  const tid = currentThreadId()
  if (tid === null) return null
  try {
    return getPriority(tid)
  } catch {
    return null
  }
}

/**
 * Lowers the calling thread's priority by `by` nice steps (at most to 19), on Linux only. Returns the thread's nice
 * value afterwards, or null where this is not supported (then nothing changed). Never raises a priority: an
 * unprivileged process may not, and a background thread has no reason to.
 */
export function lowerThreadPriority(by: number = BACKGROUND_NICE): number | null {
  const tid = currentThreadId()
  if (tid === null) return null
  try {
    const now = getPriority(tid)
    const want = Math.min(19, now + Math.max(0, by))
    if (want !== now) setPriority(tid, want)
    return getPriority(tid)
  } catch {
    return null
  }
}

let warmed = false
/** Makes sure libuv's thread pool exists, created by this (the calling, normal-priority) thread: its threads would
 *  otherwise inherit the nice value of a lowered worker that happened to use the file system first. */
export function warmThreadPool(): void {
  if (warmed || process.platform !== 'linux') return
  warmed = true
  // The pool's threads are created synchronously when the first job is submitted.
  access('/', () => {})
}

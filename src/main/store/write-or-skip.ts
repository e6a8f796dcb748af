// A write transaction taken up front at once, or not at all: for background work on the app's thread. Waiting for
// the write lock is SQLite's busy handler sleeping on the calling thread, so on the app's thread every request
// stopped for as long as another connection (the KPI rebuild's worker, a CLI sync) held the lock: a serupa slice
// waited 85 ms and up to about 330 ms measured (docs/reliability.md "Serupa slices bounded"). Background work that
// finds the lock taken rests and tries again; requests and users' writes keep the normal busy timeout.
import type { Db } from './open.ts'
import { BUSY_TIMEOUT_MS } from './open.ts'

export const LOCK_TAKEN = Symbol('lock taken')
/** How soon background work that found the lock taken tries again (the rebuild worker's slices take about 25 ms). */
export const LOCK_RETRY_MS = 10

/** Runs fn, which takes the write lock up front itself (an immediate transaction), or returns LOCK_TAKEN when
 *  another connection holds the lock (fn's transaction rolled back: nothing done). */
export function tryWrite<T>(db: Db, fn: () => T): T | typeof LOCK_TAKEN {
  db.pragma('busy_timeout = 0')
  try {
    return fn()
  } catch (err) {
    if (String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY') && !db.inTransaction) return LOCK_TAKEN
    throw err
  } finally {
    // sql-vetted: a constant number of milliseconds
    if (db.open) db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  }
}

/** fn in an immediate write transaction, or LOCK_TAKEN (nothing done) when another connection holds the lock. */
export function writeOrSkip<T>(db: Db, fn: () => T): T | typeof LOCK_TAKEN {
  return tryWrite(db, () => db.transaction(fn).immediate())
}

/** tryWrite until the lock is free, resting LOCK_RETRY_MS between tries on the event loop (fn must be safe to run
 *  again: a try that found the lock taken did nothing). Off the app's thread (`appThread` false: a run of the CLI,
 *  whose thread answers no one) fn simply runs, its BEGIN waiting in SQLite's busy handler. */
export async function whenLockFree<T>(db: Db, fn: () => T, appThread = true): Promise<T> {
  if (!appThread) return fn()
  for (;;) {
    const r = tryWrite(db, fn)
    if (r !== LOCK_TAKEN) return r
    await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS))
  }
}

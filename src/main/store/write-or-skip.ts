// A write transaction taken up front at once, or not at all: for background slices on the app's thread. Waiting
// for the write lock is SQLite's busy handler sleeping on the calling thread, so on the app's thread every request
// stopped for as long as another connection (the KPI rebuild's worker, a CLI sync) held the lock: a serupa slice
// waited 85 ms and up to about 330 ms measured (docs/reliability.md "Background work leaves room"). A slice that
// finds the lock taken is tried again after a rest; requests and users' writes keep the normal busy timeout.
import type { Db } from './open.ts'
import { BUSY_TIMEOUT_MS } from './open.ts'

export const LOCK_TAKEN = Symbol('lock taken')

/** Runs fn in an immediate write transaction, or returns LOCK_TAKEN (nothing done) when another connection holds
 *  the write lock. */
export function writeOrSkip<T>(db: Db, fn: () => T): T | typeof LOCK_TAKEN {
  db.pragma('busy_timeout = 0')
  try {
    return db.transaction(fn).immediate()
  } catch (err) {
    if (String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return LOCK_TAKEN
    throw err
  } finally {
    // sql-vetted: a constant number of milliseconds
    if (db.open) db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  }
}

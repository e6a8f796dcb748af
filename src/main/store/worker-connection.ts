// A worker's own connections to the app's store (the KPI rebuild's, the read pool's, its revision watch). Opened
// with the driver directly, not openStore:
// openStore sniffs the file's header outside SQLite, which in the app's process would drop the app's own locks on
// the file (docs/reliability.md). Settings as the app's own connection.
import Database from 'better-sqlite3'
import { applyKey, cipherDatabase } from './cipher.ts'
import { BUSY_TIMEOUT_MS, CACHE_SIZE, WAL_KEPT_BYTES, openedOptions, type Db } from './open.ts'

/** What a worker needs to open the store its parent has open (passed as workerData). */
export type StoreHandle = { file: string; key: string | null; nativeBinding?: string }

/** The handle of an open store, for a worker; null for a store without a file (in memory). */
export function storeHandle(db: Db): StoreHandle | null {
  const opened = openedOptions(db)
  if (!opened || db.memory) return null
  return { file: opened.file, key: opened.key ?? null, nativeBinding: opened.key ? undefined : opened.options.nativeBinding }
}

/** A connection of its own to the store of `h`, set as the app's. */
export function openConnection(h: StoreHandle, readonly: boolean): Db {
  const Driver = h.key ? cipherDatabase() : Database
  const db = new Driver(h.file, { readonly, fileMustExist: true, timeout: BUSY_TIMEOUT_MS, nativeBinding: h.key ? undefined : h.nativeBinding })
  if (h.key) applyKey(db, h.key)
  db.pragma('foreign_keys = ON')
  db.pragma(`cache_size = ${CACHE_SIZE}`) // sql-vetted: a constant
  if (!readonly) {
    // No fsync per commit in WAL mode, and a log this worker restarts is cut back to size.
    db.pragma('synchronous = NORMAL')
    db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`) // sql-vetted: a constant number of bytes
  }
  return db
}

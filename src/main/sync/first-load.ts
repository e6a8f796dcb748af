// A first load from the CLI builds the secondary indexes of the complaints and their deadline rows once, at its end,
// instead of row by row (store/deferred-indexes.ts: a third of storing the rows, measured). Only where no one should
// miss them meanwhile: a run of the CLI (a sync, a file import) into a store that holds no complaint yet, with no app
// open on it. An app that opens the store during the load builds them first (openStore), and the load goes on with
// them; one that opened it in the moment before the load began is seen by a sync at its first commit (engine.ts),
// not by an import (store/deferred-indexes.ts).
import type { Db } from '../store/open.ts'
import { putIndexesBack, setIndexesAside } from '../store/deferred-indexes.ts'
import { whenLockFree } from '../store/write-or-skip.ts'
import { appOpen } from './beside.ts'

export type FirstLoad = {
  /** Builds the indexes again (idempotent). On the event loop when the lock is taken, never in SQLite's busy
   *  handler: another process (an app that just opened the store) may be building them too. */
  putBack(): Promise<void>
}

/** Sets the indexes aside when this is a first load of a run of the CLI alone; null otherwise (nothing changed). */
export function beginFirstLoad(db: Db): FirstLoad | null {
  if (db.prepare('SELECT 1 FROM complaint LIMIT 1').get() || appOpen(db)) return null
  if (setIndexesAside(db) === 0) return null
  return { putBack: () => whenLockFree(db, () => void putIndexesBack(db)) }
}

/** fn as a first load (beginFirstLoad), the indexes built again however it ends. When fn fails, a failure to build
 *  them does not hide its error: they stay listed, and the next process that opens the store builds them. */
export async function withFirstLoad<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const load = beginFirstLoad(db)
  if (!load) return fn()
  let value: T
  try {
    value = await fn()
  } catch (err) {
    await load.putBack().catch(() => {})
    throw err
  }
  await load.putBack()
  return value
}

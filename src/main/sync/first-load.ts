// A first load from the CLI builds the secondary indexes of the complaints, their deadline rows and their history
// once, at its end, instead of row by row (store/deferred-indexes.ts: a third of storing the rows, measured). Only
// where no one should miss them meanwhile: a run of the CLI (a sync, a file import) into a store that holds no
// complaint yet, with no app open on it. An app that opens the store during the load builds them first (openStore),
// and the load goes on with them; one that opened it in the moment before the load began is seen at its first commit,
// and the load puts them back then (yieldToOthers: a sync between pages, an import between batches).
import type { Db } from '../store/open.ts'
import { putIndexesBack, setIndexesAside } from '../store/deferred-indexes.ts'
import { whenLockFree } from '../store/write-or-skip.ts'
import { appOpen, othersWriting } from './beside.ts'

export type FirstLoad = {
  /** Builds the indexes again (idempotent). On the event loop when the lock is taken, never in SQLite's busy
   *  handler: another process (an app that just opened the store) may be building them too. */
  putBack(): Promise<void>
  /** Builds them again now when another connection has committed since the load began: an app that opened the store
   *  in the moment before the load checked, and has now said so (its presence row), may read. `before` runs first
   *  (the loader's open transaction commits: the indexes are built in transactions of their own). Returns whether
   *  it did; the load then goes on with the indexes. */
  yieldToOthers(before?: () => Promise<void>): Promise<boolean>
}

/** Sets the indexes aside when this is a first load of a run of the CLI alone; null otherwise (nothing changed). */
export function beginFirstLoad(db: Db): FirstLoad | null {
  if (db.prepare('SELECT 1 FROM complaint LIMIT 1').get() || appOpen(db)) return null
  if (setIndexesAside(db) === 0) return null
  // What another connection commits from here on is seen (othersWriting compares with what it saw last).
  othersWriting(db)
  const putBack = () => whenLockFree(db, () => void putIndexesBack(db))
  return {
    putBack,
    yieldToOthers: async (before) => {
      if (!othersWriting(db)) return false
      await before?.()
      await putBack()
      return true
    },
  }
}

/** fn as a first load (beginFirstLoad), the indexes built again however it ends. When fn fails, a failure to build
 *  them does not hide its error: they stay listed, and the next process that opens the store builds them. */
export async function withFirstLoad<T>(db: Db, fn: (load: FirstLoad | null) => Promise<T>): Promise<T> {
  const load = beginFirstLoad(db)
  if (!load) return fn(null)
  let value: T
  try {
    value = await fn(load)
  } catch (err) {
    await load.putBack().catch(() => {})
    throw err
  }
  await load.putBack()
  return value
}

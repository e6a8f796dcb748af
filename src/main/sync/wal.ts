// A larger WAL between checkpoints while a bulk writer of the CLI runs (a sync, a file import). SQLite copies the
// WAL back into the database file whenever it passes wal_autocheckpoint pages (1,000 by default: 4 MB), with two
// fsyncs, inside whichever commit crossed the line. A sync rewrites the same aggregate and index pages in every
// commit, so each checkpoint copied mostly pages the next few commits would dirty again: measured on a 20,000-
// complaint sync, 55 → 40 s of CPU with 4,000 pages (docs/reliability.md "Ingest speed"). Not used on the server's
// thread: one checkpoint of 4,000 pages is a longer pause than its slices may take.
import type { Db } from '../store/open.ts'

/** Pages of WAL between automatic checkpoints during a bulk write of the CLI (16 MB with 4 KB pages). */
export const BULK_WAL_PAGES = 4_000

const holders = new WeakMap<Db, { n: number; was: number }>()

/** Runs fn with wal_autocheckpoint at `pages` (never lowered), restored when the last such caller ends. */
export async function withBulkWal<T>(db: Db, fn: () => Promise<T>, pages = BULK_WAL_PAGES): Promise<T> {
  let h = holders.get(db)
  if (!h) {
    const was = db.pragma('wal_autocheckpoint', { simple: true }) as number
    holders.set(db, (h = { n: 0, was }))
    // sql-vetted: a number (Math.floor), not user input
    if (was > 0 && was < pages) db.pragma(`wal_autocheckpoint = ${Math.floor(pages)}`)
  }
  h.n++
  try {
    return await fn()
  } finally {
    if (--h.n === 0) {
      holders.delete(db)
      // sql-vetted: a number (Math.floor of the value SQLite gave)
      if (db.open) db.pragma(`wal_autocheckpoint = ${Math.floor(h.was)}`)
    }
  }
}

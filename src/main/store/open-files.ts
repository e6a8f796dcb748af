// The store files this process has open through SQLite. On POSIX, closing *any* descriptor of a file releases
// every lock the process holds on it (fcntl locks belong to the process and the file, not to the descriptor), so
// a plain open()/close() of the store file beside a live connection silently drops SQLite's locks: another SQLite
// program then believes no one uses the file and may delete its WAL under the running server. Code that would
// look at a store file from outside SQLite asks here first and must not open it while it is in use.
import { statSync } from 'node:fs'
import type Database from 'better-sqlite3'

export type StoreKind = 'plain' | 'encrypted-or-other'

type Entry = { db: Database.Database; kind: StoreKind }
const open = new Map<string, Entry[]>()

/** Device and inode: the same file by any path (a symlink, a relative path, another spelling). */
function identity(file: string): string | null {
  try {
    const st = statSync(file) // stat does not open the file
    return `${st.dev}:${st.ino}`
  } catch {
    return null
  }
}

/** Called by openStore once a connection to `file` is open. */
export function noteOpenStore(file: string, db: Database.Database, kind: StoreKind): void {
  const id = identity(file)
  if (id === null) return
  open.set(id, [...live(id), { db, kind }])
}

function live(id: string): Entry[] {
  const entries = (open.get(id) ?? []).filter((e) => e.db.open)
  if (entries.length) open.set(id, entries)
  else open.delete(id)
  return entries
}

/** How `file` was opened if a connection of this process has it open now, else null. */
export function openStoreKind(file: string): StoreKind | null {
  const id = identity(file)
  if (id === null) return null
  return live(id)[0]?.kind ?? null
}

export function isOpenStore(file: string): boolean {
  return openStoreKind(file) !== null
}

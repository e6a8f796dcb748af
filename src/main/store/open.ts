// The store: one SQLite file per workspace. Opening it applies pending migrations and refuses a file
// written by a newer tanggap, so an old build can never corrupt a newer store.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate } from './migrate.ts'
import { applyKey, cipherDatabase, defaultStoreKey, fileKind, StoreKeyError } from './cipher.ts'
import { assertHealthy, problemKind, restoreAdvice, StoreDamagedError } from './health.ts'
import { noteOpenStore } from './open-files.ts'
import { recoverSetAsideIndexes } from './deferred-indexes.ts'

export type Db = Database.Database

/** How long a connection waits for another process's write lock (serve mode, a CLI sync, a scheduled backup)
 *  before SQLite gives up with "database is locked". Writers hold it for one short transaction (a page of sync). */
export const BUSY_TIMEOUT_MS = 10_000

export type OpenOptions = {
  /** Path to a better-sqlite3 addon built for another runtime (the Electron shell passes its own build). */
  nativeBinding?: string
  readonly?: boolean
  /** Passphrase of an encrypted store (store/cipher.ts). Absent: --key-file / TANGGAP_DB_KEY if set; null: none. */
  key?: string | null
  /** Run SQLite's quick_check after opening and refuse a damaged store (StoreDamagedError). The app does this
   *  once when it starts (serve, desktop) and `tanggap info` always; see store/health.ts for its cost. */
  check?: boolean
}

/** How each open store was opened, so a second connection can be opened the same way (see openReader). */
const openedWith = new WeakMap<Db, { file: string; options: OpenOptions }>()

export function openStore(file: string, options: OpenOptions = {}): Db {
  const key = options.key === undefined ? defaultStoreKey() : (options.key ?? undefined)
  const kind = file === ':memory:' ? 'missing' : fileKind(file)
  // Say plainly what is wrong instead of SQLite's "file is not a database".
  if (kind === 'not-sqlite') throw new Error(`Berkas ${file} bukan basis data SQLite (berkas data tanggap); berkas tidak diubah.`)
  if (key && kind === 'plain') {
    throw new StoreKeyError(`Berkas ${file} tidak terenkripsi, tetapi kunci diberikan. Enkripsi dulu: tanggap store encrypt --db ${file}`)
  }
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true })
  const Driver = key ? cipherDatabase() : Database
  const db = new Driver(file, {
    // An encrypted store goes through better-sqlite3-multiple-ciphers and its own addon (store/cipher.ts).
    nativeBinding: key ? undefined : options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    timeout: BUSY_TIMEOUT_MS,
  })
  try {
    if (key) applyKey(db, key)
    // The first read tells what the file is, by SQLite's own error code: NOTADB is a header SQLite cannot read
    // (encrypted without the right key, or damaged), CORRUPT a damaged page.
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get()
    } catch (err) {
      const problem = problemKind(err)
      if (problem === 'not-a-database') {
        throw new StoreKeyError(
          key
            ? `Kunci salah untuk berkas ${file}, atau berkas bukan berkas data tanggap atau rusak. ${restoreAdvice(file)}`
            : `Berkas ${file} terenkripsi atau rusak. Bila dienkripsi, berikan kuncinya dengan --key-file BERKAS atau TANGGAP_DB_KEY. ` +
                `Bila tidak pernah dienkripsi, kepala berkasnya rusak: ${restoreAdvice(file).replace(/^Hentikan/, 'hentikan')}`,
        )
      }
      if (problem === 'damaged') throw new StoreDamagedError(file, [(err as Error).message])
      throw err
    }
    db.pragma('foreign_keys = ON')
    // sql-vetted: a constant number of milliseconds
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
      db.pragma('synchronous = NORMAL')
      // A long rebuild or sync beside readers grows the write-ahead log (3.4 GB measured on 1,000,000 complaints,
      // docs/reliability.md): a checkpoint cannot restart it while a reader holds an old snapshot. Once it does
      // restart, the file is cut back to this size instead of keeping the gigabytes for good.
      db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`) // sql-vetted: a constant number of bytes
      // A first load in another process (killed, or still running) may have set indexes aside: built again before
      // this connection reads the table or migrates it (store/deferred-indexes.ts).
      recoverSetAsideIndexes(db)
      migrate(db)
    }
    db.pragma(`cache_size = ${CACHE_SIZE}`) // sql-vetted: a constant
    if (options.check) assertHealthy(db)
    openedWith.set(db, { file, options })
    if (file !== ':memory:') noteOpenStore(file, db, key ? 'encrypted-or-other' : 'plain')
    return db
  } catch (err) {
    db.close()
    // A page damaged further in shows up while migrating or setting WAL mode: the same plain message.
    if (problemKind(err) === 'damaged') throw new StoreDamagedError(file, [(err as Error).message])
    throw err
  }
}

/** The file and options a store was opened with (a background check opens its own connection the same way). */
/** What the write-ahead log keeps of its file after a checkpoint restarts it. */
export const WAL_KEPT_BYTES = 64 * 1024 * 1024

/** Page cache of the app's connection and of the KPI rebuild worker's (SQLite's cache_size: negative = KiB):
 *  64 MiB. The 1,000,000-complaint dashboards read a lot of pages; the rebuild's worker had the driver's default of
 *  16 MB (better-sqlite3's build) for reading every deadline row and rewriting the aggregates. */
export const CACHE_SIZE = -65536

export function openedOptions(db: Db): { file: string; options: OpenOptions; key: string | undefined } | null {
  const opened = openedWith.get(db)
  if (!opened) return null
  const key = opened.options.key === undefined ? defaultStoreKey() : (opened.options.key ?? undefined)
  return { ...opened, key }
}

/**
 * A second, read-only connection to the same file, for long reads (an export of a million rows) that must not
 * hold the main connection: better-sqlite3 refuses every other statement on a connection while one of its
 * iterators is open. WAL lets this reader keep one consistent snapshot while the app goes on writing.
 * Null for an in-memory store, which has no second connection.
 */
export function openReader(db: Db): Db | null {
  const opened = openedWith.get(db)
  if (!opened || db.memory) return null
  return openStore(opened.file, { ...opened.options, readonly: true })
}

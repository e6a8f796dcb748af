// The store: one SQLite file per workspace. Opening it applies pending migrations and refuses a file
// written by a newer tanggap, so an old build can never corrupt a newer store.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate } from './migrate.ts'
import { applyKey, cipherDatabase, defaultStoreKey, fileKind, StoreKeyError } from './cipher.ts'
import { noteOpenStore } from './open-files.ts'

export type Db = Database.Database

export type OpenOptions = {
  /** Path to a better-sqlite3 addon built for another runtime (the Electron shell passes its own build). */
  nativeBinding?: string
  readonly?: boolean
  /** Passphrase of an encrypted store (store/cipher.ts). Absent: --key-file / TANGGAP_DB_KEY if set; null: none. */
  key?: string | null
}

/** How each open store was opened, so a second connection can be opened the same way (see openReader). */
const openedWith = new WeakMap<Db, { file: string; options: OpenOptions }>()

export function openStore(file: string, options: OpenOptions = {}): Db {
  const key = options.key === undefined ? defaultStoreKey() : (options.key ?? undefined)
  const kind = file === ':memory:' ? 'missing' : fileKind(file)
  // Say plainly what is wrong instead of SQLite's "file is not a database".
  if (kind === 'not-sqlite') throw new Error(`Berkas ${file} bukan basis data SQLite (berkas data tanggap); berkas tidak diubah.`)
  if (!key && kind === 'encrypted-or-other') {
    throw new StoreKeyError(
      `Berkas ${file} terenkripsi (atau bukan basis data SQLite): berikan kuncinya dengan --key-file BERKAS atau TANGGAP_DB_KEY.`,
    )
  }
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
  })
  try {
    if (key) {
      applyKey(db, key)
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get()
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_NOTADB') throw new StoreKeyError(`Kunci salah untuk berkas ${file}, atau berkas bukan berkas data tanggap.`)
        throw err
      }
    }
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    if (!options.readonly) {
      db.pragma('journal_mode = WAL')
      // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
      db.pragma('synchronous = NORMAL')
      migrate(db)
    }
    db.pragma('cache_size = -65536') // 64 MiB page cache: the 1M-complaint dashboards read a lot of pages
    openedWith.set(db, { file, options })
    if (file !== ':memory:') noteOpenStore(file, db, key ? 'encrypted-or-other' : 'plain')
    return db
  } catch (err) {
    db.close()
    throw err
  }
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

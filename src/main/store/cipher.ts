// Encryption at rest, an option a Pemda can turn on: the store file encrypted in SQLCipher's format (AES-256,
// HMAC-SHA512 per page, PBKDF2 key derivation) by better-sqlite3-multiple-ciphers, an optional dependency that is
// loaded only when a key is given. Without a key nothing changes: the plain better-sqlite3 opens plain files.
// The key is a passphrase: from --key-file or TANGGAP_DB_KEY on the command line, from the OS keychain
// (Electron safeStorage, shell/store-key.ts) in the desktop app.
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import type Database from 'better-sqlite3'
import { openStoreKind } from './open-files.ts'

export const CIPHER_MODULE = 'better-sqlite3-multiple-ciphers'
export const MIN_KEY_LENGTH = 16

export class CipherUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `Enkripsi berkas data memerlukan modul ${CIPHER_MODULE}, yang tidak terpasang atau tidak dapat dimuat ` +
        `(${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}). Pasang dengan \`npm install ${CIPHER_MODULE}\`; berkas tidak dibuka.`,
    )
    this.name = 'CipherUnavailableError'
  }
}

export class StoreKeyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StoreKeyError'
  }
}

type DatabaseClass = typeof Database
let cached: DatabaseClass | null = null
let moduleName = CIPHER_MODULE
let addon: string | undefined

/** Inside Electron the module needs its own build for Electron's ABI, like better-sqlite3 (shell/native-sqlite.ts). */
export function useCipherAddon(path: string | undefined): void {
  addon = path
  cached = null
}

/** The SQLCipher-capable Database class, or a clear error if the optional module is missing. */
export function cipherDatabase(): DatabaseClass {
  if (cached) return cached
  try {
    const Driver = createRequire(import.meta.url)(moduleName) as DatabaseClass
    if (addon !== undefined && !existsSync(addon)) throw new Error(`modul untuk Electron tidak ada di ${addon} (node scripts/build-electron-sqlite.js)`)
    const nativeBinding = addon
    // Every connection of this process gets the addon, so callers need not know about it.
    cached = (nativeBinding === undefined
      ? Driver
      : function (file: string, options: Database.Options = {}) {
          return new Driver(file, { ...options, nativeBinding })
        }) as unknown as DatabaseClass
    return cached
  } catch (err) {
    throw new CipherUnavailableError(err)
  }
}

/** Tests load the module under another name to see what a machine without it gets (the real module is
 *  installed wherever tests run). */
export function setCipherModuleNameForTests(name: string = CIPHER_MODULE): void {
  moduleName = name
  cached = null
}

export function checkKey(key: string): string {
  if (key.length < MIN_KEY_LENGTH) throw new StoreKeyError(`kunci berkas data terlalu pendek: minimal ${MIN_KEY_LENGTH} karakter`)
  if (key.length > 1024) throw new StoreKeyError('kunci berkas data terlalu panjang (lebih dari 1024 karakter)')
  return key
}

/** Sets SQLCipher format and the key on a freshly opened connection; the first read then checks the key. */
export function applyKey(db: Database.Database, key: string): void {
  const keyed = db as Database.Database & { key(k: Buffer): number }
  if (typeof keyed.key !== 'function') throw new CipherUnavailableError(new Error(`${CIPHER_MODULE} tidak memuat fungsi key()`))
  db.pragma("cipher = 'sqlcipher'")
  // The key goes through the binding as bytes, never spliced into a PRAGMA string.
  keyed.key(Buffer.from(checkKey(key), 'utf8'))
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/** What a file on disk is: a plain SQLite database starts with a fixed 16-byte header; an encrypted one starts
 *  with random salt and, like any SQLite file, is made of whole pages (multiples of 512 bytes). Anything else
 *  (a text file, a half-copied file) is not a database at all. Reads the header only of a file no connection of
 *  this process has open. */
export function fileKind(file: string): 'missing' | 'empty' | 'plain' | 'encrypted-or-other' | 'not-sqlite' {
  if (!existsSync(file)) return 'missing'
  // A file this process has open through SQLite is never opened beside it: closing that descriptor would drop
  // SQLite's locks on it (store/open-files.ts). How it was opened says what it is.
  const inUse = openStoreKind(file)
  if (inUse) return inUse
  const size = statSync(file).size
  if (size === 0) return 'empty'
  if (size < 512) return 'not-sqlite'
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(16)
    readSync(fd, head, 0, 16, 0)
    if (head.equals(SQLITE_HEADER)) return 'plain'
    return size % 512 === 0 ? 'encrypted-or-other' : 'not-sqlite'
  } finally {
    closeSync(fd)
  }
}

/** Reads a key file: its first line, without the line ending. */
export function readKeyFile(file: string): string {
  if (!existsSync(file)) throw new StoreKeyError(`berkas kunci ${file} tidak ada`)
  const key = readFileSync(file, 'utf8').split(/\r?\n/)[0]
  return checkKey(key)
}

let processKey: string | undefined

/** The key every store this process opens uses unless told otherwise (the CLI's --key-file). */
export function useStoreKey(key: string | undefined): void {
  processKey = key === undefined ? undefined : checkKey(key)
}

/** --key-file, else TANGGAP_DB_KEY, else none (a plain store). */
export function defaultStoreKey(): string | undefined {
  if (processKey !== undefined) return processKey
  const env = process.env.TANGGAP_DB_KEY
  return env ? checkKey(env) : undefined
}

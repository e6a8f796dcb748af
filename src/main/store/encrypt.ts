// Turning encryption at rest on (or off) for an existing store. The work is done on a copy: the copy is
// re-keyed, checked (integrity and the row count of every table against the original) and only then moved over
// the original in one rename, so an interruption leaves the original as it was.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { applyKey, checkKey, cipherDatabase, fileKind, StoreKeyError } from './cipher.ts'
import { openStore } from './open.ts'

export type RekeyResult = { file: string; encrypted: boolean; tables: number; rows: number; bytes: number; ms: number }

function rowCounts(db: Database.Database): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  // Table names come from sqlite_master itself; identifiers cannot be bound. sql-vetted: quoted catalogue names
  return new Map(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`).pluck().get() as number]))
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([t, n]) => b.get(t) === n)
}

/** nativeBinding: better-sqlite3's addon for the plain side inside Electron (store/open.ts). */
export type RekeyOptions = { nativeBinding?: string }

/** Encrypts (key given) or decrypts (key null) a store file in place, through a verified copy. */
function rekeyStore(file: string, from: string | null, to: string | null, options: RekeyOptions): RekeyResult {
  const t0 = performance.now()
  if (!existsSync(file)) throw new Error(`berkas data ${file} tidak ada`)
  const kind = fileKind(file)
  if (to && kind === 'encrypted-or-other') throw new StoreKeyError(`Berkas ${file} sudah terenkripsi (atau bukan basis data SQLite); tidak diubah.`)
  if (!to && kind === 'plain') throw new StoreKeyError(`Berkas ${file} tidak terenkripsi; tidak diubah.`)
  const Cipher = cipherDatabase()

  // 1. The original, opened as tanggap opens it (refuses a foreign or newer file), copied by SQLite itself
  //    (VACUUM INTO: one consistent snapshot, WAL included, written with the original's key). Never a file copy:
  //    opening and closing the store file beside the open connection would drop its locks (store/open-files.ts).
  //    A write between the count and the copy makes the counts differ below, and nothing is replaced.
  const original = openStore(file, { key: from, nativeBinding: options.nativeBinding })
  let before: Map<string, number>
  const tmp = `${file}.${to ? 'enkripsi' : 'dekripsi'}-${process.pid}`
  rmSync(tmp, { force: true }) // VACUUM INTO refuses an existing file: a leftover of an interrupted run
  try {
    before = rowCounts(original)
    original.prepare('VACUUM INTO ?').run(tmp)
  } finally {
    original.close()
  }

  try {
    // 2. Re-key the copy. SQLite3 Multiple Ciphers cannot re-key in WAL mode, so the copy leaves it first.
    const copy = new Cipher(tmp)
    try {
      if (from) applyKey(copy, from)
      copy.pragma('journal_mode = DELETE')
      copy.pragma("cipher = 'sqlcipher'")
      ;(copy as unknown as { rekey(k: Buffer): number }).rekey(Buffer.from(to ? checkKey(to) : '', 'utf8'))
    } finally {
      copy.close()
    }
    // 3. Check the copy with the new key before it replaces anything.
    const check = to ? new Cipher(tmp) : new Database(tmp, { nativeBinding: options.nativeBinding })
    try {
      if (to) applyKey(check, to)
      const integrity = check.pragma('integrity_check', { simple: true })
      if (integrity !== 'ok') throw new Error(`pemeriksaan integritas salinan gagal: ${String(integrity)}`)
      if (!sameCounts(before, rowCounts(check))) throw new Error('jumlah baris salinan berbeda dari aslinya')
      check.pragma('journal_mode = WAL')
    } finally {
      check.close()
    }
    // 4. Swap. The old WAL was checkpointed empty; its leftovers belong to the old file and must not be replayed.
    for (const side of ['-wal', '-shm']) rmSync(file + side, { force: true })
    renameSync(tmp, file)
  } catch (err) {
    rmSync(tmp, { force: true })
    for (const side of ['-wal', '-shm', '-journal']) rmSync(tmp + side, { force: true })
    throw err
  }
  return {
    file,
    encrypted: to !== null,
    tables: before.size,
    rows: [...before.values()].reduce((a, b) => a + b, 0),
    bytes: statSync(file).size,
    ms: Math.round(performance.now() - t0),
  }
}

export function encryptStore(file: string, key: string, options: RekeyOptions = {}): RekeyResult {
  return rekeyStore(file, null, key, options)
}

export function decryptStore(file: string, key: string, options: RekeyOptions = {}): RekeyResult {
  return rekeyStore(file, key, null, options)
}

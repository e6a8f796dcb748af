// Backups of a store while the app runs, and getting one back. A backup is a consistent copy made by SQLite
// (VACUUM INTO, in a worker thread: store/check.ts), checked before it is given its name; an encrypted store's
// backup is encrypted with the same key. A restore checks the backup fully first, refuses while another program
// has the store open, and keeps the replaced file as FILE.before-restore.
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { copyInBackground } from './check.ts'
import { openStore, type Db, type OpenOptions } from './open.ts'
import { damagedMessage, problemKind } from './health.ts'

export type BackupResult = { file: string; bytes: number; complaints: number; ms: number }

/** Writes a checked, consistent copy of an open store to `out`. */
export async function backupStore(db: Db, out: string): Promise<BackupResult> {
  const t0 = performance.now()
  if (existsSync(out)) throw new Error(`berkas cadangan ${out} sudah ada; tidak ditimpa. Pilih nama lain.`)
  const part = `${out}.sebagian-${process.pid}`
  rmSync(part, { force: true })
  try {
    const copy = await copyInBackground(db, part)
    if (!copy) throw new Error('berkas data di memori tidak dapat dicadangkan')
    if (!copy.ok) throw new Error(`salinan cadangan ${out} tidak lolos pemeriksaan: ${copy.problems.slice(0, 3).join('; ')}`)
    renameSync(part, out)
    return { file: out, bytes: statSync(out).size, complaints: copy.complaints, ms: Math.round(performance.now() - t0) }
  } catch (err) {
    rmSync(part, { force: true })
    throw err
  }
}

/** tanggap-20261204-133000.db: sorts by time, names its moment (local time of this computer). */
export function backupName(at = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `tanggap-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}.db`
}

const BACKUP_FILE = /^tanggap-\d{8}-\d{6}\.db$/

/** The backups in a folder made by the schedule, newest first. */
export function listBackups(folder: string): { file: string; bytes: number; at: number }[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((f) => BACKUP_FILE.test(f))
    .sort()
    .reverse()
    .map((f) => {
      const s = statSync(join(folder, f))
      return { file: join(folder, f), bytes: s.size, at: s.mtimeMs }
    })
}

/** Keeps the newest `keep` scheduled backups of the folder; deletes older ones. Returns the deleted files. */
export function pruneBackups(folder: string, keep: number): string[] {
  const old = listBackups(folder).slice(Math.max(1, keep))
  for (const b of old) rmSync(b.file, { force: true })
  return old.map((b) => b.file)
}

export type RestoreResult = { file: string; from: string; before: string | null; complaints: number; ms: number }

/** Whether another connection has the store open: SQLite removes the WAL when the last connection closes. */
function inUse(file: string, options: OpenOptions): boolean {
  if (!existsSync(file)) return false
  try {
    openStore(file, options).close()
  } catch {
    // A damaged or unreadable store: its WAL tells the same.
  }
  return existsSync(`${file}-wal`)
}

/** Replaces a store with a backup, after checking the backup in full. The store must not be open anywhere. */
export function restoreStore(file: string, from: string, options: OpenOptions = {}): RestoreResult {
  const t0 = performance.now()
  if (!existsSync(from)) throw new Error(`berkas cadangan ${from} tidak ada`)
  // 1. The backup, opened read-only as tanggap opens a store (key, version), checked page by page and index by index.
  // A backup damaged where SQLite reads its schema fails before the check can report: that is the same answer.
  let complaints: number
  const refuse = (detail?: string) => new Error(`${damagedMessage(from, detail)} Pilih cadangan lain; ${file} tidak diubah.`)
  let backup: Db | null = null
  try {
    backup = openStore(from, { ...options, readonly: true })
    const integrity = backup.pragma('integrity_check(10)', { simple: false }) as { integrity_check: string }[]
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      throw refuse(`pemeriksaan SQLite menemukan ${integrity.length} masalah`)
    }
    complaints = backup.prepare('SELECT count(*) FROM complaint').pluck().get() as number
  } catch (err) {
    const kind = problemKind(err)
    if (kind === 'damaged' || kind === 'not-a-database') throw refuse()
    throw err
  } finally {
    backup?.close()
  }
  // 2. Nobody may have the store open: serve mode, the desktop app or a sync would go on writing the old file.
  if (inUse(file, options)) {
    throw new Error(`Berkas data ${file} sedang dibuka program lain (tanggap serve, aplikasi desktop, atau sinkronisasi). Tutup program itu dulu, lalu ulangi; berkas tidak diubah.`)
  }
  // 3. The old file is kept beside it; the backup comes in through a copy and one rename.
  let before: string | null = null
  const tmp = `${file}.pemulihan-${process.pid}`
  copyFileSync(from, tmp)
  try {
    if (existsSync(file)) {
      before = `${file}.before-restore`
      if (existsSync(before)) renameSync(before, `${before}-${Date.now()}`)
      renameSync(file, before)
      for (const side of ['-wal', '-shm']) rmSync(file + side, { force: true })
    }
    renameSync(tmp, file)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err
  }
  // 4. Opened as the app opens it: WAL mode back on, migrations of a backup from an older version applied.
  openStore(file, options).close()
  return { file, from, before, complaints, ms: Math.round(performance.now() - t0) }
}


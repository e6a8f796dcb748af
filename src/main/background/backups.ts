// Scheduled backups while the app runs (serve mode, desktop): every minute it looks whether the newest backup in
// the folder of Pengaturan → Cadangan data is older than the interval; if so it makes one (store/backup.ts: VACUUM
// INTO in a worker, checked) and deletes the oldest beyond `keep`. A failure (disk full, folder gone) backs off
// like every background loop and shows on Sinkronisasi. One backup of a store at a time: the schedule and
// "Cadangkan sekarang" wait for each other.
import { existsSync, mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { backupName, backupStore, listBackups, pruneBackups } from '../store/backup.ts'
import { backupFolder, backupSettings, defaultBackupFolder, type BackupSettings } from '../settings/backup.ts'
import { appendAudit } from '../audit/log.ts'
import { DomainError } from '../errors.ts'
import { startLoop } from './loop.ts'

export const BACKUP_TASK = { name: 'backup', label: 'Cadangan terjadwal' } as const

export type MadeBackup = { file: string; name: string; bytes: number; complaints: number; ms: number; pruned: string[] }

const chains = new WeakMap<Db, Promise<unknown>>()
const busy = new WeakMap<Db, number>()

/** Runs `fn` after every backup of this store already under way: never two at once. */
function exclusive<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const next = (chains.get(db) ?? Promise.resolve())
    .catch(() => {})
    .then(async () => {
      busy.set(db, (busy.get(db) ?? 0) + 1)
      try {
        return await fn()
      } finally {
        busy.set(db, busy.get(db)! - 1)
      }
    })
  chains.set(db, next)
  return next
}

export function isBackingUp(db: Db): boolean {
  return (busy.get(db) ?? 0) > 0
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** One backup into the folder of the settings, then the folder pruned to `keep`. */
async function makeBackup(db: Db, settings: BackupSettings): Promise<MadeBackup> {
  const folder = backupFolder(db, settings)
  mkdirSync(folder, { recursive: true })
  // Names carry the second: a second backup within the same second waits for the next one.
  let out = join(folder, backupName())
  while (existsSync(out)) {
    await sleep(1_000 - (Date.now() % 1_000) + 5)
    out = join(folder, backupName())
  }
  const r = await backupStore(db, out)
  const pruned = pruneBackups(folder, settings.keep)
  return { file: r.file, name: basename(r.file), bytes: r.bytes, complaints: r.complaints, ms: r.ms, pruned }
}

/** The schedule's step: a backup when the newest in the folder is older than the interval (null: none due). */
export function scheduledBackup(db: Db, now = Date.now()): Promise<MadeBackup | null> {
  return exclusive(db, async () => {
    const settings = backupSettings(db)
    if (!settings.enabled) return null
    const newest = listBackups(backupFolder(db, settings))[0]
    if (newest && now - newest.at < settings.intervalHours * 3_600_000) return null
    return makeBackup(db, settings)
  })
}

/** "Cadangkan sekarang": a backup now (after one under way), audited. */
export async function backupNow(db: Db, user: SessionUser): Promise<MadeBackup> {
  let made: MadeBackup
  try {
    made = await exclusive(db, () => makeBackup(db, backupSettings(db)))
  } catch (err) {
    throw new DomainError('PRECONDITION', `Cadangan gagal dibuat: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  db.transaction(() => {
    appendAudit(db, user, { action: 'backup.now', entity: 'backup', entityId: made.name, after: { file: made.file, bytes: made.bytes, pruned: made.pruned } })
  }).immediate()
  return made
}

export type BackupOverview = {
  settings: BackupSettings
  /** Where the backups go now, and where they go when no folder is set. */
  folder: string
  defaultFolder: string
  storeFile: string
  backups: { name: string; file: string; bytes: number; at: number }[]
  lastAt: number | null
  /** When the schedule makes the next one (null: switched off; now or earlier: at its next look). */
  nextAt: number | null
  running: boolean
}

/** What Pengaturan shows: the settings, the backups in the folder (newest first) and when the next is due. */
export function backupOverview(db: Db): BackupOverview {
  const settings = backupSettings(db)
  const folder = backupFolder(db, settings)
  const backups = listBackups(folder).map((b) => ({ name: basename(b.file), file: b.file, bytes: b.bytes, at: Math.round(b.at) }))
  const lastAt = backups[0]?.at ?? null
  return {
    settings,
    folder,
    defaultFolder: defaultBackupFolder(db),
    storeFile: db.name,
    backups,
    lastAt,
    nextAt: settings.enabled ? (lastAt === null ? Date.now() : lastAt + settings.intervalHours * 3_600_000) : null,
    running: isBackingUp(db),
  }
}

export type BackupScheduleOptions = {
  /** First look after start (default 1 minute: the app and the store check come first). */
  firstDelayMs?: number
  /** How often it looks whether a backup is due (default 1 minute). */
  everyMs?: number
  log?: (line: string) => void
  backoff?: { baseMs?: number; maxMs?: number }
  /** Tests: the clock the schedule compares the newest backup with. */
  now?: () => number
}

/** Starts the schedule; returns its stop. */
export function startBackupSchedule(db: Db, opts: BackupScheduleOptions = {}): () => void {
  const { firstDelayMs = 60_000, everyMs = 60_000, log = (l) => console.error(l), now = Date.now } = opts
  return startLoop(db, BACKUP_TASK, { firstDelayMs, everyMs, log, backoff: opts.backoff }, async () => {
    // A backup under way ("Cadangkan sekarang"): look again at the next pass rather than queue behind it.
    if (isBackingUp(db)) return 'busy'
    const made = await scheduledBackup(db, now())
    if (made) log(`Cadangan ${made.file} dibuat (${made.bytes} bita, ${made.ms} ms)${made.pruned.length ? `; ${made.pruned.length} cadangan lama dihapus` : ''}`)
    return made !== null
  })
}

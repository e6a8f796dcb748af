// Whether a run of the CLI has company. A `tanggap sync` beside a running app takes its slices back to back, and
// the app's writers wait for the lock in SQLite's busy handler, on the app's thread, polling every few to 100 ms:
// they rarely found it free, and the app stood still for 373 ms at one user's action (docs/reliability.md, the
// cli-sync kind of `tanggap bench responsiveness`). PRAGMA data_version moves only when another connection commits,
// so a CLI run that sees it move rests after its slices like the app's own work for a while; alone, it goes straight
// on at full speed.
//
// A CLI run alone (no app has the store open) takes longer slices still: a whole page in one transaction, so fewer
// commits rewrite the same index pages (ALONE_SLICE_MS). An app says it has the store open with a row in `setting`
// while its background work runs (registerAppPresence); an app that opens the store during the run is seen by its
// first commit, as company.
import { hostname } from 'node:os'
import type { Db } from '../store/open.ts'
import { processRuns } from '../background/process.ts'

/** How long a commit by another connection keeps a CLI run resting after its slices. */
export const COMPANY_MS = 10_000
/** The longest slice of a CLI run in company, instead of its 150 ms: what an app's writer may wait for the lock.
 *  Measured (cli-sync kind, 1,000,000 complaints, 50 users): rests alone, 354 → 240 ms of longest stall. */
export const COMPANY_SLICE_MS = 50

/** A slice's budget: `budgetMs`, or at most COMPANY_SLICE_MS for a run that does not rest by itself (the CLI) while
 *  another connection writes beside it. */
export function sliceBudget(db: Db, budgetMs: number, rests: boolean | undefined): number {
  return rests === false && othersWriting(db) ? Math.min(budgetMs, COMPANY_SLICE_MS) : budgetMs
}

const seen = new WeakMap<Db, { version: number; until: number }>()

/** True when another connection has committed to the store within the last COMPANY_MS. */
export function othersWriting(db: Db, now = Date.now()): boolean {
  const version = db.pragma('data_version', { simple: true }) as number
  const s = seen.get(db)
  if (!s) {
    seen.set(db, { version, until: 0 })
    return false
  }
  if (version !== s.version) {
    s.version = version
    s.until = now + COMPANY_MS
  }
  return now < s.until
}

/** A slice of a run of the CLI while no app has the store open: a page of 1,000 records in one transaction. Measured
 *  on a 100,000-record bulk sync: 35.0 s with 150 ms slices, 32.0 s with 1,000 ms (docs/reliability.md). */
export const ALONE_SLICE_MS = 1_000

const PRESENCE = 'app.open.'
const presenceKey = (host: string, pid: number) => `${PRESENCE}${host}.${pid}`

/** The apps (serve mode, the desktop) that said they have the store open and still run: on this machine, a live
 *  process id; on another (a store on a shared folder), every row counts, as nothing here can tell. */
function appsOpen(db: Db): { key: string; live: boolean }[] {
  const here = hostname()
  const rows = db.prepare("SELECT key FROM setting WHERE key LIKE 'app.open.%'").pluck().all() as string[]
  return rows.map((key) => {
    const rest = key.slice(PRESENCE.length)
    const dot = rest.lastIndexOf('.')
    const host = rest.slice(0, dot)
    const pid = Number(rest.slice(dot + 1))
    return { key, live: host !== here || !Number.isInteger(pid) || processRuns(pid) }
  })
}

/** Whether an app has the store open now. */
export function appOpen(db: Db): boolean {
  return appsOpen(db).some((a) => a.live)
}

/**
 * Says, while the app's background work runs, that an app has the store open (a row in `setting`, removed when it
 * stops; a row left by a killed app is ignored, and removed by the next app that starts). Returns the removal.
 * Failing to write it (a store on a full disk) only costs a CLI run beside it its short slices until the app's first
 * commit.
 */
export function registerAppPresence(db: Db, log: (line: string) => void = () => {}): () => void {
  const key = presenceKey(hostname(), process.pid)
  try {
    db.transaction(() => {
      for (const a of appsOpen(db)) if (!a.live) db.prepare('DELETE FROM setting WHERE key = ?').run(a.key)
      db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(key, new Date().toISOString())
    }).immediate()
  } catch (err) {
    log(`Tanda aplikasi terbuka tidak tersimpan: ${(err as Error).message}`)
    return () => {}
  }
  return () => {
    try {
      if (db.open) db.prepare('DELETE FROM setting WHERE key = ?').run(key)
    } catch {
      // The store is closing or read-only: the row is ignored once this process has ended.
    }
  }
}

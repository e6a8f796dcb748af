// Whether a run of the CLI has company. A `tanggap sync` beside a running app takes its slices back to back, and
// the app's writers wait for the lock in SQLite's busy handler, on the app's thread, polling every few to 100 ms:
// they rarely found it free, and the app stood still for 373 ms at one user's action (docs/reliability.md, the
// cli-sync kind of `tanggap bench responsiveness`). PRAGMA data_version moves only when another connection commits,
// so a CLI run that sees it move rests after its slices like the app's own work for a while; alone, it goes straight
// on at full speed.
import type { Db } from '../store/open.ts'

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

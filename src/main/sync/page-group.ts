// The pages of a CLI run alone share write transactions (issue 16 "Faster ingest"). Every commit writes each
// B-tree page it dirtied to the WAL: a page of 1,000 complaints from the upstream (in order of update, so spread
// over years of submission days) touches most leaf pages of complaint's fourteen indexes, of the history and of the
// aggregate cells, and a commit per page wrote them all again a hundred times in a 100,000-record sync. Alone, a run
// of the CLI keeps one transaction over the pages that arrive within its budget (GROUP_MS, its commit included) and
// writes their derived rows — deadlines, aggregates, the early warning's words (derive.ts) — once for all of them just
// before it commits: a cell shared by the group's complaints is upserted once, not once per page. (A bulk load's
// pages, whose aggregates are rebuilt at the end, write their deadline rows with each page: engine.ts.)
//
// What stays as it was:
// - Crash safety. Each page (rows, cursor, run counters) is a savepoint inside the group (ingest.ts), and its derived
//   rows are owed in ingest_pending in the same transaction until they are written. A process killed before the
//   commit loses the whole group: the store is as after the last commit, cursor included, and the next run fetches
//   those pages again.
// - Other writers. The group does not wait for the network with the lock held: when the next page is not there
//   within PAGE_WAIT_MS (or before the budget runs out), the group commits first. With an app beside the run
//   (another connection commits), the budget is COMPANY_SLICE_MS (beside.ts sliceBudget), so every page commits on
//   its own as before.
// - What screens see. Another connection sees the group's pages when it commits, at most about the budget later
//   than page by page; the app's screens refetch at most every 2 s anyway (renderer api/useLiveRefresh.ts).
import type { Db } from '../store/open.ts'

/** About the longest a group holds the write lock, its commit included (the commit's cost is estimated from the
 *  last one's: 6.6 s at the most measured on a 100,000-record sync, docs/reliability.md "Pages in groups"). Another
 *  process's writer that comes meanwhile waits that long, within the busy timeout (store/open.ts BUSY_TIMEOUT_MS),
 *  and from its first commit on the run takes short slices (beside.ts). */
export const GROUP_MS = 5_000
/** The longest a group waits for the next page with the lock held: the page is asked for before the previous one is
 *  stored (connectors/lapor-json), so it is usually there already; a slow upstream does not keep the lock. */
export const PAGE_WAIT_MS = 100

export class PageGroup {
  private startedAt: number | null = null
  private ids: number[] = []

  constructor(
    private readonly db: Db,
    /** The longest the group may stay open (asked anew: it shrinks when another connection writes). */
    private readonly budgetMs: () => number,
    /** Writes the derived rows of the group's complaints, in the group's transaction. */
    private readonly derive: (ids: number[]) => Promise<void>,
    /** What deriving costs per complaint, as last measured (derive.ts): the group's budget includes its commit. */
    private readonly derivePace: { msPerRecord: number },
  ) {}

  get open(): boolean {
    return this.startedAt !== null
  }

  /** Opens the group's transaction (taking the write lock up front) unless it is open. */
  begin(): void {
    if (this.open) return
    this.db.exec('BEGIN IMMEDIATE')
    this.startedAt = performance.now()
  }

  /** How long to wait for the next page before committing the open group. */
  waitMs(): number {
    return Math.min(PAGE_WAIT_MS, this.left())
  }

  /** Complaints stored in the group whose derived rows are owed (listed in ingest_pending). */
  add(ids: readonly number[]): void {
    for (const id of ids) this.ids.push(id)
  }

  /** What is left of the budget, in ms, once the derived rows owed are written (0 when spent; the whole budget
   *  when no group is open): the lock is held about the budget, commit included. */
  left(): number {
    if (this.startedAt === null) return this.budgetMs()
    const owed = this.ids.length * this.derivePace.msPerRecord
    return Math.max(0, this.budgetMs() - (performance.now() - this.startedAt) - owed)
  }

  /** Writes the group's derived rows and commits. On failure the group is rolled back whole, and the error thrown. */
  async commit(): Promise<void> {
    if (!this.open) return
    const ids = this.ids
    this.ids = []
    try {
      if (ids.length) await this.derive(ids)
      this.db.exec('COMMIT')
    } catch (err) {
      this.rollback()
      throw err
    } finally {
      this.startedAt = null
    }
  }

  /** Drops what the group holds (SQLite may have rolled it back already, after a disk full for instance). */
  rollback(): void {
    this.startedAt = null
    this.ids = []
    if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK')
  }
}

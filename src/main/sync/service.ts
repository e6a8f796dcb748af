// Sync inside a running app (desktop or serve): runs on demand (the button) and on each source's schedule,
// one run per source at a time, and soon after a local action when a write-back source has actions waiting.
// One service per open store; the API and serve mode find it through syncService(db, bus).
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import { runSync, type RunOptions, type RunSummary } from './engine.ts'
import { SyncMonitor } from './progress.ts'
import type { RunTrigger } from './runs.ts'
import { listSources } from './sources.ts'
import { Backoff } from '../background/backoff.ts'

export class SyncService {
  readonly monitor = new SyncMonitor()
  private readonly running = new Map<number, { abort: AbortController; done: Promise<RunSummary | null> }>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Db,
    private readonly bus: ChangeBus,
    /** Extra run options (tests shorten retries). */
    private readonly defaults: Partial<RunOptions> = {},
  ) {}

  isRunning(sourceId: number): boolean {
    return this.running.has(sourceId)
  }

  /** Starts a run in the background; its outcome lands in sync_run and on the monitor. */
  start(sourceId: number, trigger: RunTrigger): Promise<RunSummary | null> {
    const existing = this.running.get(sourceId)
    if (existing) return existing.done
    const abort = new AbortController()
    const done = runSync(this.db, sourceId, { ...this.defaults, trigger, bus: this.bus, monitor: this.monitor, signal: abort.signal })
      // A run that cannot even start (source removed, another process running it) is not an app crash.
      .catch(() => null)
      .finally(() => this.running.delete(sourceId))
    this.running.set(sourceId, { abort, done })
    return done
  }

  cancel(sourceId: number): boolean {
    const r = this.running.get(sourceId)
    r?.abort.abort()
    return !!r
  }

  /** Checks every `everyMs` which sources are due: by schedule, or with write-back actions waiting. */
  startSchedule(everyMs = 15_000): void {
    if (this.timer) return
    // The store failing (disk full, damaged) must neither crash the app from a timer nor be asked every tick.
    const backoff = new Backoff(this.db, 'sync-schedule', 'Jadwal sinkronisasi')
    let retryAt = 0
    const tick = () => {
      if (Date.now() < retryAt) return
      try {
        this.due()
        backoff.ok()
        retryAt = 0
      } catch (err) {
        retryAt = Date.now() + backoff.failed(err)
      }
    }
    this.timer = setInterval(tick, everyMs)
    this.timer.unref()
    tick()
  }

  due(now = Date.now()): number[] {
    const started: number[] = []
    for (const s of listSources(this.db)) {
      if (!s.is_enabled || this.running.has(s.id) || (s.kind !== 'lapor-json' && s.kind !== 'open311')) continue
      const lastRun = this.db.prepare('SELECT started_at, status FROM sync_run WHERE source_id = ? ORDER BY id DESC LIMIT 1').get(s.id) as
        | { started_at: number; status: string }
        | undefined
      const last = lastRun?.started_at ?? null
      const byClock = s.schedule_minutes !== null && (last === null || now - last >= s.schedule_minutes * 60_000)
      // Actions waiting to go up start a run soon, but not in a loop: at most one such run a minute, and after a
      // failed run (the upstream is down) only every five minutes; only actions that can go now count, not those
      // held back behind a conflict or an earlier action still waiting for its retry.
      const calm = last === null || now - last >= (lastRun?.status === 'failed' ? 5 * 60_000 : 60_000)
      const waiting =
        s.is_writeback === 1 &&
        calm &&
        !!this.db
          .prepare(
            `SELECT 1 FROM sync_outbox o WHERE o.source_id = ? AND o.state = 'pending' AND o.next_attempt_at <= @now
               AND NOT EXISTS (SELECT 1 FROM sync_outbox c WHERE c.complaint_id = o.complaint_id AND c.id < o.id
                               AND (c.state = 'conflict' OR (c.state = 'pending' AND c.next_attempt_at > @now))) LIMIT 1`,
          )
          .get(s.id, { now })
      if (byClock || waiting) {
        void this.start(s.id, 'schedule')
        started.push(s.id)
      }
    }
    return started
  }

  /** Resolves when the runs going on now have ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.done))
  }

  /** Stops the schedule and cancels running syncs (app closing). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    const runs = [...this.running.values()]
    for (const r of runs) r.abort.abort()
    await Promise.all(runs.map((r) => r.done))
  }
}

const services = new WeakMap<Db, SyncService>()

export function syncService(db: Db, bus: ChangeBus, defaults?: Partial<RunOptions>): SyncService {
  let s = services.get(db)
  if (!s) services.set(db, (s = new SyncService(db, bus, defaults)))
  return s
}

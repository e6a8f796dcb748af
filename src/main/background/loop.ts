// A background loop of serve mode and the desktop app (scheduled backups, e-mail reminders): one pass at a time
// on a timer that never keeps a process alive, and a pass that throws backs off exponentially and shows once on
// Sinkronisasi (backoff.ts) instead of spinning on a full disk or a damaged store.
import type { Db } from '../store/open.ts'
import { Backoff } from './backoff.ts'

export type LoopOptions = {
  /** First pass after start. */
  firstDelayMs: number
  /** Time between passes. */
  everyMs: number
  log: (line: string) => void
  backoff?: { baseMs?: number; maxMs?: number }
}

/** What a pass did: work (recorded as a success), nothing to do, or 'busy' (the same work is under way elsewhere:
 *  look again at the next pass without counting it either way). */
export type PassResult = boolean | 'busy'

/** Starts the loop; returns its stop. */
export function startLoop(db: Db, task: { name: string; label: string }, opts: LoopOptions, pass: () => Promise<PassResult>): () => void {
  const backoff = new Backoff(db, task.name, task.label, { ...opts.backoff, log: opts.log })
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  const schedule = (ms: number) => {
    if (stopped) return
    timer = setTimeout(() => void tick(), ms)
    timer.unref() // never keeps a CLI or a test process alive
  }
  const tick = async () => {
    timer = null
    if (stopped || !db.open) return
    try {
      const worked = await pass()
      if (worked === true || (worked === false && backoff.failing)) backoff.ok()
    } catch (err) {
      if (stopped || !db.open) return
      return schedule(Math.max(backoff.failed(err), Math.min(opts.everyMs, 1_000)))
    }
    schedule(opts.everyMs)
  }
  schedule(opts.firstDelayMs)
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}

// Serve mode keeps the baseline's figures of "isu yang sedang naik" (isu_base, baseline.ts) current by itself: at
// start when the present baseline of a kabupaten has no row, and shortly after each local midnight (WITA for Kutai
// Timur, WIB for Natuna: the kabupaten's own offset), when a new baseline begins. Without it the first request of a
// day computes the figures from ~57,000 isu_day rows (1,000,000 complaints: ~200 ms of CPU instead of ~50), or the
// first write of the day does so inside its transaction.
//
// The work runs in slices of ~15 ms on the server's thread, between requests: isu_day is read two days at a time
// (baselineChunks), each chunk added to the cells before the next is read, and the figures computed in steps
// (baselineSteps). The reads span several transactions, so a write may change one of the baseline's days meanwhile;
// the keeper therefore first stores a placeholder row for the baseline (version 0, which every reader takes for "no
// row"): the triggers of migration 0035 delete it with any change of one of its days, and the figures are stored
// only if the placeholder is still there when they are done (else the keeper starts again). A row stored meanwhile
// by a write's own hook is kept as it is.
import type { Db } from '#main/store/open.ts'
import { DAY_MS, dayOf, startOfDay } from '#main/calendar/days.ts'
import { Backoff } from '#main/background/backoff.ts'
import { restAfter } from '#main/background/pace.ts'
import { BASELINE_DEFAULTS, BASELINE_VERSION, baselineChunks, baselineSpan, baselineSteps, type Baseline } from './baseline.ts'

export const KEEPER_TASK = { name: 'isu.baseline', label: 'Angka dasar isu yang sedang naik' } as const

/** The data of a baseline row being computed: any version other than BASELINE_VERSION reads as "no row". */
const PLACEHOLDER = '{"v":0}'

export type KeeperOptions = {
  /** The clock (tests pass a fake one; the timers still run in real time). */
  now?: () => number
  /** First look after start. */
  firstDelayMs?: number
  /** How long after a kabupaten's local midnight its new baseline is kept. */
  afterMidnightMs?: number
  /** Longest time between two looks (a row dropped by a change that no write's hook kept again, another process). */
  everyMs?: number
  /** Work done in one go on the server's thread before it yields to requests. */
  sliceMs?: number
  log?: (line: string) => void
  /** Called after each look with the rows stored in it (tests). */
  onPass?: (stored: { kabupaten: string; fromDay: number }[]) => void
}

type Job = { kabupaten: string; fromDay: number; steps: Generator<void, unknown, void> }

/** Starts the keeper; returns its stop. */
export function startBaselineKeeper(db: Db, opts: KeeperOptions = {}): () => void {
  const now = opts.now ?? Date.now
  const { firstDelayMs = 1_000, afterMidnightMs = 5_000, everyMs = 10 * 60_000, sliceMs = 15, log = (l: string) => console.error(l) } = opts
  const backoff = new Backoff(db, KEEPER_TASK.name, KEEPER_TASK.label, { log })
  const B = BASELINE_DEFAULTS.baselineDays
  const W = BASELINE_DEFAULTS.windowDays
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let nextSlice: NodeJS.Timeout | null = null

  const schedule = (ms: number) => {
    if (stopped) return
    timer = setTimeout(look, Math.max(0, ms))
    timer.unref() // never keeps a CLI or a test process alive
  }
  const kabupatens = () => db.prepare('SELECT kode, utc_offset_minutes FROM kabupaten ORDER BY kode').all() as { kode: string; utc_offset_minutes: number }[]

  /** Time until the next local midnight of any kabupaten, plus the delay after it. */
  const untilNextMidnight = (at: number) => {
    let soonest = Infinity
    for (const k of kabupatens()) {
      const off = k.utc_offset_minutes * 60_000
      soonest = Math.min(soonest, startOfDay(dayOf(at, off) + 1, off) - at)
    }
    return soonest + afterMidnightMs
  }

  /** The kabupaten whose present baseline has complaints but no kept row (nor a placeholder of its own run). */
  const missing = (at: number): { kabupaten: string; fromDay: number }[] => {
    const row = db.prepare('SELECT data FROM isu_base WHERE kabupaten_kode = ? AND from_day = ? AND days = ? AND window_days = ?').pluck()
    const any = db.prepare('SELECT 1 FROM isu_day WHERE kabupaten_kode = ? AND day >= ? AND day < ? LIMIT 1').pluck()
    const out: { kabupaten: string; fromDay: number }[] = []
    for (const k of kabupatens()) {
      const { baselineFrom } = baselineSpan(at, k.utc_offset_minutes * 60_000, B, W)
      const data = row.get(k.kode, baselineFrom, B, W) as string | undefined
      if (data !== undefined && (JSON.parse(data) as { v: number }).v === BASELINE_VERSION) continue
      // An empty baseline costs a request nothing to compute: no row is written for it.
      if (any.get(k.kode, baselineFrom, baselineFrom + B) === undefined) continue
      out.push({ kabupaten: k.kode, fromDay: baselineFrom })
    }
    return out
  }

  const look = () => {
    timer = null
    if (stopped || !db.open) return
    let jobs: Job[]
    try {
      jobs = missing(now()).map((m) => ({ ...m, steps: keepSteps(db, m.kabupaten, m.fromDay) }))
    } catch (err) {
      return schedule(backoff.failed(err))
    }
    const stored: { kabupaten: string; fromDay: number }[] = []
    let attempts = 0
    let started = 0
    // The jobs in slices of `sliceMs`, each after a rest as long as the slice before it.
    const slice = () => {
      nextSlice = null
      if (stopped || !db.open) return
      try {
        const until = performance.now() + sliceMs
        started = performance.now()
        // At least one step per slice, however short the slice.
        if (jobs.length > 0) do {
          const step = jobs[0].steps.next()
          if (!step.done) continue
          const job = jobs.shift()!
          if (step.value) stored.push({ kabupaten: job.kabupaten, fromDay: job.fromDay })
          // Its placeholder was dropped by a change of one of its days: computed again (a few times at most).
          else if (++attempts <= 3 && !hasRow(job.kabupaten, job.fromDay)) jobs.push({ ...job, steps: keepSteps(db, job.kabupaten, job.fromDay) })
        } while (jobs.length > 0 && performance.now() < until)
      } catch (err) {
        return schedule(backoff.failed(err))
      }
      if (jobs.length > 0) {
        // A rest as long as the slice before the next (background/pace.ts): requests and other writers go first.
        nextSlice = setTimeout(slice, restAfter(performance.now() - started))
        nextSlice.unref()
        return
      }
      backoff.ok()
      for (const s of stored) log(`Isu yang sedang naik ${s.kabupaten}: angka dasar ${B} hari mulai ${new Date(s.fromDay * DAY_MS).toISOString().slice(0, 10)} disimpan`)
      opts.onPass?.(stored)
      let next = everyMs
      try {
        next = Math.min(everyMs, untilNextMidnight(now()))
      } catch {
        // The store closed meanwhile: the timer finds it closed.
      }
      schedule(next)
    }
    slice()
  }
  const hasRow = (kabupaten: string, fromDay: number) =>
    db.prepare('SELECT 1 FROM isu_base WHERE kabupaten_kode = ? AND from_day = ? AND days = ? AND window_days = ? AND data != ?').pluck().get(kabupaten, fromDay, B, W, PLACEHOLDER) !== undefined

  schedule(firstDelayMs)
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
    if (nextSlice) clearTimeout(nextSlice)
  }
}

/**
 * One kabupaten's figures of the default baseline beginning on `fromDay`, in steps (each a few ms at 1,000,000
 * complaints): the placeholder (its own transaction), the reads two days at a time, the computation, and the
 * write (its own transaction), which stores the figures only if the placeholder is still there. Returns whether it
 * stored them.
 */
export function* keepSteps(db: Db, kabupaten: string, fromDay: number): Generator<void, boolean, void> {
  const B = BASELINE_DEFAULTS.baselineDays
  const W = BASELINE_DEFAULTS.windowDays
  const key = [kabupaten, fromDay, B, W] as const
  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO isu_base (kabupaten_kode, from_day, days, window_days, data) VALUES (?, ?, ?, ?, ?)').run(...key, PLACEHOLDER)
  }).immediate()
  yield
  // A few days per chunk, read when the computation asks for it.
  const base: Baseline = yield* baselineSteps(baselineChunks(db, kabupaten, fromDay, B), fromDay, B, W)
  yield
  return db
    .transaction(() => {
      const data = db.prepare('SELECT data FROM isu_base WHERE kabupaten_kode = ? AND from_day = ? AND days = ? AND window_days = ?').pluck().get(...key)
      // Dropped: one of its days changed while the keeper read them. Kept meanwhile by a write's hook: left so.
      if (data !== PLACEHOLDER) return false
      db.prepare('DELETE FROM isu_base WHERE kabupaten_kode = ? AND from_day < ?').run(kabupaten, fromDay)
      db.prepare('UPDATE isu_base SET data = ? WHERE kabupaten_kode = ? AND from_day = ? AND days = ? AND window_days = ?').run(JSON.stringify(base), ...key)
      return true
    })
    .immediate()
}

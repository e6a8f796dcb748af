// The reminders' schedule while serve mode runs (app/server/serve.ts): every few minutes one pass of run.ts (plan
// the day's digests once the digest hour has come, plan escalations, send what is due, retry failures on their
// backoff). A pass that throws (a damaged store, not a refused e-mail: those are recorded per reminder) backs off
// like every background loop and shows on Sinkronisasi (background/backoff.ts). One pass at a time.
import type { Db } from '../store/open.ts'
import { Backoff } from '../background/backoff.ts'
import { runReminders } from './run.ts'

export const REMINDER_TASK = { name: 'reminders', label: 'Pengingat e-mail' } as const

export type ReminderScheduleOptions = { firstDelayMs?: number; everyMs?: number; log?: (line: string) => void }

export function startReminderSchedule(db: Db, opts: ReminderScheduleOptions = {}): () => void {
  const { firstDelayMs = 60_000, everyMs = 5 * 60_000, log = (l) => console.error(l) } = opts
  const backoff = new Backoff(db, REMINDER_TASK.name, REMINDER_TASK.label, { log })
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
      const r = await runReminders(db)
      if (r && (r.sent || r.failed || r.retrying)) log(`Pengingat: ${r.sent} terkirim, ${r.retrying} dicoba lagi nanti, ${r.failed} gagal`)
      if (backoff.failing) backoff.ok()
    } catch (err) {
      if (stopped || !db.open) return
      return schedule(Math.max(backoff.failed(err), Math.min(everyMs, 1_000)))
    }
    schedule(everyMs)
  }
  schedule(firstDelayMs)
  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
}

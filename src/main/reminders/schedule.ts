// The reminders' schedule while serve mode runs (app/server/serve.ts): every few minutes one pass of run.ts (plan
// the day's digests once the digest hour has come, plan escalations, send what is due, retry failures on their
// backoff). A pass that throws (a damaged store, not a refused e-mail: those are recorded per reminder) backs off
// like every background loop and shows on Sinkronisasi (background/backoff.ts). One pass at a time.
import type { Db } from '../store/open.ts'
import { startLoop } from '../background/loop.ts'
import { runReminders } from './run.ts'

export const REMINDER_TASK = { name: 'reminders', label: 'Pengingat e-mail' } as const

export type ReminderScheduleOptions = { firstDelayMs?: number; everyMs?: number; log?: (line: string) => void }

export function startReminderSchedule(db: Db, opts: ReminderScheduleOptions = {}): () => void {
  const { firstDelayMs = 60_000, everyMs = 5 * 60_000, log = (l) => console.error(l) } = opts
  return startLoop(db, REMINDER_TASK, { firstDelayMs, everyMs, log }, async () => {
    const r = await runReminders(db)
    if (r && (r.sent || r.failed || r.retrying)) log(`Pengingat: ${r.sent} terkirim, ${r.retrying} dicoba lagi nanti, ${r.failed} gagal`)
    return false
  })
}

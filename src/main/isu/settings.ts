// The one early-warning setting an admin may change: how many false alarms per week the kabupaten accepts. Lower
// means fewer flags, raised later; higher means earlier flags and more of them that turn out to be chance. Used by
// the API (isu.list), the CLI default (`tanggap isu`) and every screen that shows the issues.
import type { Db } from '#main/store/open.ts'
import { DomainError } from '#main/errors.ts'

export const DEFAULT_FALSE_ALARMS_PER_WEEK = 0.5
export const FALSE_ALARM_RANGE = { min: 0.01, max: 10 } as const
const KEY = 'isu.false_alarms_per_week'

export function falseAlarmRate(db: Db): number {
  const v = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(KEY) as string | undefined
  const n = v === undefined ? NaN : Number(JSON.parse(v))
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_FALSE_ALARMS_PER_WEEK
}

/** Stores the rate; the caller audits it in the same transaction. */
export function setFalseAlarmRate(db: Db, value: number): void {
  if (!(Number.isFinite(value) && value >= FALSE_ALARM_RANGE.min && value <= FALSE_ALARM_RANGE.max)) {
    throw new DomainError('INVALID', `Alarm palsu per minggu harus angka ${FALSE_ALARM_RANGE.min} sampai ${FALSE_ALARM_RANGE.max} (diberikan: ${value}).`)
  }
  db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(KEY, JSON.stringify(value))
}

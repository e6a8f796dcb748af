// The one routing setting a Pemda may change: how confident a disagreeing suggestion must be before a complaint
// is listed as possibly misrouted. Lower finds more misroutes and more false alarms.
import type { Db } from '../store/open.ts'

export const DEFAULT_MISROUTE_CONFIDENCE = 0.7
const KEY = 'routing.misroute_min_confidence'

export function misrouteThreshold(db: Db): number {
  const v = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(KEY) as string | undefined
  return v === undefined ? DEFAULT_MISROUTE_CONFIDENCE : Number(JSON.parse(v))
}

export function setMisrouteThreshold(db: Db, value: number): void {
  if (!(value > 0 && value < 1)) throw new Error('ambang keyakinan harus di antara 0 dan 1')
  db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(KEY, JSON.stringify(value))
}

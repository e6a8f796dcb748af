// Background work of a running app (routing upkeep, sync schedule, deadline rebuilds, scheduled backups, the
// store check at start): each loop reports here how its last attempt went, so a persistent failure (disk full, a
// damaged store) is logged once and shown on Sinkronisasi (`sync.background`), never retried in a tight loop.
import type { Db } from '../store/open.ts'

export type BackgroundState = {
  /** Stable id: 'routing', 'sync-schedule', 'kpi-rebuild', 'backup', 'store-check'. */
  name: string
  /** What the work is, in the user's words. */
  label: string
  /** Failures in a row; 0 after a success. */
  failures: number
  lastError: string | null
  lastErrorAt: number | null
  lastOkAt: number | null
  /** When the loop tries again after a failure (null: on its normal schedule). */
  retryAt: number | null
}

const registry = new WeakMap<Db, Map<string, BackgroundState>>()

function stateOf(db: Db, name: string, label: string): BackgroundState {
  let all = registry.get(db)
  if (!all) registry.set(db, (all = new Map()))
  let s = all.get(name)
  if (!s) all.set(name, (s = { name, label, failures: 0, lastError: null, lastErrorAt: null, lastOkAt: null, retryAt: null }))
  return s
}

export function reportOk(db: Db, name: string, label: string, now = Date.now()): void {
  const s = stateOf(db, name, label)
  s.failures = 0
  s.lastOkAt = now
  s.retryAt = null
}

export function reportFailure(db: Db, name: string, label: string, message: string, retryAt: number | null, now = Date.now()): BackgroundState {
  const s = stateOf(db, name, label)
  s.failures++
  s.lastError = message
  s.lastErrorAt = now
  s.retryAt = retryAt
  return s
}

/** Every background task of this store that has reported, failing ones first. */
export function backgroundStatus(db: Db): BackgroundState[] {
  return [...(registry.get(db)?.values() ?? [])].map((s) => ({ ...s })).sort((a, b) => Number(b.failures > 0) - Number(a.failures > 0) || a.name.localeCompare(b.name))
}

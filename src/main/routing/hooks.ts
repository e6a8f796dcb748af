// Called by the writers that know which complaints they changed (local triage actions): routing learns from the
// new state at once, so a supervisor's correction shapes the very next suggestion. A failure here must not undo
// or fail the action itself, which is already committed; the upkeep catches up later.
import type { Db } from '../store/open.ts'
import { learnFrom } from './learn.ts'

export function afterComplaintWrites(db: Db, ids: readonly number[], now = Date.now()): void {
  if (ids.length === 0) return
  try {
    learnFrom(db, ids, now)
  } catch (err) {
    console.error(`routing: belajar dari ${ids.length} laporan gagal: ${err instanceof Error ? err.message : String(err)}`)
  }
}

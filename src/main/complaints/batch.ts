// One batch of actions on complaints (a bulk action, an undo): what was done and refused, and which complaints
// must be re-derived. Deadlines and KPI rows are refreshed inside the write transaction, so a reader never sees a
// changed complaint with its old numbers; routing re-suggests after the commit, since it may take a while.
import { refreshComplaints, slaContext } from '../kpi/refresh.ts'
import { afterComplaintWrites } from '../routing/hooks.ts'
import type { Db } from '../store/open.ts'

export type ActionResult = { done: number[]; refused: { id: number; reason: string }[] }

export class ActionBatch {
  readonly result: ActionResult = { done: [], refused: [] }
  private readonly byKabupaten = new Map<string, number[]>()

  refuse(id: number, reason: string): void {
    this.result.refused.push({ id, reason })
  }

  done(kabupaten: string, id: number): void {
    this.byKabupaten.set(kabupaten, [...(this.byKabupaten.get(kabupaten) ?? []), id])
    this.result.done.push(id)
  }

  /** Inside the write transaction, after the last change. */
  refresh(db: Db, now: number): void {
    for (const [kab, list] of this.byKabupaten) refreshComplaints(db, kab, list, slaContext(db, kab, now))
  }

  /** After the commit: routing learns from the new state and re-suggests. */
  finish(db: Db, now: number): ActionResult {
    afterComplaintWrites(db, this.result.done, now)
    return this.result
  }
}

// The triage actions on complaints: which need a reason, how long that reason must be, and which permission each
// needs. complaints.act enforces these; the Antrean dialog and buttons use them to ask for what the server will
// accept, instead of finding out from a refusal.
import type { Permission } from './roles.ts'

export const COMPLAINT_ACTIONS = ['verify', 'disposition', 'tunda', 'bukan_wewenang', 'arsip', 'note', 'location'] as const
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number]

/** Actions that change where a complaint stands for the citizen: the audit log must say why. */
const REASONED: ReadonlySet<ComplaintAction> = new Set(['disposition', 'tunda', 'bukan_wewenang', 'arsip'])

export function needsReason(action: ComplaintAction): boolean {
  return REASONED.has(action)
}

/** A reason shorter than this (after trimming) says nothing a later reader can use ("ok", "-"). */
export const MIN_REASON = 5
export const MAX_REASON = 2000

/** The permission an action needs; `isHeld` says an OPD already holds the complaint (a disposition then moves it). */
export function actionPermission(action: ComplaintAction, isHeld: boolean): Permission {
  if (action === 'disposition') return isHeld ? 'reassign' : 'triage'
  if (action === 'bukan_wewenang' || action === 'arsip') return 'close'
  return 'triage'
}

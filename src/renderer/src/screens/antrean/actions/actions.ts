// The triage actions as the screen offers them: their keys and which roles get an enabled button. The server
// decides for real (complaints.act refuses what a role may not do, and says why); this only avoids offering a
// button that can never work for the person at the desk.
import { roleAtLeast, type Role } from '#shared/domain.ts'

export const ACTIONS = ['verify', 'disposition', 'tunda', 'bukan_wewenang', 'arsip', 'note'] as const
export type ActionKind = (typeof ACTIONS)[number]

export const ACTION_KEYS: Record<ActionKind, string> = {
  verify: 'v',
  disposition: 'd',
  tunda: 't',
  bukan_wewenang: 'b',
  arsip: 'a',
  note: 'n',
}

/** What the action is done to: one complaint or a selection, with what the screen knows of each. */
export type ActionTarget = { id: number; tracking_id: string; unit_id: number | null }

/** Why a role gets no enabled button for the action, or null when it does. */
export function roleBlock(role: Role | undefined, action: ActionKind, targets: ActionTarget[]): 'viewer' | 'supervisor' | null {
  if (!role || !roleAtLeast(role, 'operator')) return 'viewer'
  if (roleAtLeast(role, 'supervisor')) return null
  if (action === 'bukan_wewenang' || action === 'arsip') return 'supervisor'
  // Moving a complaint that an OPD already holds is a supervisor's call (a reassignment).
  if (action === 'disposition' && isReassign(targets)) return 'supervisor'
  return null
}

export function isReassign(targets: ActionTarget[]): boolean {
  return targets.some((t) => t.unit_id !== null)
}

/** Actions whose reason the server requires (and the dialog therefore asks for). */
export function needsReason(action: ActionKind): boolean {
  return action === 'disposition' || action === 'tunda' || action === 'bukan_wewenang' || action === 'arsip'
}

/** The server's minimum for a reason (complaints router: 5 characters after trimming). */
export const MIN_REASON = 5

// The triage actions as the screen offers them: their keys and which roles get an enabled button. The server
// decides for real (complaints.act refuses what a role may not do, and says why) from the same permissions
// (#shared/roles.ts, #shared/actions.ts); reading them here avoids offering a button that can never work.
import { can, type Role } from '#shared/roles.ts'
import { actionPermission, type ComplaintAction } from '#shared/actions.ts'

export const ACTIONS = ['verify', 'disposition', 'tunda', 'bukan_wewenang', 'arsip', 'note'] as const satisfies readonly ComplaintAction[]
export type ActionKind = (typeof ACTIONS)[number]

/** The keyboard key of each action: its first letter (v, d, t, b, a, n), which the buttons underline. */
export const ACTION_KEYS = Object.fromEntries(ACTIONS.map((a) => [a, a[0]])) as Record<ActionKind, string>

/** What the action is done to: one complaint or a selection, with what the screen knows of each. */
export type ActionTarget = { id: number; tracking_id: string; unit_id: number | null }

/** Why a role gets no enabled button for the action, or null when it does. */
export function roleBlock(role: Role | undefined, action: ActionKind, targets: ActionTarget[]): 'viewer' | 'supervisor' | null {
  if (!can(role, 'triage')) return 'viewer'
  // Beyond triage the table asks a supervisor (reassigning, closing); the message names that role.
  return can(role, actionPermission(action, isReassign(targets))) ? null : 'supervisor'
}

export function isReassign(targets: ActionTarget[]): boolean {
  return targets.some((t) => t.unit_id !== null)
}

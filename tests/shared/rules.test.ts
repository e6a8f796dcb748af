// The screens read the rules the API enforces from one shared module: an enabled button is an action the server
// accepts, a reason the dialog lets through is one the server takes, and a badge's status is the server's.
import { describe, expect, it } from 'vitest'
import { ROLES, roleAtLeast } from '#shared/roles.ts'
import { MIN_REASON, needsReason } from '#shared/actions.ts'
import { neededRole } from '#main/complaints/actions.ts'
import { actionSchema } from '#main/app/api/routers/complaints.ts'
import { ACTIONS, roleBlock } from '#renderer/screens/antrean/actions/actions.ts'
import { resources } from '../../src/renderer/i18n/resources.ts'
import { STATUS_LABEL } from '#main/export/labels.ts'
import { STATUS_LABELS } from '#shared/status.ts'
import { STATUSES } from '#shared/status.ts'

describe('shared rules', () => {
  it('offers an action button exactly when the server would let the role do it', () => {
    for (const role of ROLES) {
      for (const action of ACTIONS) {
        for (const unit_id of [null, 7]) {
          const offered = roleBlock(role, action, [{ id: 1, tracking_id: 'T1', unit_id }]) === null
          const input = { action, ids: [1], unitId: 9, reason: 'alasan', body: 'catatan' } as Parameters<typeof neededRole>[0]
          expect(offered, `${role} ${action} ${unit_id}`).toBe(roleAtLeast(role, neededRole(input, { unit_id })))
        }
      }
    }
    // The cases people meet: an operator disposes a new complaint but may not move one an OPD holds.
    expect(roleBlock('operator', 'disposition', [{ id: 1, tracking_id: 'T1', unit_id: null }])).toBeNull()
    expect(roleBlock('operator', 'disposition', [{ id: 1, tracking_id: 'T1', unit_id: 7 }])).toBe('supervisor')
    expect(roleBlock('viewer', 'note', [])).toBe('viewer')
  })

  it("asks for a reason of the server's minimum length, and the server agrees", () => {
    for (const action of ACTIONS.filter(needsReason)) {
      const withReason = (reason: string) => actionSchema.safeParse({ action, ids: [1], unitId: 9, reason }).success
      expect(withReason(`  ${'a'.repeat(MIN_REASON - 1)}  `), action).toBe(false)
      expect(withReason('a'.repeat(MIN_REASON)), action).toBe(true)
    }
  })

  it("names every status on screen as the shared module does: LAPOR!'s own name in Indonesian and in exports, English on English screens", () => {
    for (const s of STATUSES) {
      expect(resources.id.status).toMatchObject({ [s]: STATUS_LABEL[s] })
      expect(resources.en.status).toMatchObject({ [s]: STATUS_LABELS.en[s] })
      expect(STATUS_LABELS.en[s]).not.toBe(STATUS_LABEL[s])
    }
  })
})

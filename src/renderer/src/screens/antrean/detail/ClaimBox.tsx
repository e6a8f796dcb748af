// Who is working on the open complaint: "you", "Sedang ditangani <nama>" (with a take-over for supervisors,
// after a confirmation) or nobody. The holder comes from complaints.detail, never from local guesses.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Dialog } from '#renderer/components/Dialog.tsx'
import { describeError } from '#renderer/api/errors.ts'
import type { ClaimState } from './useClaim.ts'
import type { ComplaintDetail } from './DetailPane.tsx'
import { formatInstant } from '../time.ts'

type ClaimBoxProps = {
  claim: ComplaintDetail['claim']
  meId: number | undefined
  canTakeOver: boolean
  canClaim: boolean
  state: ClaimState
  timeZone: string
}

export function ClaimBox({ claim, meId, canTakeOver, canClaim, state, timeZone }: ClaimBoxProps) {
  const { t } = useTranslation()
  const [isConfirming, setConfirming] = useState(false)
  const isMine = claim !== null && claim.user_id === meId
  const problem = state.error ? describeError(state.error) : null
  // CONFLICT is the normal "someone else has it", already said by the holder line.
  const isConflict = (state.error as { data?: { code?: string } } | null)?.data?.code === 'CONFLICT'
  return (
    <div className={`claim ${claim && !isMine ? 'is-held' : ''}`} data-testid="claim" data-holder={claim?.nama ?? ''} data-mine={isMine ? '1' : '0'}>
      {claim === null && <span>{canClaim ? t('antrean.claim.claiming') : t('antrean.claim.nobody')}</span>}
      {isMine && <span>{t('antrean.claim.mine', { until: formatInstant(claim.expires_at, timeZone) })}</span>}
      {claim && !isMine && (
        <>
          <strong data-testid="claim-holder">{t('antrean.claim.heldBy', { nama: claim.nama })}</strong>
          <span className="claim-since">{t('antrean.claim.since', { at: formatInstant(claim.claimed_at, timeZone) })}</span>
          {canTakeOver && (
            <button type="button" className="button" data-testid="claim-takeover" disabled={state.isTakingOver} onClick={() => setConfirming(true)}>
              {t('antrean.claim.takeover')}
            </button>
          )}
        </>
      )}
      {problem && !isConflict && (
        <span className="form-error" role="alert" data-testid="claim-error">
          {t(`errors.${problem.kind}`, { detail: problem.detail })}
        </span>
      )}
      {isConfirming && claim && (
        <Dialog title={t('antrean.claim.confirmTitle')} closeLabel={t('antrean.close')} onClose={() => setConfirming(false)} testId="takeover-dialog">
          <p>{t('antrean.claim.confirmText', { nama: claim.nama })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('antrean.cancel')}
            </button>
            <button
              type="button"
              className="button primary"
              data-autofocus=""
              data-testid="takeover-confirm"
              onClick={() => {
                state.takeover()
                setConfirming(false)
              }}
            >
              {t('antrean.claim.takeover')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  )
}

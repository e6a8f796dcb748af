// Who is working on the open complaint: nobody (with "Ambil"), "you" (with "Lepas"), or "Sedang ditangani <nama>"
// (with a take-over for supervisors, after a confirmation). The holder comes from complaints.detail; a claim that
// lost a race says who won it.
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
  return (
    <div className={`claim ${claim && !isMine ? 'is-held' : ''}`} data-testid="claim" data-holder={claim?.nama ?? ''} data-mine={isMine ? '1' : '0'}>
      {claim === null && (
        <>
          <span>{t('antrean.claim.nobody')}</span>
          {canClaim && (
            <button type="button" className="button primary" data-testid="claim-take" disabled={state.isPending} onClick={state.take} title={t('triage.claim.takeHint')}>
              {t('triage.claim.take')}
            </button>
          )}
        </>
      )}
      {isMine && (
        <>
          <span>{t('antrean.claim.mine', { until: formatInstant(claim.expires_at, timeZone) })}</span>
          <button type="button" className="button" data-testid="claim-release" disabled={state.isPending} onClick={state.release}>
            {t('triage.claim.release')}
          </button>
        </>
      )}
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
      {state.conflict && !isMine && (
        <strong className="claim-conflict" role="alert" data-testid="claim-conflict">
          {t('triage.claim.conflict', { nama: state.conflict })}
        </strong>
      )}
      {problem && (
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

import { useTranslation } from 'react-i18next'
import type { TRPCSubscriptionStatus } from '@trpc/tanstack-react-query'
import { useConnection } from '../api/connection.ts'

/** "Langsung" when changes are being pushed to this screen; otherwise says why not. */
export function LiveStatus({ subscription }: { subscription: { status: TRPCSubscriptionStatus } }) {
  const { t } = useTranslation()
  const connection = useConnection()
  const state =
    subscription.status === 'pending' && connection.isOpen ? 'open' : connection.isLost || subscription.status === 'error' ? 'lost' : 'connecting'
  return (
    <span className={`live live-${state}`} data-testid="live-status" data-state={state}>
      <span className="live-dot" aria-hidden="true" />
      {t(`live.${state}`)}
    </span>
  )
}

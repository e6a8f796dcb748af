// The audit log's hash chain, checked by the server (audit.verify): intact with N entries, or where it breaks.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { formatNumber } from '#renderer/format.ts'

export function ChainStatus() {
  const { t } = useTranslation()
  const check = useQuery(useTRPC().audit.verify.queryOptions()).data
  if (!check) return null
  return (
    <div className={`chain ${check.ok ? 'is-ok' : 'is-broken'}`} role="status" data-testid="audit-chain" data-ok={check.ok ? '1' : '0'} data-entries={check.entries}>
      {check.ok
        ? t('antrean.audit.chainOk', { n: formatNumber(check.entries) })
        : t('antrean.audit.chainBroken', { id: check.brokenAt, problem: check.problem, n: formatNumber(check.entries) })}
    </div>
  )
}

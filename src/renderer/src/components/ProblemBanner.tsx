import { useTranslation } from 'react-i18next'
import { useConnection } from '../api/connection.ts'
import { useQueryProblem } from '../api/problems.ts'
import { describeError } from '../api/errors.ts'

/** One clear line when the API cannot be reached or refuses, whatever screen is open. */
export function ProblemBanner({ subscriptionError }: { subscriptionError: unknown }) {
  const { t } = useTranslation()
  const connection = useConnection()
  const queryProblem = useQueryProblem()
  const problem = connection.isLost
    ? { kind: 'connection' as const, detail: '' }
    : (queryProblem ?? (subscriptionError ? describeError(subscriptionError) : null))
  if (!problem) return null
  return (
    <div className={`banner banner-${problem.kind === 'connection' ? 'warning' : 'error'}`} role="alert" data-testid="problem-banner" data-kind={problem.kind}>
      {t(`errors.${problem.kind}`, { detail: problem.detail })}
    </div>
  )
}

// The way into manual entry from the queues: shown to operators and up (the API refuses the rest anyway).
import { Link, useLocation } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { can } from '#shared/roles.ts'

export function NewComplaintButton() {
  const { t } = useTranslation()
  const { search } = useLocation()
  const role = useQuery(useTRPC().session.queryOptions()).data?.user?.role
  if (!can(role, 'intake')) return null
  return (
    <Link className="button primary" to={{ pathname: '/antrean/baru', search }} data-testid="new-complaint">
      + {t('intake.title')}
    </Link>
  )
}

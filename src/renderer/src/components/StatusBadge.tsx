import { useTranslation } from 'react-i18next'
import type { Status } from '#shared/domain.ts'
import { STATUS_LABEL } from '#shared/status.ts'

/** A status in the screen's language; the tooltip gives LAPOR!'s own name (what its site and exports say). */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation()
  return (
    <span className={`badge status-${status}`} title={`LAPOR!: ${STATUS_LABEL[status]}`}>
      {t(`status.${status}`)}
    </span>
  )
}

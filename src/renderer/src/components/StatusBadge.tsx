import { useTranslation } from 'react-i18next'
import type { Status } from '#shared/domain.ts'

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation()
  return <span className={`badge status-${status}`}>{t(`status.${status}`)}</span>
}

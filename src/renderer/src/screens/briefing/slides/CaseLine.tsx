// One complaint on a slide: its tracking ID, its public title (never a rahasia one: the API sends none), where and
// who holds it. Shared by the overdue and the notable cases.
import { useTranslation } from 'react-i18next'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import type { PublicCase } from '../types.ts'

export function CaseTitle({ c }: { c: PublicCase }) {
  const { t } = useTranslation()
  return (
    <div className="b-case-title">
      <span className="b-case-id">#{c.tracking_id}</span>{' '}
      <span className={c.judul === null ? 'is-rahasia' : ''}>{c.judul ?? t('briefing.rahasia')}</span>
    </div>
  )
}

export function CaseWhere({ c }: { c: PublicCase }) {
  const { t } = useTranslation()
  return (
    <div className="b-case-where">
      <StatusBadge status={c.status} />
      <span>
        {c.kecamatan ?? t('briefing.noKecamatan')} · {c.unit ?? t('briefing.noUnit')}
        {c.category ? ` · ${c.category}` : ''}
      </span>
    </div>
  )
}

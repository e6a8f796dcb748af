// The open complaints longest past a LAPOR! deadline: where a word from the Bupati unblocks an OPD.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { SlideFrame } from './SlideFrame.tsx'
import { CaseTitle, CaseWhere } from './CaseLine.tsx'
import type { SlideProps } from '../types.ts'

export function OverdueSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  const { total, cases } = deck.overdue
  return (
    <SlideFrame
      name="terlambat"
      title={t('briefing.overdue.title')}
      subtitle={total > 0 ? t('briefing.overdue.subtitle', { total: formatNumber(total) }) : t('briefing.overdue.none')}
      deck={deck}
    >
      <ol className="b-cases" data-testid="b-overdue" data-total={total}>
        {cases.map((c) => (
          <li key={c.id} className="b-case" data-testid="b-overdue-case" data-tracking-id={c.tracking_id} data-hk={c.overdue?.hk ?? ''}>
            <div className="b-case-main">
              <CaseTitle c={c} />
              <CaseWhere c={c} />
            </div>
            <div className="b-case-late">
              <span className="b-late">{t('briefing.overdue.late', { hk: formatNumber(c.overdue?.hk ?? 0) })}</span>
              <span className="b-steps">{(c.overdue?.steps ?? []).map((s) => t(`briefing.overdue.step.${s}`)).join(' · ')}</span>
              <span className="b-age">{t('briefing.overdue.age', { days: formatNumber(c.ageDays) })}</span>
            </div>
          </li>
        ))}
      </ol>
    </SlideFrame>
  )
}

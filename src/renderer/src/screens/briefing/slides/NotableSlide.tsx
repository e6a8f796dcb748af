// The cases an operator chose for this briefing, with their talking point.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { SlideFrame } from './SlideFrame.tsx'
import { CaseTitle, CaseWhere } from './CaseLine.tsx'
import type { SlideProps } from '../types.ts'
import { MAX_NOTABLE } from '#shared/briefing.ts'

export function NotableSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  return (
    <SlideFrame name="pilihan" title={t('briefing.notable.title')} deck={deck}>
      {deck.notable.length === 0 ? (
        <div className="b-empty">
          <p>{t('briefing.notable.none')}</p>
          <p className="b-note no-print">{t('briefing.notable.noneHint', { n: MAX_NOTABLE })}</p>
        </div>
      ) : (
        deck.notable.map((c) => (
          <section key={c.id} className="b-card b-notable" data-testid="b-notable" data-tracking-id={c.tracking_id}>
            <CaseTitle c={c} />
            <CaseWhere c={c} />
            {c.overdue && <p className="b-late">{t('briefing.overdue.late', { hk: formatNumber(c.overdue.hk) })}</p>}
            {c.note && <blockquote className="b-quote">{c.note}</blockquote>}
          </section>
        ))
      )}
    </SlideFrame>
  )
}

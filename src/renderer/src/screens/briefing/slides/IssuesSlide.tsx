// The most frequent topics in the busiest kecamatan: what people in each place complain about.
import { useTranslation } from 'react-i18next'
import { formatDate, formatNumber } from '#renderer/format.ts'
import { SlideFrame } from './SlideFrame.tsx'
import type { SlideProps } from '../types.ts'

export function IssuesSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  return (
    <SlideFrame
      name="masalah"
      title={t('briefing.issues.title')}
      subtitle={t('briefing.issues.subtitle', { from: formatDate(deck.period.from), to: formatDate(deck.period.to) })}
      deck={deck}
    >
      {deck.issues.length === 0 && <p className="b-empty">{t('briefing.issues.none')}</p>}
      {deck.issues.map((k) => {
        const max = Math.max(1, ...k.categories.map((c) => c.n))
        return (
          <section key={k.kode} className="b-card" data-testid="b-issue" data-kode={k.kode} data-value={k.n}>
            <h3 className="b-card-title">
              <span>{k.nama}</span>
              <span className="b-card-n">{t('briefing.issues.n', { n: formatNumber(k.n) })}</span>
            </h3>
            <ol className="b-issues">
              {k.categories.map((c) => (
                <li key={c.id} data-testid="b-issue-category" data-value={c.n}>
                  <span className="b-issue-name">{c.nama}</span>
                  <span className="b-issue-bar" style={{ width: `${(100 * c.n) / max}%` }} aria-hidden="true" />
                  <span className="b-issue-n">{formatNumber(c.n)}</span>
                </li>
              ))}
            </ol>
          </section>
        )
      })}
    </SlideFrame>
  )
}

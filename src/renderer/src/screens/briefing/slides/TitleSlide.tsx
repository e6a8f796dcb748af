import { useTranslation } from 'react-i18next'
import { formatDate, zoneLabel } from '#renderer/format.ts'
import { formatTaken } from './SlideFrame.tsx'
import type { SlideProps } from '../types.ts'

export function TitleSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  const k = deck.kabupaten
  return (
    <div className="cover">
      <p className="cover-kicker">{t('briefing.cover.kicker')}</p>
      <h1 className="cover-title">{t('briefing.cover.title')}</h1>
      <p className="cover-place" data-testid="cover-kabupaten">
        {k.nama}
      </p>
      <p className="cover-province">
        {k.provinsi} · {k.ibukota}
      </p>
      <p className="cover-period" data-testid="cover-period" data-from={deck.period.from} data-to={deck.period.to}>
        {t('briefing.cover.period', { from: formatDate(deck.period.from), to: formatDate(deck.period.to) })}
      </p>
      <p className="cover-compared">
        {t('briefing.cover.compared', { from: formatDate(deck.previousPeriod.from), to: formatDate(deck.previousPeriod.to) })}
      </p>
      <div className="cover-foot">
        <span>{t('briefing.cover.channels')}</span>
        <span>{t('briefing.cover.asOf', { when: formatTaken(deck.generatedAt, k.time_zone, zoneLabel(k.time_zone)) })}</span>
        <span>{t('briefing.cover.privacy')}</span>
      </div>
    </div>
  )
}

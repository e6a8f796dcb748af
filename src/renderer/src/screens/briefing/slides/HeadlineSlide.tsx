// The six numbers a Bupati asks first, each against the previous period where that makes sense.
import { useTranslation } from 'react-i18next'
import { formatDate, formatNumber, formatPercent } from '#renderer/format.ts'
import { compare, type Better, type Kind } from '../compare.ts'
import { SlideFrame } from './SlideFrame.tsx'
import type { SlideProps } from '../types.ts'
import '#renderer/styles/headline-tiles.css'

type Tile = { key: string; value: number | null; previous?: number | null; kind: Kind; better: Better; tone: string }

export function HeadlineSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  const h = deck.headline
  const tiles: Tile[] = [
    { key: 'masuk', value: h.n, previous: h.previous.n, kind: 'count', better: 'neither', tone: 'accent' },
    { key: 'pctSelesai', value: h.pctSelesai, previous: h.previous.pctSelesai, kind: 'percent', better: 'higher', tone: 'good' },
    { key: 'pctResponseOnTime', value: h.pctResponseOnTime, previous: h.previous.pctResponseOnTime, kind: 'percent', better: 'higher', tone: 'accent' },
    { key: 'medianResponseHk', value: h.medianResponseHk, previous: h.previous.medianResponseHk, kind: 'days', better: 'lower', tone: 'accent' },
    { key: 'openNow', value: h.openNow, kind: 'count', better: 'lower', tone: 'warning' },
    { key: 'overdueNow', value: h.overdueNow, kind: 'count', better: 'lower', tone: 'alert' },
  ]
  const show = (kind: Kind, v: number | null) =>
    v === null ? '–' : kind === 'percent' ? formatPercent(v) : kind === 'days' ? t('briefing.headline.days', { n: formatNumber(v) }) : formatNumber(v)
  return (
    <SlideFrame
      name="angka"
      bodyClass="headline-tiles"
      title={t('briefing.headline.title')}
      subtitle={t('briefing.headline.subtitle', { from: formatDate(deck.period.from), to: formatDate(deck.period.to) })}
      deck={deck}
    >
      {tiles.map((tile) => {
        const change = tile.previous === undefined ? null : compare(tile.value, tile.previous, tile.kind, tile.better)
        return (
          <div key={tile.key} className={`headline-tile headline-tile-${tile.tone}`} data-testid={`b-kpi-${tile.key}-tile`}>
            <div className="headline-tile-label">{t(`briefing.headline.${tile.key}`)}</div>
            <div className="headline-tile-value" data-testid={`b-kpi-${tile.key}`} data-value={tile.value ?? ''}>
              {show(tile.kind, tile.value)}
            </div>
            {change ? (
              <div className="b-tile-compare">
                <span className={`b-change dir-${change.direction} tone-${change.tone}`} data-testid={`b-kpi-${tile.key}-change`}>
                  {change.direction === 'none'
                    ? t('briefing.headline.change.none')
                    : change.direction === 'same'
                      ? t('briefing.headline.change.same')
                      : `${change.direction === 'up' ? '▲' : '▼'} ${t(`briefing.headline.change.${change.kind === 'count' ? 'count' : change.kind === 'days' ? 'days' : 'points'}`, { sign: change.sign, value: change.value })}`}
                </span>
                <span className="b-tile-previous" data-testid={`b-kpi-${tile.key}-previous`} data-value={tile.previous ?? ''}>
                  {t('briefing.headline.previous', { value: show(tile.kind, tile.previous ?? null) })}
                </span>
              </div>
            ) : (
              <div className="b-tile-compare">
                <span className="b-tile-previous">{t('briefing.headline.nowHint')}</span>
              </div>
            )}
          </div>
        )
      })}
    </SlideFrame>
  )
}

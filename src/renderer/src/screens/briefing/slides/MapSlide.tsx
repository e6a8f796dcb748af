// Complaints received per kecamatan over the period: the static choropleth (the Peta screen's classes and colours)
// beside the busiest kecamatan.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate, formatNumber } from '#renderer/format.ts'
import { classScale } from '#renderer/screens/peta/classes.ts'
import { StaticMap } from '#renderer/components/static-map/StaticMap.tsx'
import { StaticLegend } from '#renderer/components/static-map/StaticLegend.tsx'
import { SlideFrame } from './SlideFrame.tsx'
import type { SlideProps } from '../types.ts'

const TOP = 8
const VOLUME = { isPercent: false, isHigherBetter: false }

export function MapSlide({ deck, shapes }: SlideProps) {
  const { t } = useTranslation()
  const values = useMemo(() => new Map(deck.kecamatan.map((k) => [k.kode, k.n as number | null])), [deck.kecamatan])
  const scale = useMemo(() => classScale([...values.values()], VOLUME), [values])
  const top = [...deck.kecamatan].sort((a, b) => b.n - a.n || a.kode.localeCompare(b.kode)).slice(0, TOP)
  return (
    <SlideFrame name="peta" title={t('briefing.map.title')} deck={deck}>
      <div className="b-map">
        <StaticMap
          shapes={shapes}
          values={values}
          scale={scale}
          isHigherBetter={false}
          format={(v) => (v === null ? '–' : formatNumber(v))}
          label={t('briefing.map.label', { kabupaten: deck.kabupaten.nama })}
          testId="b-map"
        />
      </div>
      <aside className="b-map-side">
        <h3 className="b-h3">{t('briefing.map.metric', { from: formatDate(deck.period.from), to: formatDate(deck.period.to) })}</h3>
        <StaticLegend entries={scale.entries} isPercent={false} testId="b-map-legend" />
        <h3 className="b-h3">{t('briefing.map.top')}</h3>
        <ol className="b-rank">
          {top.map((k) => (
            <li key={k.kode} data-testid="b-map-top" data-kode={k.kode} data-value={k.n}>
              <span className="b-rank-name">{k.nama}</span>
              <span className="b-rank-value">{formatNumber(k.n)}</span>
            </li>
          ))}
        </ol>
        {deck.tanpaLokasi > 0 && (
          <p className="b-note" data-testid="b-map-nolocation" data-value={deck.tanpaLokasi}>
            {t('briefing.map.noLocation', { n: formatNumber(deck.tanpaLokasi) })}
          </p>
        )}
      </aside>
    </SlideFrame>
  )
}

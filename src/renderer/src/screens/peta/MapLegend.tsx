// The legend of the choropleth, as a strip above the map (it never covers an area): what is coloured, over which
// time, and one item per class with its range, in text large enough for the back of the room.
import { useTranslation } from 'react-i18next'
import { formatDate } from '#renderer/format.ts'
import type { Period } from '#shared/domain.ts'
import { usePrefs } from '#renderer/prefs.ts'
import { classKey, legendRangeText, type LegendEntry } from './classes.ts'
import type { Metric } from './metrics.ts'

type MapLegendProps = { metric: Metric; entries: LegendEntry[]; period: Period; level: 'kecamatan' | 'desa' }

export function MapLegend({ metric, entries, period, level }: MapLegendProps) {
  const { t } = useTranslation()
  const range = (e: LegendEntry) => legendRangeText(t, e, metric.isPercent)
  const levelText = t(`peta.levels.${level}`)
  // The palettes run opposite ways (peta.css): brighter is more on the dark wall, darker is more on light.
  const { theme } = usePrefs()
  return (
    <section className="peta-legend" aria-label={t('peta.legend.label')} data-testid="peta-legend" data-metric={metric.key}>
      <div className="peta-legend-main">
        <h2 className="peta-legend-title">{t(`peta.metrics.${metric.key}`)}</h2>
        {entries.length === 0 ? (
          <p className="peta-legend-list">{t('app.loading')}</p>
        ) : (
          <ul className="peta-legend-list">
            {entries.map((e) => (
              <li key={classKey(e.cls)} className="peta-legend-row" data-testid="peta-legend-row" data-cls={classKey(e.cls)}>
                <span className="peta-swatch" data-cls={classKey(e.cls)} aria-hidden="true" />
                <span>{range(e)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="peta-legend-foot">
        <span>
          {t(`peta.about.${metric.key}`)} ·{' '}
          {metric.isNow
            ? t('peta.legend.now', { level: levelText })
            : t('peta.legend.period', { level: levelText, from: formatDate(period.from), to: formatDate(period.to) })}
        </span>
        <span className="peta-legend-hint">{t(`peta.legend.hint.${theme}.${metric.isHigherBetter ? 'low' : 'high'}`)}</span>
      </p>
    </section>
  )
}

// The kabupaten view's side list: every kecamatan ranked by the chosen metric, with its legend colour. It is the
// keyboard's way into a kecamatan, and it names what a crowded map could not.
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { classKey, type AreaClass } from '../classes.ts'
import { formatMetric, metricValue, type Metric } from '../metrics.ts'
import type { MapArea } from '../usePetaData.ts'

type AreaRankingProps = { areas: (MapArea & { cls: AreaClass | null })[]; metric: Metric; onOpen(kode: string): void }

export function AreaRanking({ areas, metric, onOpen }: AreaRankingProps) {
  const { t } = useTranslation()
  const ranked = areas
    .map((a) => ({ area: a, value: metricValue(metric, a.figures) }))
    // Worst first: the most complaints, or the lowest share on time; areas without a share go last.
    .sort((x, y) => (x.value === null ? 1 : y.value === null ? -1 : metric.isHigherBetter ? x.value - y.value : y.value - x.value))
  return (
    <Panel title={t('peta.ranking.title', { metric: t(`peta.metrics.${metric.key}`) })} className="peta-panel" testId="peta-ranking">
      <ol className="peta-ranking">
        {ranked.map(({ area, value }) => (
          <li key={area.kode}>
            <button type="button" className="peta-ranking-row" data-testid="peta-ranking-row" data-kode={area.kode} onClick={() => onOpen(area.kode)}>
              <span className="peta-swatch" data-cls={area.cls ? classKey(area.cls) : 'loading'} aria-hidden="true" />
              <span className="peta-ranking-name">{area.nama}</span>
              <span className="peta-ranking-value">{area.cls ? formatMetric(metric, value) : '…'}</span>
            </button>
          </li>
        ))}
      </ol>
    </Panel>
  )
}

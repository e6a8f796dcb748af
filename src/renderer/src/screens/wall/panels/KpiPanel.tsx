// The headline figures in the largest type the wall has.
import { useTranslation } from 'react-i18next'
import { formatNumber, formatPercent } from '#renderer/format.ts'
import type { WallSnapshot } from '../useWallData.ts'
import '#renderer/styles/headline-tiles.css'

/** Figures that grow with a complaint's age: their previous value is judged at the same age (kpi/queries.ts). */
const SAME_AGE = new Set(['pctResponseOnTime', 'medianResponseHk', 'pctSelesai'])

export function KpiPanel({ s }: { s: WallSnapshot }) {
  const { t } = useTranslation()
  const k = s.kpi
  const days = (n: number | null) => (n === null ? '–' : t('wall.kpi.days', { n: formatNumber(n) }))
  const tiles = [
    { key: 'masuk', value: k.masuk, text: formatNumber(k.masuk), previous: formatNumber(k.previous.masuk), tone: 'accent' },
    { key: 'openNow', value: k.openNow, text: formatNumber(k.openNow), tone: 'warning' },
    { key: 'overdueNow', value: k.overdueNow, text: formatNumber(k.overdueNow), tone: 'alert' },
    { key: 'pctResponseOnTime', value: k.pctResponseOnTime, text: formatPercent(k.pctResponseOnTime), previous: formatPercent(k.previous.pctResponseOnTime), tone: 'accent' },
    { key: 'medianResponseHk', value: k.medianResponseHk, text: days(k.medianResponseHk), previous: days(k.previous.medianResponseHk), tone: 'accent' },
    { key: 'pctSelesai', value: k.pctSelesai, text: formatPercent(k.pctSelesai), previous: formatPercent(k.previous.pctSelesai), tone: 'good' },
  ]
  return (
    <div className="wall-kpis headline-tiles">
      {tiles.map((tile) => (
        <div key={tile.key} className={`headline-tile headline-tile-${tile.tone}`}>
          <div className="headline-tile-label">{t(`wall.kpi.${tile.key}`)}</div>
          <div className="headline-tile-value" data-testid={`wall-kpi-${tile.key}`} data-value={tile.value ?? ''}>
            {tile.text}
          </div>
          <div className="wall-kpi-previous">
            {tile.previous === undefined
              ? t('wall.kpi.nowHint')
              : t(SAME_AGE.has(tile.key) ? 'wall.kpi.previousSameAge' : 'wall.kpi.previous', { value: tile.previous })}
          </div>
        </div>
      ))}
    </div>
  )
}

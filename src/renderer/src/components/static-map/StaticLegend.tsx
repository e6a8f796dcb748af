// The classes of a StaticMap, one line each with its range, in the map's em size.
import { useTranslation } from 'react-i18next'
import { classKey, legendRangeText, type LegendEntry } from '#renderer/screens/peta/classes.ts'

export function StaticLegend({ entries, isPercent, testId }: { entries: LegendEntry[]; isPercent: boolean; testId: string }) {
  const { t } = useTranslation()
  const range = (e: LegendEntry) => legendRangeText(t, e, isPercent)
  return (
    <ul className="smap-legend" data-testid={testId}>
      {entries.map((e) => (
        <li key={classKey(e.cls)} data-cls={classKey(e.cls)}>
          <span className="peta-swatch" data-cls={classKey(e.cls)} aria-hidden="true" />
          <span>{range(e)}</span>
        </li>
      ))}
    </ul>
  )
}

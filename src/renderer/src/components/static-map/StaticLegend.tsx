// The classes of a StaticMap, one line each with its range, in the map's em size.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { classKey, type LegendEntry } from '#renderer/screens/peta/classes.ts'

export function StaticLegend({ entries, isPercent, testId }: { entries: LegendEntry[]; isPercent: boolean; testId: string }) {
  const { t } = useTranslation()
  const range = (e: LegendEntry) => {
    if (e.cls.kind === 'zero') return t('peta.legend.zero')
    if (e.cls.kind === 'none') return t('peta.legend.none')
    const { from, to } = e.range!
    const text = from === to ? formatNumber(from) : t('peta.legend.range', { from: formatNumber(from), to: formatNumber(to) })
    return isPercent ? t('peta.legend.percent', { range: text }) : text
  }
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

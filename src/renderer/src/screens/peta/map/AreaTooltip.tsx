// The numbers of one area when the pointer rests on it: every metric the map can show, the chosen one marked,
// and the previous period's volume beside this period's.
import { useTranslation } from 'react-i18next'
import { formatNumber, formatPercent } from '#renderer/format.ts'
import type { AreaFigures, MetricKey } from '../metrics.ts'

export function AreaTooltip({ nama, figures, metric }: { nama: string; figures: AreaFigures | undefined; metric: MetricKey }) {
  const { t } = useTranslation()
  const f = figures
  const lines: { key: MetricKey; value: string; extra?: string }[] = [
    {
      key: 'volume',
      value: formatNumber(f?.n ?? 0),
      extra: t('peta.tooltip.previous', { n: formatNumber(f?.previous.n ?? 0) }),
    },
    { key: 'terbuka', value: formatNumber(f?.openNow ?? 0) },
    { key: 'terlambat', value: formatNumber(f?.overdueNow ?? 0) },
    { key: 'tepat-waktu', value: formatPercent(f?.pctResponseOnTime ?? null) },
    { key: 'salah-sasaran', value: formatNumber(f?.misrouted ?? 0) },
  ]
  return (
    <div className="peta-tip" data-testid="peta-tooltip">
      <div className="peta-tip-title">{nama}</div>
      <table>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} className={l.key === metric ? 'is-current' : ''}>
              <th scope="row">{t(`peta.metrics.${l.key}`)}</th>
              <td data-metric={l.key}>
                {l.value}
                {l.extra && <span className="peta-tip-extra"> {l.extra}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

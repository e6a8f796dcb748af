import { useTranslation } from 'react-i18next'
import { METRICS, type MetricKey } from './metrics.ts'

/** Which number colours the map: one large segmented control, the chosen metric kept in the URL. */
export function MetricSelector({ value, onChange }: { value: MetricKey; onChange(metric: MetricKey): void }) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <span className="field-label visually-hidden">{t('peta.metric')}</span>
      <div className="segmented" role="group" aria-label={t('peta.metric')}>
        {METRICS.map((m) => (
          <button key={m} type="button" className="segment" aria-pressed={value === m} data-testid={`peta-metric-${m}`} onClick={() => onChange(m)}>
            {t(`peta.metrics.${m}`)}
          </button>
        ))}
      </div>
    </div>
  )
}

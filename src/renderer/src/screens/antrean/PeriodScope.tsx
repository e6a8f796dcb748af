// Whether the shared period narrows this queue. A work queue is the whole work: by default it holds every
// complaint waiting in it, however old (the oldest overdue are the ones a supervisor must see). The user may
// narrow it to the period (hanya-periode=1 in the address); then the line below says how many are left outside.
import { useTranslation } from 'react-i18next'
import { useFilters } from '#renderer/filters/filters.tsx'
import { formatDate, formatNumber } from '#renderer/format.ts'

/** The shared period in words: its preset's name, or its dates. */
export function usePeriodName(): string {
  const { t } = useTranslation()
  const { period, preset } = useFilters()
  return preset ? t(`filters.presets.${preset}`) : `${formatDate(period.from)} – ${formatDate(period.to)}`
}

type ToggleProps = { isOn: boolean; onChange(isOn: boolean): void }

/** The toolbar's switch: narrow this queue to the shared period, or show all of it. */
export function PeriodScopeToggle({ isOn, onChange }: ToggleProps) {
  const { t } = useTranslation()
  const period = usePeriodName()
  return (
    <button
      type="button"
      className="button period-scope-toggle"
      aria-pressed={isOn}
      data-testid="queue-period-toggle"
      title={t('antrean.periodScope.toggleHint', { period })}
      onClick={() => onChange(!isOn)}
    >
      {t('antrean.periodScope.toggle', { period })}
    </button>
  )
}

type LineProps = { total: number | undefined; withoutPeriod: number | null | undefined; onShowAll(): void }

/** "Menampilkan 95 dari 218 — 123 di luar periode 30 hari [Tampilkan semua]", when the queue is narrowed. */
export function PeriodScopeLine({ total, withoutPeriod, onShowAll }: LineProps) {
  const { t } = useTranslation()
  const period = usePeriodName()
  if (total === undefined || withoutPeriod === null || withoutPeriod === undefined) return null
  return (
    <p className="period-scope-line" role="status" data-testid="queue-period-line" data-shown={total} data-all={withoutPeriod} data-outside={withoutPeriod - total}>
      <span>
        {t('antrean.periodScope.line', { shown: formatNumber(total), all: formatNumber(withoutPeriod), outside: formatNumber(withoutPeriod - total), period })}
      </span>
      <button type="button" className="button" data-testid="queue-period-show-all" onClick={onShowAll}>
        {t('antrean.periodScope.showAll')}
      </button>
    </p>
  )
}

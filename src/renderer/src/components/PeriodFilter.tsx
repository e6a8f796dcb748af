import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFilters } from '../filters/filters.tsx'
import { PRESETS } from '../filters/period.ts'
import { formatDate } from '../format.ts'
import { DateInput } from './DateInput.tsx'
import type { Period } from '#shared/domain.ts'

/** Period presets plus a from/to choice; the chosen period is shown in words next to them. */
export function PeriodFilter() {
  const { t } = useTranslation()
  const { period, preset, setPreset, setPeriod } = useFilters()
  const [draft, setDraft] = useState<Period | null>(null)
  return (
    <div className="field period">
      <span className="field-label">{t('filters.period')}</span>
      <div className="segmented" role="group" aria-label={t('filters.period')}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className="segment"
            aria-pressed={preset === p}
            data-testid={`period-preset-${p}`}
            onClick={() => {
              setDraft(null)
              setPreset(p)
            }}
          >
            {t(`filters.presets.${p}`)}
          </button>
        ))}
        <button
          type="button"
          className="segment"
          aria-pressed={preset === null}
          aria-expanded={draft !== null}
          data-testid="period-custom"
          onClick={() => setDraft(draft ? null : period)}
        >
          {t('filters.custom')}
        </button>
      </div>
      {draft ? (
        <CustomRange
          draft={draft}
          onChange={setDraft}
          onApply={() => {
            setPeriod(draft)
            setDraft(null)
          }}
          onCancel={() => setDraft(null)}
        />
      ) : (
        <span className="period-range" data-testid="period-range" data-from={period.from} data-to={period.to}>
          {t('filters.range', { from: formatDate(period.from), to: formatDate(period.to) })}
        </span>
      )}
    </div>
  )
}

type CustomRangeProps = { draft: Period; onChange(p: Period): void; onApply(): void; onCancel(): void }

function CustomRange({ draft, onChange, onApply, onCancel }: CustomRangeProps) {
  const { t } = useTranslation()
  const isValid = draft.from !== '' && draft.to !== '' && draft.from <= draft.to
  return (
    <form
      className="custom-range"
      onSubmit={(e) => {
        e.preventDefault()
        if (isValid) onApply()
      }}
    >
      <label className="inline-field">
        {t('filters.from')}
        <DateInput testId="period-from" value={draft.from} max={draft.to} onChange={(from) => onChange({ ...draft, from })} />
      </label>
      <label className="inline-field">
        {t('filters.to')}
        <DateInput testId="period-to" value={draft.to} min={draft.from} onChange={(to) => onChange({ ...draft, to })} />
      </label>
      <button type="submit" className="button primary" disabled={!isValid} data-testid="period-apply">
        {t('filters.apply')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('filters.cancel')}
      </button>
      {isValid ? (
        // The range in words beside the typed dates, so a day/month mix-up shows at once.
        <span className="period-range">{t('filters.range', { from: formatDate(draft.from), to: formatDate(draft.to) })}</span>
      ) : (
        <span className="form-error">{t('filters.invalidRange')}</span>
      )}
    </form>
  )
}

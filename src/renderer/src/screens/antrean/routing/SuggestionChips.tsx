// The suggestions inside the disposition dialog: the three most likely units as buttons, the first marked as
// what Enter on the empty search box takes.
import { useTranslation } from 'react-i18next'
import { pct, suggestionName, type Suggestion } from './suggestion.ts'

type SuggestionChipsProps = { suggestions: Suggestion[]; chosen: number | null; onPick(s: Suggestion): void }

export function SuggestionChips({ suggestions, chosen, onPick }: SuggestionChipsProps) {
  const { t } = useTranslation()
  const usable = suggestions.filter((s) => s.unitId !== null)
  if (usable.length === 0) return null
  return (
    <div className="routing-chips" data-testid="dialog-suggestions">
      <span className="field-label">{t('routing.dialogTitle')}</span>
      <div className="routing-chip-row">
        {usable.map((s, i) => (
          <button
            key={s.label}
            type="button"
            className="button routing-chip"
            aria-pressed={chosen === s.unitId}
            data-testid="dialog-suggestion"
            data-unit-id={s.unitId ?? ''}
            onClick={() => onPick(s)}
          >
            {i === 0 && <kbd>Enter</kbd>} {suggestionName(s, t)} <span className="routing-chip-pct">{pct(s.confidence)}</span>
          </button>
        ))}
      </div>
      <span className="note">{t('routing.dialogHint')}</span>
    </div>
  )
}

// A date field the app controls: it shows and takes dd/mm/yyyy in both languages (a browser's own date input
// follows the browser's locale, mm/dd/yyyy on an English system), and also takes yyyy-mm-dd as typed or pasted.
// The value given and reported is the ISO date (YYYY-MM-DD), or '' while the text is not a real date. The calendar
// button opens the browser's date picker for those who prefer to click.
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateNumeric } from '../format.ts'

type DateInputProps = {
  value: string
  onChange(iso: string): void
  testId: string
  /** Inclusive bounds (ISO) for the picker; typed dates outside them are reported as they are. */
  min?: string
  max?: string
  required?: boolean
}

/** "23/11/2026", "23-11-2026", "23.11.2026" or "2026-11-23" as an ISO date; null when it is no real date. */
export function parseDate(text: string): string | null {
  const t = text.trim()
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null
  if (!parts) return null
  const [y, m, d] = parts
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
  const date = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso
}

export function DateInput({ value, onChange, testId, min, max, required }: DateInputProps) {
  const { t } = useTranslation()
  const [text, setText] = useState(value ? formatDateNumeric(value) : '')
  const [shown, setShown] = useState(value)
  const picker = useRef<HTMLInputElement>(null)
  // A new value from outside (the picker, a preset) replaces what is typed.
  if (value !== shown) {
    setShown(value)
    if (value !== '' && parseDate(text) !== value) setText(formatDateNumeric(value))
  }
  const isBad = text.trim() !== '' && parseDate(text) === null
  return (
    <span className="date-input">
      <input
        className={`control date-input-text ${isBad ? 'is-invalid' : ''}`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('dateInput.placeholder')}
        aria-invalid={isBad}
        title={t('dateInput.hint')}
        data-testid={testId}
        data-value={value}
        required={required}
        value={text}
        size={10}
        onChange={(e) => {
          setText(e.target.value)
          const iso = parseDate(e.target.value) ?? ''
          setShown(iso)
          onChange(iso)
        }}
      />
      <button
        type="button"
        className="button date-input-button"
        aria-label={t('dateInput.pick')}
        title={t('dateInput.pick')}
        onClick={() => picker.current?.showPicker?.()}
      >
        📅
      </button>
      <input
        ref={picker}
        className="date-input-native"
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        min={min}
        max={max}
        onChange={(e) => {
          setText(e.target.value ? formatDateNumeric(e.target.value) : '')
          setShown(e.target.value)
          onChange(e.target.value)
        }}
      />
    </span>
  )
}

// A date typed as dd/mm/yyyy, the way Indonesian offices write it, whatever the browser's own locale (a native
// <input type="date"> would show mm/dd/yyyy on an English-US browser). Holds ISO dates (yyyy-mm-dd) for the caller.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isIsoDate } from '#renderer/filters/period.ts'

/** "05/11/2026" from "2026-11-05"; '' stays ''. */
export function displayDate(iso: string): string {
  return isIsoDate(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : ''
}

/** "5/11/2026", "05-11-2026" or "05.11.2026" → "2026-11-05"; '' → ''; anything else (or 31/02) → null. */
export function parseDate(text: string): string | null {
  const s = text.trim()
  if (s === '') return ''
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  if (!m) return null
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

type DateTextProps = { label: string; value: string; onChange(iso: string): void; testId: string }

export function DateText({ label, value, onChange, testId }: DateTextProps) {
  const { t } = useTranslation()
  const [text, setText] = useState(displayDate(value))
  useEffect(() => setText(displayDate(value)), [value])
  const parsed = parseDate(text)
  return (
    <label className="field audit-date">
      <span className="field-label">{label}</span>
      <input
        className={`control audit-date-input ${parsed === null ? 'is-invalid' : ''}`}
        inputMode="numeric"
        placeholder={t('triage.audit.dateFormat')}
        value={text}
        aria-invalid={parsed === null}
        title={parsed === null ? t('triage.audit.badDate', { value: text }) : undefined}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value)
          const iso = parseDate(e.target.value)
          if (iso !== null) onChange(iso)
        }}
      />
    </label>
  )
}

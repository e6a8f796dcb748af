// Times as the triage desk reads them: instants in the kabupaten's own zone (a deadline is 23.59 in Sangatta,
// whatever the screen's clock says), and spans such as "12 hari" or "terlambat 3 jam" in calendar time.
import type { TFunction } from 'i18next'
import { dateFormat, dateLocale, formatNumber, zoneLabel } from '#renderer/format.ts'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** "Sen, 25 Nov 2026 23.59 WITA" ("Wed, 25 Nov 2026, 23:59 WITA" in English). */
export function formatInstant(ms: number, timeZone: string): string {
  const text = dateFormat(dateLocale(), {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(ms)
  return `${text} ${zoneLabel(timeZone)}`
}

/** "25 Nov 2026" in the kabupaten's zone, in the UI language. */
export function formatDay(ms: number, timeZone: string): string {
  return dateFormat(dateLocale(), { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(ms)
}

/** A span as whole days, or hours / minutes when shorter than a day ("3 hari", "5 jam", "12 menit"). */
export function formatSpan(ms: number, t: TFunction): string {
  const span = Math.max(0, ms)
  // The unit is part of the key because English needs plural forms (span.days_one / span.days_other).
  const [unit, count] = span >= DAY ? ['days', Math.floor(span / DAY)] : span >= HOUR ? ['hours', Math.floor(span / HOUR)] : ['minutes', Math.max(1, Math.floor(span / 60_000))]
  return t(`antrean.span.${unit}`, { count, n: formatNumber(count) })
}

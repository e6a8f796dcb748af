// The one place the renderer writes numbers and dates. Numbers as Indonesian officials read them (id-ID: 12.345,
// 45,3 % and 4,0 detik) in both UI languages; dates and clock times in the UI language (Indonesian "4 Des 2026",
// English "4 Dec 2026"), in the kabupaten's own zone with its Indonesian abbreviation (WIB/WITA/WIT).
// The language is read at call time, so a component that re-renders on a language change (useTranslation) writes
// its dates in the new language without passing it around.
import i18n from 'i18next'

const INTEGER = new Intl.NumberFormat('id-ID')
const PERCENT = new Intl.NumberFormat('id-ID', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })

export function formatNumber(n: number): string {
  return INTEGER.format(n)
}

const decimals = new Map<number, Intl.NumberFormat>()
/** A number with exactly `digits` decimals, Indonesian style: 4,0 and 1.234,5. */
export function formatDecimal(n: number, digits = 1): string {
  let f = decimals.get(digits)
  if (!f) decimals.set(digits, (f = new Intl.NumberFormat('id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return f.format(n)
}

/** A percentage given as 0..100; null (nothing to divide by) shows as a dash. */
export function formatPercent(p: number | null): string {
  return p === null ? '–' : PERCENT.format(p / 100)
}

/** A byte count as people read it: "0 B" (never rounded up to "1 KB"), "850 B", "12,4 KB", "3,1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumber(bytes)} B`
  if (bytes < 1024 * 1024) return `${formatDecimal(bytes / 1024)} KB`
  return `${formatDecimal(bytes / (1024 * 1024))} MB`
}

const ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

export function zoneLabel(timeZone: string): string {
  return ZONES[timeZone] ?? timeZone
}

/** The locale dates are written in: the UI language's (British English keeps day before month, as Indonesia does). */
export function dateLocale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'id-ID'
}

/**
 * Intl formatters are costly to build (a chart axis asks for hundreds of labels per redraw: a year of daily
 * ticks took 100 ms of a period change), so each distinct set of options is built once.
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)))
  return f
}

/** A formatter in the UI language's date locale. */
function local(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateFormat(dateLocale(), options)
}

/** A local calendar date (YYYY-MM-DD) as "23 Nov 2026"; `short` drops the year (chart axes). */
export function formatDate(date: string, short = false): string {
  // timeZone UTC: the string already is the local date.
  const f = short
    ? local({ timeZone: 'UTC', day: 'numeric', month: 'short' })
    : local({ timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
  return f.format(Date.parse(`${date}T00:00:00Z`))
}

/** A local calendar date (YYYY-MM-DD) as typed in a date field: "23/11/2026" in both languages. */
export function formatDateNumeric(date: string): string {
  const [y, m, d] = date.split('-')
  return `${d}/${m}/${y}`
}

/** An instant as "23 Nov 2026 14.05 WITA" (Indonesian) or "23 Nov 2026 14:05 WITA" (English). */
export function formatDateTime(ms: number, timeZone: string): string {
  return `${local({ timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(ms)} ${formatTime(ms, timeZone)} ${zoneLabel(timeZone)}`
}

/** A clock time, "14.05" (Indonesian) or "14:05" (English). */
export function formatTime(ms: number, timeZone: string): string {
  return local({ timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms)
}

/** An instant as "14.05 WITA" when it is on `today`, else "22 Nov 14.05 WITA" (Terbaru feed, clock). */
export function formatWhen(ms: number, timeZone: string, today: string): string {
  const day = dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
  const prefix = day === today ? '' : `${local({ timeZone, day: 'numeric', month: 'short' }).format(ms)} `
  return `${prefix}${formatTime(ms, timeZone)} ${zoneLabel(timeZone)}`
}

/** The wall clock: "Senin, 23 November 2026" (or "Monday 23 November 2026") and "14.05". */
export function formatClock(ms: number, timeZone: string): { date: string; time: string } {
  return {
    date: local({ timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms),
    time: formatTime(ms, timeZone),
  }
}

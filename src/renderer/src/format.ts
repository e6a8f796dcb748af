// Numbers and dates as Indonesian officials read them (id-ID: 12.345 and 45,3%), in both UI languages, and
// times in the kabupaten's own zone with its Indonesian abbreviation (WIB/WITA/WIT).
const INTEGER = new Intl.NumberFormat('id-ID')
const PERCENT = new Intl.NumberFormat('id-ID', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })

export function formatNumber(n: number): string {
  return INTEGER.format(n)
}

/** A percentage given as 0..100; null (nothing to divide by) shows as a dash. */
export function formatPercent(p: number | null): string {
  return p === null ? '–' : PERCENT.format(p / 100)
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

/** A local calendar date (YYYY-MM-DD) as "23 Nov 2026"; `short` drops the year (chart axes). */
export function formatDate(date: string, short = false): string {
  // timeZone UTC: the string already is the local date.
  const f = short
    ? dateFormat('id-ID', { timeZone: 'UTC', day: 'numeric', month: 'short' })
    : dateFormat('id-ID', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
  return f.format(Date.parse(`${date}T00:00:00Z`))
}

/** An instant as "14.05 WITA" when it is on `today`, else "22 Nov 14.05 WITA" (Terbaru feed, clock). */
export function formatWhen(ms: number, timeZone: string, today: string): string {
  const day = dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
  const time = dateFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit' }).format(ms)
  const prefix = day === today ? '' : `${dateFormat('id-ID', { timeZone, day: 'numeric', month: 'short' }).format(ms)} `
  return `${prefix}${time} ${zoneLabel(timeZone)}`
}

/** The wall clock: "Senin, 23 November 2026" and "14.05". */
export function formatClock(ms: number, timeZone: string): { date: string; time: string } {
  return {
    date: dateFormat('id-ID', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms),
    time: dateFormat('id-ID', { timeZone, hour: '2-digit', minute: '2-digit' }).format(ms),
  }
}

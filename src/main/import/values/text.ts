// Cell values as text, for spreadsheets read by file import.

const pad = (n: number) => String(n).padStart(2, '0')

/** A cell value as trimmed text ('' for empty). A date cell reads as the sheet shows it: its UTC fields are the
 * wall time (see dates.ts), written the Indonesian way, "02/11/2026 09:15". */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    const date = `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`
    const hasTime = value.getUTCHours() + value.getUTCMinutes() + value.getUTCSeconds() > 0
    return hasTime ? `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : date
  }
  return String(value).trim()
}

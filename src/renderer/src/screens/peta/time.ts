// Moments as the side panel shows them, in the kabupaten's own zone.
import { dateFormat, zoneLabel } from '#renderer/format.ts'

/** "25 Nov 2026, 14.05 WITA". */
export function formatMoment(ms: number, timeZone: string): string {
  return `${dateFormat('id-ID', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms)} ${zoneLabel(timeZone)}`
}

// Moments as the side panel shows them, in the kabupaten's own zone, and the period as complaints.queue takes it.
import { dateFormat, zoneLabel } from '#renderer/format.ts'

/** The period's local dates as [from, to) in ms UTC, so the side lists hold the same complaints as the map's n. */
export function periodBoundsMs(period: { from: string; to: string }, utcOffsetMinutes: number): { from: number; to: number } {
  const start = (date: string) => Date.parse(`${date}T00:00:00Z`) - utcOffsetMinutes * 60_000
  return { from: start(period.from), to: start(period.to) + 86_400_000 }
}

/** "25 Nov 2026, 14.05 WITA". */
export function formatMoment(ms: number, timeZone: string): string {
  return `${dateFormat('id-ID', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms)} ${zoneLabel(timeZone)}`
}

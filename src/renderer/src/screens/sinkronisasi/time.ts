// Times on this screen: when (in the kabupaten's zone) and how long.
import { formatWhen } from '#renderer/format.ts'

export function when(ms: number | null, timeZone: string, today: string): string {
  return ms === null ? '–' : formatWhen(ms, timeZone, today)
}

/** "12 dtk", "3 mnt 5 dtk", "1 j 4 mnt": short enough for a table cell. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} dtk`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} mnt ${s % 60} dtk`
  return `${Math.floor(m / 60)} j ${m % 60} mnt`
}

// Test helpers: instants written as local wall-clock times, so each expected deadline reads like the hand check.
import { readFileSync } from 'node:fs'
import { resourcePath } from '#main/resources.ts'
import { parseHolidayFile } from '#main/calendar/holiday-file.ts'
import type { DayOff } from '#main/calendar/calendar.ts'

export const KUTIM = '64.08' // Kutai Timur, WITA (UTC+8)
export const NATUNA = '21.03' // Natuna, WIB (UTC+7)
const OFFSET = { WIB: '+07:00', WITA: '+08:00' } as const
export type Zone = keyof typeof OFFSET

/** at('2025-07-10 14:00', 'WITA') → ms UTC. */
export function at(local: string, zone: Zone): number {
  const [date, time = '00:00'] = local.split(' ')
  const ms = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}${OFFSET[zone]}`)
  if (Number.isNaN(ms)) throw new Error(`bad test time ${local}`)
  return ms
}

/** The last millisecond of a local date: what dueAt returns for a deadline on that date. */
export function endOf(date: string, zone: Zone): number {
  return at(`${date} 23:59:59.999`, zone)
}

/** The shipped official table as plain days off, for calendars built without a store. */
export function officialDaysOff(): DayOff[] {
  const parsed = parseHolidayFile(JSON.parse(readFileSync(resourcePath('calendar', 'holidays-id-2024-2026.json'), 'utf8')))
  if (!parsed.ok) throw new Error('official table invalid')
  return parsed.years.flatMap((y) => [
    ...y.libur.map((e) => ({ date: e.date, kind: 'libur' as const })),
    ...y.cuti_bersama.map((e) => ({ date: e.date, kind: 'cuti_bersama' as const })),
  ])
}

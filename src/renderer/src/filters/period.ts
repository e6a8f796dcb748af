// Period presets and their dates. Dates are local calendar dates (YYYY-MM-DD) of the kabupaten, which is what
// the API's period filter takes; "today" therefore depends on the kabupaten's zone, not the screen's.
import type { Period } from '#shared/domain.ts'
import { dateFormat } from '../format.ts'

export const PRESETS = ['30-hari', '90-hari', 'tahun-ini', 'tahun-lalu', '12-bulan'] as const
export type Preset = (typeof PRESETS)[number]
export const DEFAULT_PRESET: Preset = '30-hari'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isIsoDate(value: string | null): value is string {
  return value !== null && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && toIso(Date.parse(`${value}T00:00:00Z`)) === value
}

export function isPreset(value: string | null): value is Preset {
  return (PRESETS as readonly (string | null)[]).includes(value)
}

function toIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return toIso(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000)
}

/** Today's date in a time zone, e.g. todayIn('Asia/Makassar', now). */
export function todayIn(timeZone: string, now: number): string {
  // en-CA formats as YYYY-MM-DD; only the digits are used, never shown.
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

export function presetPeriod(preset: Preset, today: string): Period {
  const year = Number(today.slice(0, 4))
  switch (preset) {
    case '30-hari':
      return { from: addDays(today, -29), to: today }
    case '90-hari':
      return { from: addDays(today, -89), to: today }
    case 'tahun-ini':
      return { from: `${year}-01-01`, to: today }
    case 'tahun-lalu':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }
    case '12-bulan':
      return { from: addDays(`${year - 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28'), 1), to: today }
  }
}

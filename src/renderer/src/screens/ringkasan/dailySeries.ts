// The API lists only days that had complaints; a trend line needs every day of the period, zeros included.
// (Drawing aid only: once overview.summary returns a dense series this function can go.)
import type { Period } from '#shared/domain.ts'
import { addDays } from '#renderer/filters/period.ts'

export function dailySeries(period: Period, daily: { date: string; n: number }[]): { date: string; n: number }[] {
  const byDate = new Map(daily.map((d) => [d.date, d.n]))
  const days: { date: string; n: number }[] = []
  for (let date = period.from; date <= period.to; date = addDays(date, 1)) days.push({ date, n: byDate.get(date) ?? 0 })
  return days
}

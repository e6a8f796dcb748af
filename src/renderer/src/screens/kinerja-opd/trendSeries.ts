// The API gives every day of the period. Over more than two months a daily line is noise on a wall, so the
// chart draws weekly sums instead (a drawing choice, like an axis: the counts themselves are the API's).
import type { TrendPoint } from './useKinerjaData.ts'

const DAILY_UP_TO = 62

export type TrendSeries = { grain: 'day' | 'week'; points: TrendPoint[] }

export function trendSeries(days: TrendPoint[]): TrendSeries {
  if (days.length <= DAILY_UP_TO) return { grain: 'day', points: days }
  const weeks: TrendPoint[] = []
  days.forEach((d, i) => {
    if (i % 7 === 0) weeks.push({ ...d })
    else {
      const w = weeks[weeks.length - 1]
      w.n += d.n
      w.selesai += d.selesai
    }
  })
  return { grain: 'week', points: weeks }
}

// The three league tables of the screen: which figure of the API's KPI row each ranks, which way is better,
// and how its value is written. Nothing is computed here: the figures come ready from kpi.table.
import { formatNumber, formatPercent } from '#renderer/format.ts'
import type { KpiRow } from './useKinerjaData.ts'

export type RankedMetric = {
  /** Names the chart's strings (kinerjaOpd.charts.<key>) and its test id (bars-<key>). */
  key: 'tepat-waktu' | 'hari-tl' | 'salah-sasaran'
  better: 'higher' | 'lower'
  value(r: KpiRow['previous']): number | null
  /** A second extent drawn as a whisker past the value. */
  extent?(r: KpiRow['previous']): number | null
  /** The value as printed beside the bar. */
  text(r: KpiRow['previous']): string
  /** A fixed scale (percentages of everything); otherwise the largest value drawn. */
  max?: number
  /** A further figure in its own column (working days lost to misroutes). */
  extra?(r: KpiRow['previous']): string
}

const days = (n: number | null) => (n === null ? '–' : formatNumber(n))

export const RESPONSE_ON_TIME: RankedMetric = {
  key: 'tepat-waktu',
  better: 'higher',
  value: (r) => r.pctResponseOnTime,
  text: (r) => formatPercent(r.pctResponseOnTime),
  max: 100,
}

export const RESPONSE_DAYS: RankedMetric = {
  key: 'hari-tl',
  better: 'lower',
  value: (r) => r.medianResponseHk,
  extent: (r) => r.p90ResponseHk,
  text: (r) => `${days(r.medianResponseHk)} · ${days(r.p90ResponseHk)}`,
}

export const MISROUTE_RATE: RankedMetric = {
  key: 'salah-sasaran',
  better: 'lower',
  value: (r) => r.misrouteRate,
  text: (r) => formatPercent(r.misrouteRate),
  extra: (r) => formatNumber(r.misrouteHk),
}

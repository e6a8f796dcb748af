// What the map can colour the areas by. Each metric is one field of a kpi.table row, named in the URL by an
// Indonesian slug (?ukuran=terlambat). The numbers come ready from the API; this file only says which to read.
import type { Outputs } from '#renderer/api/trpc.ts'
import { formatNumber, formatPercent } from '#renderer/format.ts'

export type AreaFigures = Outputs['kpi']['table']['rows'][number]

export const METRICS = ['volume', 'terbuka', 'terlambat', 'tepat-waktu', 'salah-sasaran'] as const
export type MetricKey = (typeof METRICS)[number]
export const DEFAULT_METRIC: MetricKey = 'volume'

type Field = 'n' | 'openNow' | 'overdueNow' | 'pctResponseOnTime' | 'misrouted'

export type Metric = {
  key: MetricKey
  field: Field
  isPercent: boolean
  /** For % on time more is better, so the brightest colour (what needs attention) goes to the lowest share. */
  isHigherBetter: boolean
  /** A "now" figure counts every open complaint, whatever its date; the others count the period's complaints. */
  isNow: boolean
}

const BY_KEY: Record<MetricKey, Metric> = {
  volume: { key: 'volume', field: 'n', isPercent: false, isHigherBetter: false, isNow: false },
  terbuka: { key: 'terbuka', field: 'openNow', isPercent: false, isHigherBetter: false, isNow: true },
  terlambat: { key: 'terlambat', field: 'overdueNow', isPercent: false, isHigherBetter: false, isNow: true },
  'tepat-waktu': { key: 'tepat-waktu', field: 'pctResponseOnTime', isPercent: true, isHigherBetter: true, isNow: false },
  'salah-sasaran': { key: 'salah-sasaran', field: 'misrouted', isPercent: false, isHigherBetter: false, isNow: false },
}

export function isMetric(value: string | null): value is MetricKey {
  return (METRICS as readonly (string | null)[]).includes(value)
}

export function metricOf(key: MetricKey): Metric {
  return BY_KEY[key]
}

/** The area's value for the metric. An area without a row had no complaints: 0, or no share at all (null). */
export function metricValue(metric: Metric, row: AreaFigures | undefined): number | null {
  if (!row) return metric.isPercent ? null : 0
  return row[metric.field]
}

/** The value as the map and the lists show it: 12.345 or 45,3% (id-ID in both languages), a dash for no data. */
export function formatMetric(metric: Metric, value: number | null): string {
  if (value === null) return '–'
  return metric.isPercent ? formatPercent(value) : formatNumber(value)
}

// Nearest-rank percentile over plain values: the definition histogramPercentile implements on counts, kept for
// checks that recompute KPIs from raw rows.
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]
}

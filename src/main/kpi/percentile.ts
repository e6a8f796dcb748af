// Percentiles of working days from a histogram {hk → count}. Nearest-rank: the smallest value whose cumulative
// count reaches ceil(p·N). Working days are integers, so the histogram is exact, not an approximation.
export function percentileFromHistogram(hist: Map<number, number>, p: number): number | null {
  let total = 0
  for (const n of hist.values()) total += n
  if (total <= 0) return null
  const rank = Math.max(1, Math.ceil(p * total))
  let cum = 0
  for (const hk of [...hist.keys()].sort((a, b) => a - b)) {
    cum += hist.get(hk)!
    if (cum >= rank) return hk
  }
  return null
}

/** The same definition over plain values, for checks that recompute from raw rows. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]
}

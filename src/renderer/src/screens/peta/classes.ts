// Legend classes for the choropleth: up to five quantile classes of the distinct values on screen (with 18 kecamatan
// or a dozen desa, ties would otherwise swallow whole classes), bounds rounded to whole numbers so the legend reads
// "13–30" rather than "12,7–29,9". Zero (no complaints) and "no data" (a share of nothing) get classes of their own.
// This is presentation only: the values come ready from kpi.table.

export const STEPS = 5

/** step 0..4 indexes the sequential palette (peta.css), brightest last. */
export type AreaClass = { kind: 'step'; step: number } | { kind: 'zero' } | { kind: 'none' }

/** One legend line: its class and the values it holds (inclusive for counts; [from, to) for percentages). */
export type LegendEntry = { cls: AreaClass; range: { from: number; to: number } | null }

export type Scale = { entries: LegendEntry[]; classify(value: number | null): AreaClass }

export function classKey(cls: AreaClass): string {
  return cls.kind === 'step' ? `step-${cls.step}` : cls.kind
}

export function quantileScale(values: (number | null)[], options: { isPercent: boolean; isHigherBetter: boolean }): Scale {
  const { isPercent, isHigherBetter } = options
  const hasNone = values.some((v) => v === null)
  const present = values.filter((v): v is number => v !== null)
  // A count of 0 means "no complaints here", which a reader wants to see apart from "a few".
  const hasZero = !isPercent && present.some((v) => v === 0)
  const sorted = present.filter((v) => isPercent || v > 0).sort((a, b) => a - b)

  const bounds: number[] = []
  if (sorted.length > 0) {
    const distinct = [...new Set(sorted)]
    const k = Math.min(STEPS, distinct.length)
    bounds.push(isPercent ? Math.floor(distinct[0]) : distinct[0])
    for (let i = 1; i < k; i++) {
      const at = distinct[Math.floor((i * distinct.length) / k)]
      const bound = isPercent ? Math.round(at) : at
      if (bound > bounds[bounds.length - 1]) bounds.push(bound)
    }
  }
  const max = sorted.length ? sorted[sorted.length - 1] : 0
  const top = isPercent ? Math.ceil(max) : max
  const stepOf = (j: number) => {
    const step = bounds.length === 1 ? Math.floor(STEPS / 2) : Math.round((j * (STEPS - 1)) / (bounds.length - 1))
    return isHigherBetter ? STEPS - 1 - step : step
  }

  const entries: LegendEntry[] = []
  if (hasZero) entries.push({ cls: { kind: 'zero' }, range: null })
  bounds.forEach((from, j) => {
    const next = bounds[j + 1]
    const to = next === undefined ? top : isPercent ? next : next - 1
    entries.push({ cls: { kind: 'step', step: stepOf(j) }, range: { from, to } })
  })
  if (hasNone) entries.push({ cls: { kind: 'none' }, range: null })

  return {
    entries,
    classify(value) {
      if (value === null) return { kind: 'none' }
      if (!isPercent && value === 0) return { kind: 'zero' }
      let j = 0
      while (j + 1 < bounds.length && value >= bounds[j + 1]) j++
      return { kind: 'step', step: stepOf(j) }
    },
  }
}

// Legend classes for the choropleth: up to five equal intervals on round bounds ("1–20, 21–40, …, 81–100" or
// "0–20 %, 20–40 %, …"), so the legend shows the spread as it is: one kecamatan with ten times the complaints of
// the rest stands alone in the top class instead of being hidden in a quantile bin like "9 – 38". Zero (no
// complaints) and "no data" (a share of nothing) get classes of their own. Presentation only: the values come
// ready from kpi.table.
import type { TFunction } from 'i18next'
import { formatNumber } from '#renderer/format.ts'

export const STEPS = 5

/** step 0..4 indexes the sequential palette (peta.css), brightest last. */
export type AreaClass = { kind: 'step'; step: number } | { kind: 'zero' } | { kind: 'none' }

/** One legend line: its class and the values it holds (inclusive for counts; [from, to) for percentages). */
export type LegendEntry = { cls: AreaClass; range: { from: number; to: number } | null }

export type Scale = { entries: LegendEntry[]; classify(value: number | null): AreaClass }

export function classKey(cls: AreaClass): string {
  return cls.kind === 'step' ? `step-${cls.step}` : cls.kind
}

/** A round class width (1, 2, 2,5, 5 × 10^k; whole numbers for counts) giving at most STEPS classes over `span`. */
export function niceStep(span: number, isWhole: boolean): number {
  const raw = Math.max(span, isWhole ? 1 : 0.1) / STEPS
  const mag = 10 ** Math.floor(Math.log10(raw))
  const multiples = isWhole && mag < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
  const step = multiples.map((m) => m * mag).find((s) => s >= raw - 1e-9) ?? 10 * mag
  return isWhole ? Math.max(1, Math.round(step)) : step
}

export function classScale(values: (number | null)[], options: { isPercent: boolean; isHigherBetter: boolean }): Scale {
  const { isPercent, isHigherBetter } = options
  const hasNone = values.some((v) => v === null || !Number.isFinite(v))
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v))
  // A count of 0 means "no complaints here", which a reader wants to see apart from "a few".
  const hasZero = !isPercent && present.some((v) => v === 0)
  const shown = present.filter((v) => isPercent || v > 0)

  // Class j holds [lo + j·step, lo + (j+1)·step): counts from 1 (0 has its own class), percentages from the
  // round bound under the smallest value, so a map of 60–95 % uses all its colours.
  const bounds: number[] = []
  let top = 0
  if (shown.length > 0) {
    const min = Math.min(...shown)
    const max = Math.max(...shown)
    if (isPercent) {
      let step = niceStep(max - min, false)
      // The lowest bound is rounded down, which can add a class: widen the step until at most STEPS remain.
      while (Math.ceil((max - Math.floor(min / step) * step) / step) > STEPS) step *= 2
      const lo = Math.floor(min / step) * step
      for (let b = lo; b < max || bounds.length === 0; b += step) bounds.push(Math.round(b * 10) / 10)
      top = Math.round((bounds[bounds.length - 1] + step) * 10) / 10
    } else {
      const step = niceStep(max, true)
      for (let b = 0; b < max; b += step) bounds.push(b + 1)
      top = bounds[bounds.length - 1] + step - 1
    }
  }
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
      if (value === null || !Number.isFinite(value)) return { kind: 'none' }
      if (!isPercent && value === 0) return { kind: 'zero' }
      let j = 0
      while (j + 1 < bounds.length && value >= bounds[j + 1]) j++
      return { kind: 'step', step: stepOf(j) }
    },
  }
}

/** A legend entry's words: "0", "tanpa data", "9 – 12" or "9 – 12 %", the same on Peta, the wall and the briefing. */
export function legendRangeText(t: TFunction, e: LegendEntry, isPercent: boolean): string {
  if (e.cls.kind === 'zero') return t('peta.legend.zero')
  if (e.cls.kind === 'none') return t('peta.legend.none')
  const { from, to } = e.range!
  const text = from === to ? formatNumber(from) : t('peta.legend.range', { from: formatNumber(from), to: formatNumber(to) })
  return isPercent ? t('peta.legend.percent', { range: text }) : text
}

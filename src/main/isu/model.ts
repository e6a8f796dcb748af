// The statistics of "isu yang sedang naik": how surprising is the count of the last days in one place and category,
// given what history says is expected there. Pure functions on numbers; counts.ts reads them from the store and
// detect.ts applies them to every cell. Why this model, and its limits: src/main/isu/README.md.
import nbinomCdf from '@stdlib/stats-base-dists-negative-binomial-cdf'

/** Counts of complaints are overdispersed (a busy week follows a busy week): below this, use nearly-Poisson. */
const MIN_DISPERSION = 1.05
const MAX_DISPERSION = 8

/**
 * P(X ≥ observed) for a count whose mean is `expected` and whose variance is `dispersion × expected` (a negative
 * binomial; dispersion 1 would be Poisson). Sums of such counts over days keep the same dispersion, so a window of
 * several days is tested with the window's summed expectation.
 */
export function upperTail(observed: number, expected: number, dispersion: number): number {
  if (observed <= 0) return 1
  if (!(expected > 0)) return 0
  const phi = Math.min(MAX_DISPERSION, Math.max(MIN_DISPERSION, dispersion))
  // Negative binomial as stdlib parametrises it: failures before r successes, success probability p.
  // mean = r(1-p)/p = expected and variance = mean/p = phi × expected give p = 1/phi, r = expected/(phi - 1).
  const p = 1 / phi
  const r = expected / (phi - 1)
  return Math.max(0, 1 - nbinomCdf(observed - 1, r, p))
}

// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: relative error below 1e-13), for the cheap bound below.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x)
  x -= 1
  let a = LANCZOS[0]
  const t = x + 7.5
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i)
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a)
}

/**
 * P(X = observed) for the same negative binomial as `upperTail`: a lower bound of the tail P(X ≥ observed) that costs
 * a few logarithms instead of an incomplete beta function. A window whose bound is already above the threshold
 * cannot be flagged, so its exact tail is never needed (most windows of most cells, every request).
 */
export function pointMass(observed: number, expected: number, dispersion: number): number {
  if (observed <= 0 || !(expected > 0)) return observed <= 0 ? 1 : 0
  const phi = Math.min(MAX_DISPERSION, Math.max(MIN_DISPERSION, dispersion))
  const p = 1 / phi
  const r = expected / (phi - 1)
  return Math.exp(lnGamma(observed + r) - lnGamma(r) - lnGamma(observed + 1) + r * Math.log(p) + observed * Math.log(1 - p))
}

/**
 * Overdispersion of daily counts across many cells (quasi-Poisson, Pearson): Σ (n − μ)² / μ over every cell's
 * baseline days, divided by the degrees of freedom. μ of a day is the cell's mean rate times the weekday factor, so
 * the weekday rhythm is not mistaken for noise. A cell is given by its baseline total and its non-zero days.
 */
export function dispersionOf(cells: Iterable<{ sum: number; days: Map<number, number> }>, baselineDays: number, weekday: number[]): number {
  let chi = 0
  let df = 0
  for (const c of cells) {
    if (c.sum === 0) continue
    const mean = c.sum / baselineDays
    // Σ over all days of (n − μ)²/μ = Σ n²/μ − 2Σn + Σμ, and Σμ = Σn: only the days with complaints need visiting.
    let s = 0
    for (const [day, n] of c.days) s += (n * n) / (mean * weekday[day % 7])
    chi += s - c.sum
    df += baselineDays - 1
  }
  return df > 0 ? Math.min(MAX_DISPERSION, Math.max(MIN_DISPERSION, chi / df)) : MIN_DISPERSION
}

/** Upper bounds of the cell-size strata, in baseline complaints per day: a desa with a complaint a week, … , a
 *  kecamatan or the kabupaten with tens a day. Counts of a big cell vary more, relative to their mean, than those of
 *  a small one (the rate itself drifts: season, trend, a busy week), so each stratum has its own dispersion. */
export const SIZE_STRATA = [0.1, 0.5, 2, 8] as const

export function stratumOf(ratePerDay: number): number {
  let i = 0
  while (i < SIZE_STRATA.length && ratePerDay >= SIZE_STRATA[i]) i++
  return i
}

export type Dispersion = {
  /** φ of the count of a window of w days is phi[w − 1]. */
  phi: number[]
  /** Degrees of freedom behind each (blocks − 1 per cell): how much evidence. */
  df: number[]
}

/**
 * Overdispersion of window counts, for windows of 1 to `maxDays` days (a cell's `daily` counts are its baseline's
 * days in order, from `firstDay`): the baseline's days are cut into blocks of
 * w days ending where the baseline ends, and the Pearson statistic Σ (S − μ)² / μ over every cell's blocks is
 * divided by the degrees of freedom (blocks − 1 per cell); μ of a block is the cell's mean daily rate × the
 * block's weekday factors. For w = 1 this is `dispersionOf`. A rate that drifts (a busy week follows a busy week)
 * makes a week's count vary more than seven independent days would: the window tested is judged by the dispersion
 * of windows of its own length, not of single days.
 */
export function windowDispersion(cells: Iterable<{ sum: number; daily: ArrayLike<number> }>, firstDay: number, baselineDays: number, weekday: number[], maxDays: number): Dispersion {
  const chi = new Array<number>(maxDays).fill(0)
  const df = new Array<number>(maxDays).fill(0)
  for (const c of cells) {
    if (c.sum === 0) continue
    const mean = c.sum / baselineDays
    const counts = c.daily
    for (let w = 1; w <= maxDays; w++) {
      const blocks = Math.floor(baselineDays / w)
      if (blocks < 2) continue
      let s = 0
      let total = 0
      let expectedTotal = 0
      for (let b = 0; b < blocks; b++) {
        let o = 0
        let e = 0
        for (let d = baselineDays - (b + 1) * w; d < baselineDays - b * w; d++) {
          o += counts[d]
          e += mean * weekday[(firstDay + d) % 7]
        }
        s += (o * o) / e
        total += o
        expectedTotal += e
      }
      // Σ (o − e)²/e = Σ o²/e − 2Σo + Σe.
      chi[w - 1] += s - 2 * total + expectedTotal
      df[w - 1] += blocks - 1
    }
  }
  const clamp = (x: number) => Math.min(MAX_DISPERSION, Math.max(MIN_DISPERSION, x))
  return { phi: chi.map((x, i) => (df[i] > 0 ? clamp(x / df[i]) : MIN_DISPERSION)), df }
}

/**
 * The weekday profile of a kabupaten: factor per day of week (0 = Thursday for day number 0, 1970-01-01, as
 * day % 7 gives) that multiplies the average daily rate; the factors average 1 over the baseline days.
 */
export function weekdayFactors(totalsByDay: Map<number, number>, firstDay: number, days: number): number[] {
  const sums = [0, 0, 0, 0, 0, 0, 0]
  const counts = [0, 0, 0, 0, 0, 0, 0]
  let total = 0
  for (let d = firstDay; d < firstDay + days; d++) {
    const n = totalsByDay.get(d) ?? 0
    sums[d % 7] += n
    counts[d % 7] += 1
    total += n
  }
  const mean = total / days
  // Few complaints: a weekday profile would be noise; every day weighs the same.
  if (total < 14 * 7) return [1, 1, 1, 1, 1, 1, 1]
  return sums.map((s, i) => (counts[i] && mean > 0 ? s / counts[i] / mean : 1))
}

/**
 * The trend of the whole kabupaten over the baseline, as the factor by which the level at the tested window
 * differs from the baseline's average: a least-squares line through the weekly totals, extrapolated half a week
 * past the baseline's end, capped to [2/3, 3/2] so that one odd week cannot turn the expectation upside down.
 * Only the baseline is used: an outbreak in the tested days cannot raise its own expectation.
 */
export function trendFactor(weeklyTotals: number[]): number {
  const k = weeklyTotals.length
  if (k < 4) return 1
  const mean = weeklyTotals.reduce((a, b) => a + b, 0) / k
  if (mean <= 0) return 1
  const xm = (k - 1) / 2
  let sxy = 0
  let sxx = 0
  weeklyTotals.forEach((y, x) => {
    sxy += (x - xm) * (y - mean)
    sxx += (x - xm) * (x - xm)
  })
  const slope = sxy / sxx
  const atWindow = mean + slope * (k + 0.5 - xm)
  return Math.min(1.5, Math.max(2 / 3, atWindow / mean))
}

export type WindowTest = {
  /** Days in the window that ends on the last day (1 = the last day only). */
  days: number
  observed: number
  expected: number
  /** P(count ≥ observed) for this window alone. */
  p: number
}

/**
 * The most surprising window ending on the last day: observed[i] and expected[i] are per day, oldest first, the
 * last entry being the day tested; `dispersion` is one φ for every window or φ per window length (index w − 1).
 * Only windows with at least `minCount` complaints are considered (a handful of
 * reports is not yet an issue, however rare). Null when no window qualifies. With a `threshold`, only windows that
 * could have p ≤ threshold are considered: the answer is the same whenever it is flagged, and null otherwise.
 */
export function mostSurprising(observed: number[], expected: number[], dispersion: number | readonly number[], minCount: number, threshold?: number): WindowTest | null {
  let best: WindowTest | null = null
  let o = 0
  let e = 0
  for (let w = 1; w <= observed.length; w++) {
    const i = observed.length - w
    o += observed[i]
    e += expected[i]
    if (o < minCount) continue
    const phi = typeof dispersion === 'number' ? dispersion : dispersion[w - 1]
    // Given a threshold, a window that cannot reach it is not computed (twice the bound: rounding never decides).
    if (threshold !== undefined && pointMass(o, e, phi) > 2 * threshold) continue
    const p = upperTail(o, e, phi)
    if (!best || p < best.p) best = { days: w, observed: o, expected: e, p }
  }
  return best
}

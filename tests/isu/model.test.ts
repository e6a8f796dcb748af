// The early warning's statistics on hand-built numbers whose answers are worked out independently here.
import { describe, expect, it } from 'vitest'
import { dispersionOf, lnGamma, mostSurprising, pointMass, stratumOf, trendFactor, upperTail, weekdayFactors, windowDispersion } from '#main/isu/model.ts'

/** P(X ≥ k) of a negative binomial with mean m and variance phi·m, summed from its pmf by the recurrence. */
function tailBySum(k: number, m: number, phi: number): number {
  const p = 1 / phi
  const r = m / (phi - 1)
  let pmf = Math.pow(p, r) // P(X = 0)
  let below = 0
  for (let x = 0; x < k; x++) {
    below += pmf
    pmf *= ((x + r) / (x + 1)) * (1 - p)
  }
  return 1 - below
}

/** P(X ≥ k) of a Poisson with mean m. */
function poissonTail(k: number, m: number): number {
  let pmf = Math.exp(-m)
  let below = 0
  for (let x = 0; x < k; x++) {
    below += pmf
    pmf *= m / (x + 1)
  }
  return 1 - below
}

describe('upperTail', () => {
  it('is the negative binomial tail for the mean and dispersion given', () => {
    for (const [k, m, phi] of [[5, 1, 2], [12, 4.5, 1.6], [30, 10, 3], [3, 0.2, 1.3]]) {
      expect(upperTail(k, m, phi)).toBeCloseTo(tailBySum(k, m, phi), 9)
    }
  })

  it('approaches the Poisson tail when counts are barely overdispersed, and is wider when they are more', () => {
    expect(upperTail(5, 1, 1)).toBeGreaterThan(poissonTail(5, 1)) // 1.05 at least: never tighter than Poisson
    expect(upperTail(5, 1, 1)).toBeLessThan(poissonTail(5, 1) * 1.5)
    expect(upperTail(12, 4, 3)).toBeGreaterThan(upperTail(12, 4, 1.2) * 5)
  })

  it('says a count of zero or below expectation is no surprise, and any count where nothing is expected is', () => {
    expect(upperTail(0, 3, 1.5)).toBe(1)
    expect(upperTail(1, 3, 1.5)).toBeGreaterThan(0.8)
    expect(upperTail(2, 0, 1.5)).toBe(0)
  })
})

describe('pointMass', () => {
  it('is P(X = k) of the same negative binomial, a lower bound of its tail', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12)
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12)
    for (const [k, m, phi] of [[5, 1, 2], [12, 4.5, 1.6], [30, 10, 3], [3, 0.2, 1.3], [400, 250, 1.5]]) {
      expect(pointMass(k, m, phi)).toBeCloseTo(tailBySum(k, m, phi) - tailBySum(k + 1, m, phi), 9)
      expect(pointMass(k, m, phi)).toBeLessThanOrEqual(upperTail(k, m, phi))
    }
  })

  it('lets mostSurprising skip what cannot be flagged, with the same answer for what is', () => {
    const expected = [1, 1, 1, 1, 1, 1, 1]
    const burst = [1, 0, 1, 6, 7, 9, 8]
    const full = mostSurprising(burst, expected, 1.2, 5)!
    expect(mostSurprising(burst, expected, 1.2, 5, full.p * 10)).toEqual(full)
    expect(mostSurprising(burst, expected, 1.2, 5, full.p / 10)).toBeNull()
    expect(mostSurprising([1, 1, 1, 1, 1, 1, 1], expected, 1.2, 5, 1e-6)).toBeNull()
  })
})

describe('dispersionOf', () => {
  it('is about 1 for counts as steady as Poisson allows, and above 1 for bursty ones', () => {
    // A cell with the same 2 complaints every day varies less than Poisson: floored at the minimum.
    const steady = { sum: 2 * 28, days: new Map(Array.from({ length: 28 }, (_, d) => [d, 2])) }
    expect(dispersionOf([steady], 28, [1, 1, 1, 1, 1, 1, 1])).toBe(1.05)
    // 8 complaints every 4th day, none otherwise: mean 2, variance 2²·3 → Pearson χ²/df = (7·64/2 − 56)/27.
    const bursty = { sum: 56, days: new Map(Array.from({ length: 7 }, (_, i) => [i * 4, 8])) }
    expect(dispersionOf([bursty], 28, [1, 1, 1, 1, 1, 1, 1])).toBeCloseTo((7 * 32 - 56) / 27, 9)
  })
})

describe('windowDispersion', () => {
  const flat = [1, 1, 1, 1, 1, 1, 1]
  const dense = (c: { sum: number; days: Map<number, number> }, length: number) => ({ sum: c.sum, daily: Array.from({ length }, (_, d) => c.days.get(d) ?? 0) })
  it('is dispersionOf for windows of one day', () => {
    const bursty = { sum: 56, days: new Map(Array.from({ length: 7 }, (_, i) => [i * 4, 8])) }
    const steadyish = { sum: 40, days: new Map(Array.from({ length: 20 }, (_, i) => [i, 2])) }
    expect(windowDispersion([dense(bursty, 28), dense(steadyish, 28)], 0, 28, flat, 7).phi[0]).toBeCloseTo(dispersionOf([bursty, steadyish], 28, flat), 9)
  })

  it('sees a drifting rate in week-long windows that single days hide', () => {
    // Weeks of 2 a day and 4 a day in turn: each day is closer to the mean 3 than Poisson allows (φ floored),
    // but the weeks (14, 28, 14, 28 against 21) give Pearson 4 · 7² / 21 over 3 degrees of freedom.
    const days = new Map(Array.from({ length: 28 }, (_, d) => [d, Math.floor(d / 7) % 2 ? 4 : 2]))
    const { phi, df } = windowDispersion([dense({ sum: 84, days }, 28)], 0, 28, flat, 7)
    expect(phi[0]).toBe(1.05)
    expect(phi[6]).toBeCloseTo((4 * 49) / 21 / 3, 9)
    expect(df[6]).toBe(3)
    expect(df[0]).toBe(27)
    // Two-day blocks (14, ending with the baseline): 12 lie inside one week (4 or 8 against 6), two straddle weeks
    // (6): Pearson 12 · 2² / 6 = 8 over 13 degrees of freedom, below Poisson, floored.
    expect(phi[1]).toBe(1.05)
  })

  it('puts cells in strata by their baseline complaints per day', () => {
    expect([0, 0.05, 0.1, 0.3, 0.5, 1.9, 2, 7.9, 8, 40].map(stratumOf)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
  })

  it('tests each window with the dispersion of its length', () => {
    const observed = [0, 0, 0, 0, 0, 0, 9]
    const expected = [1, 1, 1, 1, 1, 1, 1]
    const phi = [1.2, 2, 2, 2, 2, 2, 6]
    const best = mostSurprising(observed, expected, phi, 5)!
    expect(best.days).toBe(1)
    expect(best.p).toBeCloseTo(upperTail(9, 1, 1.2), 12)
    // With one dispersion for all, the same answer as before.
    expect(mostSurprising(observed, expected, 1.2, 5)!.p).toBeCloseTo(best.p, 12)
  })
})

describe('weekdayFactors and trendFactor', () => {
  it('finds a quiet weekend and averages 1', () => {
    // Days 2 and 3 of the week (day % 7) get 2 complaints, the others 10, over 12 weeks.
    const totals = new Map<number, number>()
    for (let d = 700; d < 700 + 84; d++) totals.set(d, d % 7 === 2 || d % 7 === 3 ? 2 : 10)
    const f = weekdayFactors(totals, 700, 84)
    const mean = (5 * 10 + 2 * 2) / 7
    expect(f[2]).toBeCloseTo(2 / mean, 9)
    expect(f[0]).toBeCloseTo(10 / mean, 9)
    expect(f.reduce((a, b) => a + b, 0) / 7).toBeCloseTo(1, 9)
  })

  it('extrapolates a straight line half a week past the baseline, within its caps', () => {
    // Weeks 10, 12, …, 32: mean 21, slope 2 per week; at x = 12.5 the line is 21 + 2·(12.5 − 5.5) = 35, 35/21 > 1.5.
    expect(trendFactor(Array.from({ length: 12 }, (_, i) => 10 + 2 * i))).toBe(1.5)
    expect(trendFactor(Array.from({ length: 12 }, (_, i) => 100 + i))).toBeCloseTo((105.5 + 7) / 105.5, 9)
    expect(trendFactor([50, 50, 50, 50, 50, 50])).toBe(1)
    expect(trendFactor(Array.from({ length: 12 }, (_, i) => 100 - 8 * i))).toBe(2 / 3)
  })
})

describe('mostSurprising', () => {
  it('picks the window that starts where the burst starts', () => {
    const observed = [1, 0, 1, 6, 7, 9, 8]
    const expected = [1, 1, 1, 1, 1, 1, 1]
    const best = mostSurprising(observed, expected, 1.2, 5)!
    expect(best.days).toBe(4)
    expect(best.observed).toBe(30)
    expect(best.expected).toBe(4)
  })

  it('needs at least the minimum count, however rare', () => {
    expect(mostSurprising([0, 0, 0, 0, 0, 1, 3], [0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01], 1.2, 5)).toBeNull()
  })
})

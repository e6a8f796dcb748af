// A small seeded PRNG for the demo generator. sfc32 is fast (a million complaints draw a few hundred million
// numbers) and fully deterministic across machines, which the "same seed, same bytes" promise needs.

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number) {
    // splitmix32 spreads a small integer seed over the 128-bit state.
    let s = seed >>> 0
    const next = () => {
      s = (s + 0x9e3779b9) | 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.u32()
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }

  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next())
  }

  /** n decimal digits, the first one not zero when noLeadingZero. */
  digits(n: number, noLeadingZero = false): string {
    let s = noLeadingZero ? String(1 + this.int(9)) : ''
    while (s.length < n) s += String(this.int(10))
    return s
  }
}

/** A fixed table of weighted choices, sampled by binary search over the cumulative weights. */
export class Weighted<T> {
  readonly items: T[]
  private readonly cum: Float64Array
  private readonly total: number

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0)
    if (kept.length === 0) throw new Error('Weighted: no entry with a positive weight')
    this.items = kept.map(([item]) => item)
    this.cum = new Float64Array(kept.length)
    let sum = 0
    kept.forEach(([, w], i) => (this.cum[i] = sum += w))
    this.total = sum
  }

  sample(rng: Rng): T {
    const x = rng.next() * this.total
    let lo = 0
    let hi = this.cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cum[mid] > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo]
  }
}

/** FNV-1a: a stable number from a string, for per-place and per-unit traits that must not depend on the seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** A stable value in [0, 1) from a string. */
export function stableUnit(s: string): number {
  return hashString(s) / 4294967296
}

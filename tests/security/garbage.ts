// Generated garbage for fuzz tests: seeded (pure-rand), so a failure names the seed and replays exactly. Two
// kinds: any JSON value at all, and a valid input with one part broken (structure-aware: it gets past the outer
// checks and reaches the deeper ones).
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '💥🇮🇩',
  'A'.repeat(10_000),
  "'; DROP TABLE complaint; --",
  '" OR 1=1 --',
  '1 UNION SELECT nik FROM reporter',
  '%',
  '_',
  '\\',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{s}',
  '64.08',
  '64.08.04',
  '64.08.04.1010',
  '99.99',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  'NaN',
  '-1',
  '1e309',
  'null',
  'true',
  '__proto__',
  'constructor',
]

const NASTY_NUMBERS = [0, -0, 1, -1, 0.5, -2.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, 1_000_000_000_000]

export type Garbage = {
  seed: number
  int(from: number, to: number): number
  pick<T>(items: readonly T[]): T
  string(): string
  value(depth?: number): unknown
  /** A copy of `valid` with one thing broken: a field replaced, removed or added, or the whole replaced. */
  mutate(valid: unknown): unknown
  bytes(n: number): Buffer
}

/** An own property even for "__proto__", which plain assignment would turn into a prototype change. */
function set(o: Record<string, unknown>, key: string, v: unknown) {
  Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true })
}

export function garbage(seed: number): Garbage {
  const rng = xoroshiro128plus(seed)
  const int = (from: number, to: number) => uniformInt(rng, from, to)
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]
  const string = () => {
    if (int(0, 2) === 0) return pick(NASTY_STRINGS)
    const n = int(0, 40)
    let s = ''
    for (let i = 0; i < n; i++) s += String.fromCodePoint(pick([int(32, 126), int(32, 126), int(0x80, 0x2fff), int(0, 31)]))
    return s
  }
  const value = (depth = 0): unknown => {
    switch (int(0, depth > 2 ? 4 : 7)) {
      case 0:
        return null
      case 1:
        return int(0, 1) === 1
      case 2:
        return pick(NASTY_NUMBERS)
      case 3:
        return int(-1000, 1_000_000)
      case 4:
        return string()
      case 5:
        return Array.from({ length: int(0, 4) }, () => value(depth + 1))
      default: {
        const o: Record<string, unknown> = {}
        for (let i = int(0, 4); i > 0; i--) set(o, pick(['id', 'ids', 'kabupaten', 'period', 'from', 'to', 'limit', 'action', '__proto__', string()]), value(depth + 1))
        return o
      }
    }
  }
  const mutate = (valid: unknown): unknown => {
    if (valid === undefined || valid === null || typeof valid !== 'object' || int(0, 5) === 0) return value()
    const copy: Record<string, unknown> = Array.isArray(valid) ? { ...valid } : { ...(valid as Record<string, unknown>) }
    const keys = Object.keys(copy)
    const what = int(0, 3)
    if (keys.length === 0 || what === 0) set(copy, pick([string(), '__proto__', 'extra']), value())
    else {
      const key = pick(keys)
      if (what === 1) delete copy[key]
      else set(copy, key, what === 2 ? value() : mutate(copy[key]))
    }
    return Array.isArray(valid) ? Object.values(copy) : copy
  }
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255)))
  return { seed, int, pick, string, value, mutate, bytes }
}

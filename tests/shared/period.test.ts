// A period is local dates of the kabupaten; its bounds are the instants a list and a KPI count both filter on.
import { describe, expect, it } from 'vitest'
import { periodBounds } from '#shared/period.ts'

const WIB = 7 * 60
const WITA = 8 * 60
const at = (iso: string) => Date.parse(iso)

describe('period bounds', () => {
  it('starts at local midnight of the first day: an hour earlier in Sangatta (WITA) than in Ranai (WIB)', () => {
    const november = { from: '2026-11-01', to: '2026-11-30' }
    expect(periodBounds(november, WITA)[0]).toBe(at('2026-10-31T16:00:00Z'))
    expect(periodBounds(november, WIB)[0]).toBe(at('2026-10-31T17:00:00Z'))
  })

  it("includes the whole 'to' day and nothing after it", () => {
    const [start, end] = periodBounds({ from: '2026-11-01', to: '2026-11-30' }, WITA)
    const inside = (ms: number) => ms >= start && ms < end
    expect(inside(at('2026-11-30T15:59:59.999Z'))).toBe(true) // 30 Nov 23.59.59 WITA
    expect(inside(at('2026-11-30T16:00:00Z'))).toBe(false) // 1 Dec 00.00 WITA
    expect(inside(at('2026-10-31T15:59:59.999Z'))).toBe(false) // 31 Oct 23.59.59 WITA
  })

  it('places the same instant in different days depending on the zone', () => {
    // 31 Oct 16.30 UTC is 1 November 00.30 in WITA but still 31 October 23.30 in WIB.
    const instant = at('2026-10-31T16:30:00Z')
    const firstOfNovember = { from: '2026-11-01', to: '2026-11-01' }
    const [witaStart, witaEnd] = periodBounds(firstOfNovember, WITA)
    const [wibStart] = periodBounds(firstOfNovember, WIB)
    expect(instant >= witaStart && instant < witaEnd).toBe(true)
    expect(instant < wibStart).toBe(true)
  })

  it('spans exactly the days asked for, across a year end and a leap day', () => {
    const days = (p: { from: string; to: string }) => {
      const [start, end] = periodBounds(p, WIB)
      return (end - start) / 86_400_000
    }
    expect(days({ from: '2026-11-23', to: '2026-11-23' })).toBe(1)
    expect(days({ from: '2026-12-31', to: '2027-01-01' })).toBe(2)
    expect(days({ from: '2028-02-01', to: '2028-02-29' })).toBe(29)
    expect(days({ from: '2026-01-01', to: '2026-12-31' })).toBe(365)
  })
})

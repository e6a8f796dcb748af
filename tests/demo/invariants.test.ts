// The demo must read like a real Pemda's LAPOR! traffic to an official: every history in workflow order, replies
// dated after their complaint, 'proses' only while the 10-hari-kerja automatic close has not come, an overdue tail
// of weeks to a few months (not years), each complaint told from one scenario and answered on that scenario, and
// routed where a Pemkab would send it, with a small share of plausible misroutes.
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { TOPIC_TEXTS } from '#main/dev/demo/topic-texts.ts'
import type { Db } from '#main/store/open.ts'
import { tempStore } from '../helpers.ts'
import { measure, type Figures, type Recorded } from './invariants.ts'

const UNTIL = new Date('2026-09-15T10:00:00Z')
const N = 3000
let db: Db
let f: Figures
const recorded: Recorded = new Map()

beforeAll(() => {
  db = tempStore('invariants.db').db
  const onComplaint = (c: { trackingId: string; topic: string; scenario: string | null }) => recorded.set(c.trackingId, c)
  generateDemo(db, { kabupaten: '64.08', count: N, seed: 7, until: UNTIL, onComplaint })
  generateDemo(db, { kabupaten: '21.03', count: N, seed: 8, until: UNTIL, onComplaint })
  f = measure(db, UNTIL, recorded)
})

describe('demo lifecycle and texts are consistent (2 × 3,000 complaints)', () => {
  it('records a topic and scenario for every complaint, a scenario for every complaint that tells one', () => {
    expect(recorded.size).toBe(2 * N)
    const told = db.prepare("SELECT tracking_id FROM complaint WHERE klasifikasi IN ('pengaduan', 'whistle_blowing')").pluck().all() as string[]
    expect(told.length).toBeGreaterThan(N)
    for (const id of told) {
      const r = recorded.get(id)!
      expect(TOPIC_TEXTS[r.topic].scenarios.some((s) => s.id === r.scenario)).toBe(true)
    }
  })

  it('keeps every history in workflow order, and dates every reply after its complaint', () => {
    expect(f.complaints).toBe(2 * N)
    expect(f.outOfOrder).toBe(0)
    expect(f.repliesMisdated).toBe(0)
  })

  it("leaves no 'proses' complaint past its 10-hari-kerja automatic close", () => {
    expect(f.proses).toBeGreaterThan(10)
    expect(f.staleProses).toBe(0)
  })

  it('has an overdue tail of weeks to a few months, not years', () => {
    expect(f.overdueOpen).toBeGreaterThan(0)
    // Bounds: the oldest open case at most 150 days past the 60-day cap, nine in ten under 90.
    expect(f.oldestOverdueDays).toBeLessThanOrEqual(150)
    expect(f.p90OverdueDays).toBeLessThanOrEqual(90)
  })

  it('tells each complaint from one scenario, and answers it on that scenario', () => {
    // The rest carry a typo inside the scenario sentence, which the check cannot read through.
    expect(f.scenarioKnown / recorded.size).toBeGreaterThan(0.6)
    expect(f.textForeign).toBe(0)
    expect(f.replyForeign).toBe(0)
  })

  it('routes each scenario to its own OPD, with a small share of plausible misroutes', () => {
    expect(f.dispositioned).toBeGreaterThan(N)
    expect(f.ownOpdShare).toBeGreaterThanOrEqual(0.99)
    expect(f.misrouteShare).toBeGreaterThanOrEqual(0.03)
    expect(f.misrouteShare).toBeLessThanOrEqual(0.12)
    expect(f.plausibleMisrouteShare).toBeGreaterThanOrEqual(0.95)
  })
})

// Queues take the period the KPI screens take, bounded in the kabupaten's own zone: a list opened from a KPI
// figure holds the complaints that figure counts, in Sangatta (WITA) as in Ranai (WIB).
import { describe, expect, it } from 'vitest'
import { queueCount, queuePage } from '#main/queue/queries.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempStore } from '../helpers.ts'

const KUTIM = '64.08'
const NATUNA = '21.03'
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' }
const NOW = Date.parse('2026-12-05T04:00:00Z')

function store() {
  const { db } = tempStore()
  for (const kabupaten of [KUTIM, NATUNA]) seedKabupaten(db, kabupaten)
  insertComplaints(db, [
    { tracking_id: 'K-31OKT-2359', submitted: '2026-10-31T15:59:00Z' },
    { tracking_id: 'K-1NOV-0030', submitted: '2026-10-31T16:30:00Z' },
    { tracking_id: 'K-30NOV-2359', submitted: '2026-11-30T15:59:00Z' },
    { tracking_id: 'K-1DES-0000', submitted: '2026-11-30T16:00:00Z' },
    // The same instants in WIB are an hour earlier on the clock.
    { kabupaten: NATUNA, tracking_id: 'N-31OKT-2330', submitted: '2026-10-31T16:30:00Z', kecamatan: null },
    { kabupaten: NATUNA, tracking_id: 'N-30NOV-2330', submitted: '2026-11-30T16:30:00Z', kecamatan: null },
  ])
  return db
}

const listed = (db: ReturnType<typeof store>, kabupaten: string) =>
  queuePage(db, { kabupaten, queue: 'semua', sort: 'terlama', period: NOVEMBER, limit: 50, now: NOW, role: 'supervisor' }).map((r) => r.tracking_id)

describe('queues by period', () => {
  it("holds the period's local days, the last one whole, in each kabupaten's zone", () => {
    const db = store()
    expect(listed(db, KUTIM)).toEqual(['K-1NOV-0030', 'K-30NOV-2359'])
    expect(listed(db, NATUNA)).toEqual(['N-30NOV-2330'])
  })

  it('counts what the KPI screens count for the same period', () => {
    const db = store()
    for (const kabupaten of [KUTIM, NATUNA]) {
      const count = queueCount(db, { kabupaten, queue: 'semua', period: NOVEMBER, now: NOW, role: 'viewer' })
      expect(count, kabupaten).toBe(listed(db, kabupaten).length)
      expect(count, kabupaten).toBe(kpiFor(db, kabupaten, 'all', NOVEMBER, NOW).total.n)
    }
  })
})

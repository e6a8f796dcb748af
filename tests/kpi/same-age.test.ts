// Every comparison with a previous period is fair: a rate that grows with a complaint's age (Selesai %, verified
// within 3 hk, first tindak lanjut within 5 hk) is compared on equal-age cohorts — the previous period judged as
// it stood when it was as old as the current one is now (kpiTable: previousAsOf). A store whose behaviour never
// changes then shows no change, where comparing both periods as they stand today showed a collapse.
import { describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { kpiFor } from '#main/kpi/service.ts'
import { rebuildKabupaten } from '#main/kpi/refresh.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { periodBounds, type Period } from '#shared/period.ts'
import type { Db } from '#main/store/open.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempStore } from '../helpers.ts'

const KAB = '64.08'
const WITA = 480
const DAY = 86_400_000
/** Friday 20 November 2026, 12:00 in Sangatta. */
const NOW = Date.parse('2026-11-20T04:00:00Z')
/** The screens' default "30 hari" on that day, and the 30 days before it. */
const LAST_30: Period = { from: '2026-10-22', to: '2026-11-20' }
const LAST_90: Period = { from: '2026-08-23', to: '2026-11-20' }

/** The previous period's Selesai % as it stands now: the comparison the screens made before. */
function selesaiToday(db: Db, period: Period): number {
  const [from, to] = periodBounds(period, WITA)
  return db
    .prepare("SELECT 100.0 * sum(status = 'selesai') / count(*) FROM complaint WHERE kabupaten_kode = ? AND submitted_at >= ? AND submitted_at < ?")
    .pluck()
    .get(KAB, from, to) as number
}

describe('comparisons with the previous period', () => {
  it('show no change on a store whose behaviour never changes, where today they showed a collapse', () => {
    const { db } = tempStore()
    // Three years of complaints from the same generator parameters throughout.
    generateDemo(db, { kabupaten: KAB, count: 12_000, seed: 1, until: new Date(NOW) })
    for (const period of [LAST_30, LAST_90]) {
      const table = kpiFor(db, KAB, 'all', period, NOW)
      const t = table.total
      const what = `${period.from}…${period.to}`
      expect(table.comparison).toBe('same_age')
      expect(table.previousAsOf, what).toBe(NOW - (period === LAST_30 ? 30 : 90) * DAY)
      // As they stand today, the previous complaints had 30 (90) more days to close: a big, false drop.
      expect(t.pctSelesai! - selesaiToday(db, table.previousPeriod), `${what}: the old comparison`).toBeLessThan(-20)
      // On equal-age cohorts, each age-dependent rate holds still.
      expect(Math.abs(t.pctSelesai! - t.previous.pctSelesai!), `${what}: selesai ${t.pctSelesai} vs ${t.previous.pctSelesai}`).toBeLessThan(3)
      if (period === LAST_90) {
        // The on-time rates are read over fewer complaints (those whose step is done or due: about 700 in 90 days
        // here, a standard error of about 2.5 points on a difference), and the generator's admins verify a little
        // quicker over the three years (about 1 point per 90 days): steady within sampling noise.
        expect(Math.abs(t.pctVerifiedOnTime! - t.previous.pctVerifiedOnTime!), `${what}: verified within 3 hk`).toBeLessThan(5)
        expect(Math.abs(t.pctResponseOnTime! - t.previous.pctResponseOnTime!), `${what}: TL within 5 hk`).toBeLessThan(5)
      }
      // The OPD rows are compared the same way.
      const opd = kpiFor(db, KAB, 'opd', period, NOW)
      const sum = opd.rows.reduce((a, r) => a + r.previous.selesai, 0)
      expect(sum, `${what}: the OPD rows add up to the total`).toBe(t.previous.selesai)
    }
  }, 180_000)

  it('judges each earlier complaint as it stood at the same age, on a store with known values', () => {
    const { db } = tempStore()
    seedKabupaten(db, KAB)
    const at = (iso: string) => Date.parse(`${iso}+08:00`)
    // The previous 30 days (22 Sep – 21 Oct) judged as of 21 October 12:00 WITA, thirty days before now.
    const ids = insertComplaints(db, [
      { tracking_id: 'P1', submitted: '2026-10-01T02:00:00Z', status: 'selesai', unitKode: '64.08/setda' },
      { tracking_id: 'P2', submitted: '2026-10-01T02:00:00Z', status: 'selesai', unitKode: '64.08/setda' },
      { tracking_id: 'P3', submitted: '2026-10-01T02:00:00Z', status: 'selesai', unitKode: '64.08/setda' },
      { tracking_id: 'P4', submitted: '2026-10-15T02:00:00Z', status: 'belum_terverifikasi' },
      // 14:00 WITA on 21 October: after the instant the previous period is judged at (its counterpart is not in yet).
      { tracking_id: 'P5', submitted: '2026-10-21T06:00:00Z', status: 'selesai', unitKode: '64.08/setda' },
      // The current period.
      { tracking_id: 'C1', submitted: '2026-11-02T02:00:00Z', status: 'selesai', unitKode: '64.08/setda' },
      { tracking_id: 'C2', submitted: '2026-11-16T02:00:00Z', status: 'belum_terverifikasi' },
    ])
    const times = db.prepare(
      'UPDATE complaint SET verified_at = ?, dispositioned_at = ?, disposition_count = 1, first_response_at = ?, last_tl_at = ?, closed_at = ?, updated_at = ? WHERE id = ?',
    )
    const set = (id: number, disposition: string, response: string, closed: string) =>
      times.run(at(disposition), at(disposition), at(response), at(response), at(closed), at(closed), id)
    set(ids[0], '2026-10-02T10:00', '2026-10-05T10:00', '2026-10-10T10:00') // all done in time, Selesai before 21 Oct
    set(ids[1], '2026-10-02T10:00', '2026-10-06T10:00', '2026-11-05T10:00') // in time, Selesai only after 21 Oct
    set(ids[2], '2026-10-20T10:00', '2026-11-02T10:00', '2026-11-10T10:00') // verified late; TL late, due after 21 Oct
    set(ids[4], '2026-10-21T15:00', '2026-10-23T10:00', '2026-10-30T10:00')
    set(ids[5], '2026-11-03T10:00', '2026-11-05T10:00', '2026-11-12T10:00')
    rebuildKabupaten(db, KAB)
    const asOf = NOW - 30 * DAY
    const due = db.prepare('SELECT response_due_at FROM complaint_sla WHERE complaint_id = ?').pluck()
    expect(due.get(ids[2]) as number, "P3's TL deadline lies after the instant it is judged at").toBeGreaterThan(asOf)

    const table = kpiFor(db, KAB, 'all', LAST_30, NOW)
    expect(table.previousPeriod).toEqual({ from: '2026-09-22', to: '2026-10-21' })
    expect(table.previousAsOf).toBe(asOf)
    const p = table.total.previous
    expect(p.n).toBe(5) // the volume is the whole previous period
    // Selesai by 21 Oct 12:00: P1 only, of P1–P4 (today P1, P2, P3 and P5: 80 %).
    expect(p.selesai).toBe(1)
    expect(p.pctSelesai).toBe(25)
    // Verified within 3 hk: P1, P2 in time; P3 verified late; P4 still unverified past its deadline.
    expect(p.pctVerifiedOnTime).toBe(50)
    // TL within 5 hk: P1, P2 in time; P3's deadline had not come, P4 had no disposition: neither counts yet.
    expect(p.pctResponseOnTime).toBe(100)
    // Median working days to the first TL: P1 (1 hk) and P2 (2 hk) had one by then; P3 and P5 not yet.
    expect(p.medianResponseHk).toBe(1)
    // The same comparison under a channel filter (every complaint here came by web).
    const filtered = kpiFor(db, KAB, 'all', LAST_30, NOW, undefined, { channel: 'web' }).total.previous
    expect([filtered.pctSelesai, filtered.pctVerifiedOnTime, filtered.pctResponseOnTime]).toEqual([25, 50, 100])
    // The current period is judged now, as before.
    expect(table.total.pctSelesai).toBe(50)
  })
})

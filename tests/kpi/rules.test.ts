// The written rules of docs/kpi-rules.md on hand-built histories, with the expected values worked out by hand.
// Kutai Timur (WITA); 7–18 July 2025 has no day off, so hari kerja are plain weekdays.
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { rebuildKabupaten, refreshComplaints, slaContext } from '#main/kpi/refresh.ts'
import { kpiFor } from '#main/kpi/service.ts'
import type { SlaRow } from '#main/kpi/sla-row.ts'
import type { Db } from '#main/store/open.ts'
import type { Status } from '#shared/domain.ts'
import { tempStore } from '../helpers.ts'
import { addHistory, unitId, wita } from './history-store.ts'

const KAB = '64.08'
const JULY = { from: '2025-07-01', to: '2025-07-31' }
const sla = (db: Db, id: number) => db.prepare('SELECT * FROM complaint_sla WHERE complaint_id = ?').get(id) as SlaRow

describe('rule MISROUTE_CHARGED_PER_HOLDER: A → B → C charges A and B each the hari kerja it held the complaint', () => {
  // Around 17 August 2025 (a Sunday) and the cuti bersama of Monday 18 August:
  // - to DLH Wed 13 Aug; DLH sends it to Dinkes Tue 19 Aug: Thu 14, Fri 15, (Sat, Sun, Mon 18 off) Tue 19 = 3 hk;
  // - Dinkes sends it to Setda Fri 22 Aug: Wed 20, Thu 21, Fri 22 = 3 hk;
  // - Setda answers Thu 28 Aug: Mon 25, Tue 26, Wed 27, Thu 28 = 4 hk after receiving it: on time (≤ 5).
  // From the first disposition that is 10 hk; under the old reading Setda was late and DLH carried all 6 hk.
  const now = wita('2025-09-30 12:00')
  const AUGUST = { from: '2025-08-01', to: '2025-08-31' }
  function store() {
    const { db } = tempStore()
    seedKabupaten(db, KAB)
    const id = addHistory(db, 'ABC', '2025-08-13 08:00', 'proses', [
      { kind: 'disposition', at: '2025-08-13 10:00', unit: '64.08/dlh' },
      { kind: 'disposition', at: '2025-08-19 10:00', unit: '64.08/dinkes' },
      { kind: 'disposition', at: '2025-08-22 10:00', unit: '64.08/dinkes/yankes' }, // inside Dinkes: not a move
      { kind: 'disposition', at: '2025-08-22 15:00', unit: '64.08/setda' },
      { kind: 'tindak_lanjut', at: '2025-08-28 10:00' },
    ])
    return { db, id }
  }

  it('charges DLH 3 hk, Dinkes 3 hk and judges Setda from its own disposition', () => {
    const { db, id } = store()
    db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, now)))()
    const dlh = String(unitId(db, '64.08/dlh'))
    const dinkes = String(unitId(db, '64.08/dinkes'))
    expect(sla(db, id)).toMatchObject({ response_met: 1, response_hk: 4, is_misrouted: 1, misroute_hk: 6, misroute_segments: `${dlh}:3;${dinkes}:3` })
    for (const dim of ['opd', 'first_opd'] as const) {
      const t = kpiFor(db, KAB, dim, AUGUST, now, 1)
      const hk = Object.fromEntries(t.rows.map((r) => [r.label, r.misrouteHk]))
      expect(hk).toEqual(dim === 'opd' ? { Setda: 0, DLH: 3, Dinkes: 3 } : { DLH: 3, Dinkes: 3 })
      expect(t.total.misrouteHk).toBe(6)
    }
    const setda = kpiFor(db, KAB, 'opd', AUGUST, now, 1).rows.find((r) => r.label === 'Setda')!
    expect(setda).toMatchObject({ n: 1, misrouted: 1, pctResponseOnTime: 100 })
    // A filtered view (summed from the complaint rows) charges the same way.
    const filtered = kpiFor(db, KAB, 'opd', AUGUST, now, 1, { channel: 'web' })
    expect(Object.fromEntries(filtered.rows.map((r) => [r.label, r.misrouteHk]))).toEqual({ Setda: 0, DLH: 3, Dinkes: 3 })
  })

  it('keeps the aggregates equal through the incremental path, and removes the charge when the complaint is gone', () => {
    const { db, id } = store()
    db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, now)))()
    const counts = db.prepare('SELECT * FROM kpi_count ORDER BY kabupaten_kode, dim, grain, day, key').all()
    db.transaction(() => refreshComplaints(db, KAB, [id], slaContext(db, KAB, now)))()
    expect(db.prepare('SELECT * FROM kpi_count ORDER BY kabupaten_kode, dim, grain, day, key').all()).toEqual(counts)
    // Back to straight-to-Setda (the record changes, its sla row follows): DLH and Dinkes rows disappear.
    db.prepare("UPDATE complaint SET first_unit_id = unit_id WHERE id = ?").run(id)
    db.exec('DROP TRIGGER complaint_event_no_delete')
    db.prepare("DELETE FROM complaint_event WHERE complaint_id = ? AND kind = 'disposition' AND at < ?").run(id, wita('2025-08-22 15:00'))
    db.transaction(() => refreshComplaints(db, KAB, [id], slaContext(db, KAB, now)))()
    const t = kpiFor(db, KAB, 'opd', AUGUST, now, 1)
    expect(t.rows.map((r) => [r.label, r.misrouteHk])).toEqual([['Setda', 0]])
  })
})

describe('rule RESPONSE_FROM_RECEIVED_DISPOSITION: each OPD is judged from the disposition it received', () => {
  function store() {
    const { db } = tempStore()
    seedKabupaten(db, KAB)
    // A: to DLH on Mon 7 July, 3 hk there (Tue, Wed, Thu), to Dinkes Thu 10 July, answered Mon 14 July (Fri,
    //    Mon: 2 hk after receiving it).
    const a = addHistory(db, 'A', '2025-07-07 09:00', 'proses', [
      { kind: 'disposition', at: '2025-07-07 10:00', unit: '64.08/dlh' },
      { kind: 'disposition', at: '2025-07-10 10:00', unit: '64.08/dinkes' },
      { kind: 'tindak_lanjut', at: '2025-07-14 10:00' },
    ])
    // B: 4 hk at DLH (to Fri 11 July), Dinkes answers Wed 16 July (Mon, Tue, Wed: 3 hk). From the first
    //    disposition that is 7 hk: late under the old reading, on time for Dinkes under this rule.
    const b = addHistory(db, 'B', '2025-07-07 09:00', 'proses', [
      { kind: 'disposition', at: '2025-07-07 10:00', unit: '64.08/dlh' },
      { kind: 'disposition', at: '2025-07-11 10:00', unit: '64.08/dinkes' },
      { kind: 'tindak_lanjut', at: '2025-07-16 10:00' },
    ])
    // C: straight to Dinkes, which forwards to its own bidang two days later: a forward inside one OPD does not
    //    restart its clock. Answered Tue 15 July = 6 hk after Mon 7 July: late, and no misroute.
    const c = addHistory(db, 'C', '2025-07-07 09:00', 'proses', [
      { kind: 'disposition', at: '2025-07-07 10:00', unit: '64.08/dinkes' },
      { kind: 'disposition', at: '2025-07-09 10:00', unit: '64.08/dinkes/yankes' },
      { kind: 'tindak_lanjut', at: '2025-07-15 10:00' },
    ])
    return { db, a, b, c }
  }
  const now = wita('2025-07-31 12:00')

  it('counts Dinkes on time and the misroute against DLH', () => {
    const { db, a, b, c } = store()
    db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, now)))()
    expect(sla(db, a)).toMatchObject({ response_met: 1, response_hk: 2, is_misrouted: 1, misroute_hk: 3, response_due_at: wita('2025-07-17 23:59') + 59_999 })
    expect(sla(db, b)).toMatchObject({ response_met: 1, response_hk: 3, is_misrouted: 1, misroute_hk: 4 })
    expect(sla(db, c)).toMatchObject({ response_met: 0, response_hk: 6, is_misrouted: 0, misroute_hk: null })

    const opd = kpiFor(db, KAB, 'opd', JULY, now, 1)
    const dinkes = opd.rows.find((r) => r.label === 'Dinkes')!
    // Dinkes answered what it received in time: no hari kerja lost are charged to it.
    expect(dinkes).toMatchObject({ n: 3, misrouted: 2, misrouteHk: 0, medianResponseHk: 3 })
    expect(dinkes.pctResponseOnTime).toBeCloseTo(200 / 3, 9) // A and B on time, C late
    // DLH holds none of them, but held two wrongly: its row carries only the 3 + 4 hk.
    expect(opd.rows.find((r) => r.label === 'DLH')).toMatchObject({ n: 0, misrouteHk: 7, pctResponseOnTime: null, isRanked: false })

    // The misroute is DLH's: both complaints it received wrongly and the 3 + 4 hk lost there.
    const first = kpiFor(db, KAB, 'first_opd', JULY, now, 1)
    expect(first.rows.find((r) => r.label === 'DLH')).toMatchObject({ n: 2, misrouted: 2, misrouteHk: 7 })
    expect(first.rows.find((r) => r.label === 'Dinkes')).toMatchObject({ n: 1, misrouted: 0, misrouteHk: 0 })
  })

  it('gives the same rows through the incremental path', () => {
    const { db, a, b, c } = store()
    db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, now)))()
    const before = [a, b, c].map((id) => sla(db, id))
    const counts = db.prepare('SELECT * FROM kpi_count ORDER BY kabupaten_kode, dim, grain, day, key').all()
    db.transaction(() => refreshComplaints(db, KAB, [a, b, c], slaContext(db, KAB, now)))()
    expect([a, b, c].map((id) => sla(db, id))).toEqual(before)
    expect(db.prepare('SELECT * FROM kpi_count ORDER BY kabupaten_kode, dim, grain, day, key').all()).toEqual(counts)
  })
})

describe('rule TUNDA_IS_THE_REPORTERS_TIME: time in Tunda is the pelapor’s, not the admin’s', () => {
  it('meets verification by a Tunda within 3 hk, and pauses the clock while it is back with the pelapor', () => {
    const { db } = tempStore()
    seedKabupaten(db, KAB)
    const t = (from: Status, to: Status, at: string) => ({ kind: 'status' as const, from, to, at })
    // T1: Tunda on Wed 9 July (2 hk), completed and verified from Tunda on Wed 16 July (7 hk after submission):
    //     met at the Tunda, 2 hk. (The old reading called it missed.)
    const t1 = addHistory(db, 'T1', '2025-07-07 09:00', 'belum_ditindaklanjuti', [
      t('belum_terverifikasi', 'tunda', '2025-07-09 10:00'),
      { kind: 'pelapor_reply', at: '2025-07-14 10:00' },
      t('tunda', 'belum_ditindaklanjuti', '2025-07-16 10:00'),
      { kind: 'disposition', at: '2025-07-16 11:00', unit: '64.08/dinkes' },
    ])
    // T2: Tunda on Fri 11 July, 4 hk after submission: the admin was already late. Missed, 4 hk.
    const t2 = addHistory(db, 'T2', '2025-07-07 09:00', 'tunda', [t('belum_terverifikasi', 'tunda', '2025-07-11 10:00')])
    // T3: Tunda Tue 8 July (1 hk), back to Belum Terverifikasi Mon 14 July (4 hk in Tunda: Wed, Thu, Fri, Mon),
    //     so the deadline moves from Thu 10 to Wed 16 July (3 + 4 hk); verified Wed 16 July: met, 7 − 4 = 3 hk.
    const t3 = addHistory(db, 'T3', '2025-07-07 09:00', 'belum_ditindaklanjuti', [
      t('belum_terverifikasi', 'tunda', '2025-07-08 10:00'),
      t('tunda', 'belum_terverifikasi', '2025-07-14 10:00'),
      t('belum_terverifikasi', 'belum_ditindaklanjuti', '2025-07-16 15:00'),
    ])
    // T4: as T3, verified Thu 17 July: one day past the moved deadline. Missed, 4 hk.
    const t4 = addHistory(db, 'T4', '2025-07-07 09:00', 'belum_ditindaklanjuti', [
      t('belum_terverifikasi', 'tunda', '2025-07-08 10:00'),
      t('tunda', 'belum_terverifikasi', '2025-07-14 10:00'),
      t('belum_terverifikasi', 'belum_ditindaklanjuti', '2025-07-17 08:00'),
    ])
    // T5: in Tunda since Tue 8 July and still there: the admin decided in time. Met, 1 hk.
    const t5 = addHistory(db, 'T5', '2025-07-07 09:00', 'tunda', [t('belum_terverifikasi', 'tunda', '2025-07-08 10:00')])
    // T6: archived from Tunda 20 hk later (the pelapor never answered): the Tunda was the decision. Met, 1 hk.
    const t6 = addHistory(db, 'T6', '2025-06-02 09:00', 'arsip', [
      t('belum_terverifikasi', 'tunda', '2025-06-03 10:00'),
      t('tunda', 'arsip', '2025-07-01 10:00'),
    ])
    const now = wita('2025-07-31 12:00')
    db.transaction(() => rebuildKabupaten(db, KAB, slaContext(db, KAB, now)))()
    expect(sla(db, t1)).toMatchObject({ verify_met: 1, verify_hk: 2, verify_due_at: wita('2025-07-10 23:59') + 59_999 })
    expect(sla(db, t2)).toMatchObject({ verify_met: 0, verify_hk: 4 })
    expect(sla(db, t3)).toMatchObject({ verify_met: 1, verify_hk: 3, verify_due_at: wita('2025-07-16 23:59') + 59_999 })
    expect(sla(db, t4)).toMatchObject({ verify_met: 0, verify_hk: 4 })
    expect(sla(db, t5)).toMatchObject({ verify_met: 1, verify_hk: 1 })
    expect(sla(db, t6)).toMatchObject({ verify_met: 1, verify_hk: 1 })
    const all = kpiFor(db, KAB, 'all', { from: '2025-06-01', to: '2025-07-31' }, now, 1).total
    expect(all.pctVerifiedOnTime).toBeCloseTo((100 * 4) / 6, 9) // T1, T3, T5, T6 of six
  })
})

// Hand-checked KPI figures on a few complaints whose deadlines can be worked out on a calendar.
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { rebuildKabupaten, refreshComplaints, slaContext } from '#main/kpi/refresh.ts'
import { kpiFor, dailyTrend } from '#main/kpi/service.ts'
import { previousPeriod, splitPeriod } from '#main/kpi/period.ts'
import { addCounts, decodeCounts, encodeCounts } from '#main/kpi/histogram.ts'
import { tempStore } from '../helpers.ts'
import type { Db } from '#main/store/open.ts'

// Kutai Timur is WITA (UTC+8): local 09:00 is 01:00Z.
const wita = (local: string) => Date.parse(`${local}+08:00`)

function add(db: Db, row: Record<string, unknown>): number {
  const unit = (kode: string) => db.prepare('SELECT id FROM unit WHERE kode = ?').pluck().get(kode) as number
  const r = {
    kabupaten_kode: '64.08',
    source: 'test',
    judul: 'uji',
    isi: 'uji',
    klasifikasi: 'pengaduan',
    channel: 'web',
    status: 'selesai',
    kecamatan_kode: '64.08.04',
    verified_at: null,
    dispositioned_at: null,
    first_response_at: null,
    closed_at: null,
    disposition_count: 0,
    last_tl_at: null,
    first_unit_id: null,
    is_anonim: 0,
    ...row,
    unit_id: row.unit ? unit(row.unit as string) : null,
  } as Record<string, unknown>
  if (r.unit_id && !r.first_unit_id) r.first_unit_id = r.unit_id
  if (!r.last_tl_at) r.last_tl_at = r.first_response_at
  delete r.unit
  r.status_raw = r.status
  r.updated_at = r.submitted_at
  const cols = Object.keys(r)
  return Number(db.prepare(`INSERT INTO complaint (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(r).lastInsertRowid)
}

describe('KPI figures', () => {
  it('count verification and first response in hari kerja across Idul Fitri 2025 and a weekend', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    // Submitted Friday 28 March 2025 (Nyepi cuti bersama, a day off); 31 Mar–7 Apr are Idul Fitri libur and
    // cuti bersama, so the 3rd hari kerja after it is Thursday 10 April 2025.
    add(db, {
      tracking_id: 'T1',
      submitted_at: wita('2025-03-28T09:00'),
      verified_at: wita('2025-04-10T16:00'), // day 3: on time
      dispositioned_at: wita('2025-04-10T16:00'),
      first_response_at: wita('2025-04-18T10:00'), // 11, 14, 15, 16, 17 April are days 1-5; 18 April is Good Friday
      closed_at: wita('2025-04-22T10:00'),
      unit: '64.08/dinkes',
    })
    add(db, {
      tracking_id: 'T2',
      submitted_at: wita('2025-04-14T08:00'), // Monday
      verified_at: wita('2025-04-18T08:00'), // Good Friday, a libur: counts as Monday 21 April, day 4: late
      dispositioned_at: wita('2025-04-21T08:00'),
      first_response_at: wita('2025-04-22T08:00'), // day 1
      closed_at: wita('2025-04-30T08:00'),
      unit: '64.08/dinkes/yankes',
      is_anonim: 1,
    })
    // Still waiting for verification since 1 April 2025: overdue now.
    add(db, { tracking_id: 'T3', submitted_at: wita('2025-04-01T08:00'), status: 'belum_terverifikasi', kecamatan_kode: null })
    const now = wita('2025-05-02T12:00')
    db.transaction(() => rebuildKabupaten(db, '64.08', slaContext(db, '64.08', now)))()

    const april = { from: '2025-03-01', to: '2025-04-30' }
    const t = kpiFor(db, '64.08', 'opd', april, now, 1)
    const dinkes = t.rows.find((r) => r.label === 'Dinkes')!
    expect(dinkes.n).toBe(2) // the bidang's complaint counts for its OPD
    expect(dinkes.pctVerifiedOnTime).toBe(50)
    expect(dinkes.pctResponseOnTime).toBe(50) // T1 took 6 hk (Good Friday counts as the next Monday), T2 took 1
    expect([dinkes.medianResponseHk, dinkes.p90ResponseHk]).toEqual([1, 6])
    expect(dinkes.shareAnonim).toBe(50)
    expect(dinkes.isRanked).toBe(true)
    // T3 is unassigned, waiting since 1 April: over 3 hk, in the 11–60 bucket on 2 May.
    const unassigned = t.rows.find((r) => r.key === '')!
    expect(unassigned).toMatchObject({ n: 1, openNow: 1, overdueNow: 1, isRanked: false })
    expect(unassigned.backlog['11-60']).toBe(1)
    expect(t.total.pctVerifiedOnTime).toBeCloseTo(100 / 3, 9) // T1 met; T2 late; T3 overdue counts as missed
    expect(t.total.overdueNow).toBe(1)

    // Whole months compare with as many whole months before: January–February 2025, which held nothing.
    expect(t.previousPeriod).toEqual({ from: '2025-01-01', to: '2025-02-28' })
    expect(t.total.previous.n).toBe(0)
  })

  it('moves a complaint between OPD when it is reassigned, in the same transaction as the write', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const id = add(db, { tracking_id: 'R1', submitted_at: wita('2025-06-02T09:00'), status: 'proses', unit: '64.08/disdikbud' })
    const now = wita('2025-06-03T09:00')
    db.transaction(() => rebuildKabupaten(db, '64.08', slaContext(db, '64.08', now)))()
    const june = { from: '2025-06-01', to: '2025-06-30' }
    expect(kpiFor(db, '64.08', 'opd', june, now).rows.map((r) => [r.label, r.n])).toEqual([['Disdikbud', 1]])
    db.transaction(() => {
      db.prepare("UPDATE complaint SET unit_id = (SELECT id FROM unit WHERE kode = '64.08/dinkes'), disposition_count = 2 WHERE id = ?").run(id)
      refreshComplaints(db, '64.08', [id], slaContext(db, '64.08', now))
    })()
    const after = kpiFor(db, '64.08', 'opd', june, now)
    expect(after.rows.map((r) => [r.label, r.n, r.misrouted])).toEqual([['Dinkes', 1, 1]])
    // Misroutes are charged to the OPD that first received it, too.
    const first = kpiFor(db, '64.08', 'first_opd', june, now)
    expect(first.rows.map((r) => [r.label, r.misrouted])).toEqual([['Disdikbud', 1]])
  })

  it('gives a daily trend with every day of the period, quiet days as zero', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    add(db, { tracking_id: 'D1', submitted_at: wita('2025-06-02T23:30'), status: 'selesai', closed_at: wita('2025-06-03T09:00') })
    db.transaction(() => rebuildKabupaten(db, '64.08'))()
    const trend = dailyTrend(db, '64.08', { from: '2025-06-01', to: '2025-06-04' })
    expect(trend).toEqual([
      { date: '2025-06-01', n: 0, selesai: 0 },
      { date: '2025-06-02', n: 1, selesai: 1 }, // 23:30 WITA is still 2 June locally
      { date: '2025-06-03', n: 0, selesai: 0 },
      { date: '2025-06-04', n: 0, selesai: 0 },
    ])
  })

  it('compares whole months with whole months, other periods with the same number of days before', () => {
    expect(previousPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual({ from: '2024-01-01', to: '2024-12-31' })
    expect(previousPeriod({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2025-02-01', to: '2025-02-28' })
    expect(previousPeriod({ from: '2025-03-10', to: '2025-03-16' })).toEqual({ from: '2025-03-03', to: '2025-03-09' })
  })

  it('adds up the working-day histograms of a period as SQLite joins them (group_concat)', () => {
    const h: number[] = []
    addCounts(h, '3,0,12;0,0,0,4;105')
    expect(h).toEqual([108, 0, 12, 4])
    addCounts(h, '0,0,0,0,0,7')
    expect(h).toEqual([108, 0, 12, 4, 0, 7])
    expect(encodeCounts([0, 2, 0, 0])).toBe('0,2')
    expect(encodeCounts([0, 0])).toBeNull()
    expect(decodeCounts(encodeCounts([5, 0, 1]))).toEqual([5, 0, 1])
  })

  it('reads whole years, quarters, months and 7-day blocks from their rows and only the leftover edges from day rows', () => {
    expect(splitPeriod({ from: '2025-01-15', to: '2025-04-10' })).toEqual([
      { grain: 3, from: 20103, to: 20117 }, // blocks 15–21, 22–28 and 29–31 January
      { grain: 1, from: 20120, to: 20148 }, // February and March (keyed by their first days)
      { grain: 3, from: 20179, to: 20179 }, // block 1–7 April
      { grain: 0, from: 20186, to: 20188 }, // 8–10 April
    ])
    expect(splitPeriod({ from: '2025-01-01', to: '2025-12-31' })).toEqual([{ grain: 2, from: 20089, to: 20089 }])
    expect(splitPeriod({ from: '2024-11-15', to: '2026-02-10' })).toEqual([
      { grain: 3, from: 20042, to: 20056 }, // blocks 15–21, 22–28 and 29–30 November 2024
      { grain: 1, from: 20058, to: 20058 }, // December 2024
      { grain: 2, from: 20089, to: 20089 }, // 2025
      { grain: 1, from: 20454, to: 20454 }, // January 2026
      { grain: 3, from: 20485, to: 20485 }, // block 1–7 February 2026
      { grain: 0, from: 20492, to: 20494 }, // 8–10 February 2026
    ])
    // A rolling year: 16 rows per slice instead of 365.
    expect(splitPeriod({ from: '2025-11-24', to: '2026-11-23' })).toEqual([
      { grain: 0, from: 20416, to: 20420 }, // 24–28 November 2025
      { grain: 3, from: 20421, to: 20421 }, // block 29–30 November
      { grain: 1, from: 20423, to: 20423 }, // December 2025
      { grain: 4, from: 20454, to: 20635 }, // the first three quarters of 2026
      { grain: 1, from: 20727, to: 20727 }, // October 2026
      { grain: 3, from: 20758, to: 20772 }, // blocks 1–7, 8–14 and 15–21 November 2026
      { grain: 0, from: 20779, to: 20780 }, // 22–23 November
    ])
    expect(splitPeriod({ from: '2025-03-03', to: '2025-03-09' })).toEqual([{ grain: 0, from: 20150, to: 20156 }])
  })
})

// A deadline in a year the holiday table does not cover is flagged (complaint detail, `tanggap info`).
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { ingestRecords } from '#main/sync/ingest.ts'
import { saveSource } from '#main/sync/sources.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import { storeInfo } from '#main/app/workspace/info.ts'
import { tempStore } from '../helpers.ts'
import { record } from '../sync/records.ts'

describe('calendar coverage', () => {
  it('flags a complaint whose deadlines fall in a year the table does not cover, and counts them in info', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const source = saveSource(db, { name: 'uji', kind: 'file', kabupaten: '64.08' })
    const at = (iso: string) => Date.parse(iso)
    ingestRecords(db, { id: source.id, name: source.name, kabupaten_kode: '64.08' }, [
      { record: record({ tracking_id: 'OLD', submitted_at: at('2018-06-01T02:00:00Z'), updated_at: at('2018-06-02T02:00:00Z'), status_raw: 'Proses', status: 'proses', history: [] }) },
      { record: record({ tracking_id: 'NEW', submitted_at: at('2021-06-01T02:00:00Z'), updated_at: at('2021-06-02T02:00:00Z'), status_raw: 'Proses', status: 'proses', history: [] }) },
    ], { now: at('2026-03-01T00:00:00Z') })
    const id = (t: string) => db.prepare('SELECT id FROM complaint WHERE tracking_id = ?').pluck().get(t) as number
    const old = complaintDetail(db, id('OLD'), 'admin', at('2026-03-01T00:00:00Z'))
    expect(old.calendarGap?.years).toContain(2018)
    expect(old.calendarGap?.message).toMatch(/Kalender libur belum mencakup tahun 2018/)
    expect(complaintDetail(db, id('NEW'), 'admin', at('2021-06-03T00:00:00Z')).calendarGap).toBeNull()
    const info = storeInfo(db)
    expect(info.calendarYears).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026])
    expect(info.kabupaten.find((k) => k.kode === '64.08')?.calendarGaps).toEqual([{ year: 2018, complaints: 1, warning: expect.stringMatching(/1 pengaduan tahun 2018/) }])
  })
})

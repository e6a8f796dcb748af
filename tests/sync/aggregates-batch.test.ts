// The aggregates a sync keeps current page by page (one upsert per distinct cell of a page, kpi/aggregates.ts)
// equal, row for row, the ones a rebuild from scratch computes: with pages where many complaints hit the same
// cells, where one complaint comes several times in one page, where a complaint moves out of a cell so that the
// cell empties, and where a page is undone by the next.
import { describe, expect, it } from 'vitest'
import { tempStore } from '../helpers.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { Ingester, type IngestItem } from '#main/sync/ingest.ts'
import { rebuildKabupaten, slaContext } from '#main/kpi/refresh.ts'
import { rebuildSliced } from '#main/kpi/sliced-rebuild.ts'
import { openStore } from '#main/store/open.ts'
import type { UpstreamRecordInput } from '#main/sync/record.ts'
import type { Db } from '#main/store/open.ts'
import { H, T0, record } from './records.ts'

const D = 24 * H
const NOW = T0 + 200 * D

function tables(db: Db) {
  return {
    count: db.prepare("SELECT * FROM kpi_count WHERE kabupaten_kode = '64.08' ORDER BY dim, grain, day, key").all(),
    due: db.prepare("SELECT * FROM kpi_due WHERE kabupaten_kode = '64.08' ORDER BY dim, due_day, key").all(),
    sla: db.prepare("SELECT * FROM complaint_sla WHERE kabupaten_kode = '64.08' ORDER BY complaint_id").all(),
  }
}

/** The stored aggregates, then the same after a rebuild from nothing (rolled back). */
function incrementalAndRebuilt(db: Db) {
  const incremental = tables(db)
  let rebuilt: ReturnType<typeof tables> | null = null
  try {
    db.transaction(() => {
      rebuildKabupaten(db, '64.08', slaContext(db, '64.08', NOW))
      rebuilt = tables(db)
      throw new Error('rollback')
    }).immediate()
  } catch (e) {
    if ((e as Error).message !== 'rollback') throw e
  }
  return { incremental, rebuilt: rebuilt! }
}

const UNITS = ['64.08/dpupr', '64.08/dinkes', '64.08/disdikbud']
const KEC = ['64.08.04', '64.08.05']

/** Complaint i in version v: a few days and units only, so that a page's complaints share their cells. */
function complaint(i: number, v: number): UpstreamRecordInput {
  const at = T0 + (i % 4) * D + (i % 3) * H
  const unit = UNITS[(i + v) % UNITS.length]
  const stage = (i + v) % 5
  const history: UpstreamRecordInput['history'] = [
    { upstream_id: `${i}-s`, kind: 'submitted', at, actor: 'Pelapor', to_status: 'belum_terverifikasi' },
  ]
  if (stage >= 1) history.push({ upstream_id: `${i}-v`, kind: 'status', at: at + 2 * H, actor: 'Admin', from_status: 'belum_terverifikasi', to_status: 'belum_ditindaklanjuti' })
  if (stage >= 2) history.push({ upstream_id: `${i}-d${v}`, kind: 'disposition', at: at + (3 + v) * H, actor: 'Admin', to_unit: unit })
  if (stage >= 3) history.push({ upstream_id: `${i}-t${v}`, kind: 'tindak_lanjut', at: at + (4 + v) * D, actor: 'OPD', from_status: 'belum_ditindaklanjuti', to_status: 'proses', body: 'Ditangani.' })
  const status_raw = ['Belum Terverifikasi', 'Belum Ditindaklanjuti', 'Belum Ditindaklanjuti', 'Proses', 'Selesai'][stage]
  return record({
    tracking_id: String(5000 + i),
    version: v,
    submitted_at: at,
    updated_at: at + (10 + v) * D,
    status_raw,
    channel: i % 2 ? 'web' : 'sms_1708',
    kategori: i % 3 ? 'jalan' : 'air-bersih',
    location: { kecamatan_kode: KEC[(i + v) % KEC.length] },
    history,
  })
}

describe('aggregates kept current page by page', () => {
  it('equal a rebuild from scratch, row for row, through pages of shared cells, repeats and updates', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const source = saveSource(db, { name: 'lapor', kind: 'lapor-json', kabupaten: '64.08' })
    const ingester = new Ingester(db, source)
    const page = (records: UpstreamRecordInput[]) => {
      const items: IngestItem[] = records.map((r) => ({ record: r }))
      return ingester.ingest(items, { now: NOW, refreshAggregates: true })
    }
    // Page 1: forty complaints on four days, three units: every cell is shared by several complaints.
    expect(page(Array.from({ length: 40 }, (_, i) => complaint(i, 1)))).toMatchObject({ inserted: 40 })
    let r = incrementalAndRebuilt(db)
    expect(r.incremental.count.length).toBeGreaterThan(50)
    expect(r.incremental).toEqual(r.rebuilt)

    // Page 2: new complaints beside updates of old ones, and one complaint three times (versions 2, 3, 4) in the
    // same page, each moving it to another unit and stage.
    const mixed = [
      ...Array.from({ length: 10 }, (_, i) => complaint(40 + i, 1)),
      ...Array.from({ length: 15 }, (_, i) => complaint(i * 2, 2)),
      complaint(1, 2),
      complaint(1, 3),
      complaint(1, 4),
    ]
    expect(page(mixed)).toMatchObject({ inserted: 10, updated: 18 })
    r = incrementalAndRebuilt(db)
    expect(r.incremental).toEqual(r.rebuilt)

    // Pages 3 and 4: a quarter of the complaints change unit, kecamatan and stage twice over: cells that held only
    // them empty and must be gone, as in a rebuild.
    const movers = Array.from({ length: 50 }, (_, i) => i).filter((i) => i % 4 === 3)
    page(movers.map((i) => complaint(i, 7)))
    page(movers.map((i) => complaint(i, 8)))
    r = incrementalAndRebuilt(db)
    expect(r.incremental).toEqual(r.rebuilt)
    // Not a vacuous comparison: both hold histograms and due-day counts.
    expect(r.incremental.due.length).toBeGreaterThan(0)
    expect(r.incremental.count.some((c) => (c as { response_hk_counts: string | null }).response_hk_counts !== null)).toBe(true)
  })

  it('a bulk load writes the deadline rows with each page, and the aggregates-only rebuild at the end equals a full one', () => {
    const { db, file } = tempStore()
    seedKabupaten(db, '64.08')
    const source = saveSource(db, { name: 'lapor', kind: 'lapor-json', kabupaten: '64.08' })
    const ingester = new Ingester(db, source)
    const page = (records: UpstreamRecordInput[], refreshAggregates: boolean) =>
      ingester.ingest(records.map((r) => ({ record: r })), { now: NOW, refreshAggregates })
    // Some complaints kept current page by page, then a bulk load with updates of those and new ones.
    page(Array.from({ length: 20 }, (_, i) => complaint(i, 1)), true)
    page([...Array.from({ length: 30 }, (_, i) => complaint(20 + i, 1)), ...Array.from({ length: 10 }, (_, i) => complaint(i, 2))], false)
    page([complaint(3, 3), complaint(3, 4), complaint(25, 5)], false)
    // The deadline rows are current already: one per complaint.
    expect(db.prepare('SELECT count(*) FROM complaint_sla').pluck().get()).toBe(50)
    const reader = openStore(file, { readonly: true })
    const r = rebuildSliced(db, reader, { kabupaten: '64.08', now: NOW, slice: 100, digest: false, clear: [], deadlines: false })
    reader.close()
    expect(r.slices).toBe(0)
    expect(r.corrected).toBeGreaterThan(0)
    const both = incrementalAndRebuilt(db)
    expect(both.incremental).toEqual(both.rebuilt)
  })
})

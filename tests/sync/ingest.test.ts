// ingestRecords on a real store: idempotency, older versions refused, history never duplicated, quarantine,
// cursor committed with the data, aggregates kept current, dry run.
import { describe, expect, it } from 'vitest'
import { tempStore } from '../helpers.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { ingestRecords, type IngestItem } from '#main/sync/ingest.ts'
import type { UpstreamRecordInput } from '#main/sync/record.ts'
import { H, T0, record } from './records.ts'
import { createChangeBus, type Change } from '#main/live/bus.ts'

function setup() {
  const { db, file } = tempStore()
  seedKabupaten(db, '64.08')
  const source = saveSource(db, { name: 'lapor', kind: 'lapor-json', kabupaten: '64.08' })
  return { db, file, source }
}

const items = (...records: UpstreamRecordInput[]): IngestItem[] => records.map((record) => ({ record }))
const count = (db: ReturnType<typeof setup>['db'], sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number

describe('ingestRecords', () => {
  it('stores a record with its reporter, history and derived milestones', () => {
    const { db, source } = setup()
    const c = ingestRecords(db, source, items(record()))
    expect(c).toMatchObject({ inserted: 1, updated: 0, unchanged: 0, quarantined: 0, events: 4 })
    const row = db.prepare("SELECT * FROM complaint WHERE source = 'lapor'").get() as Record<string, unknown>
    const dpupr = count(db, "SELECT id FROM unit WHERE kode = '64.08/dpupr'")
    expect(row).toMatchObject({
      status: 'proses',
      status_raw: 'Proses',
      unit_id: dpupr,
      first_unit_id: dpupr,
      verified_at: T0 + 2 * H,
      dispositioned_at: T0 + 3 * H,
      first_response_at: T0 + 30 * H,
      disposition_count: 1,
      upstream_version: 1,
    })
    expect(count(db, 'SELECT count(*) FROM reporter WHERE nik = ?', '6408011204900001')).toBe(1)
    // The dashboards see it at once: the aggregates were refreshed in the same transaction.
    expect(count(db, "SELECT n FROM kpi_count WHERE kabupaten_kode = '64.08' AND dim = 'all' AND grain = 1")).toBe(1)
  })

  it('changes nothing when the same record or the same page comes twice', () => {
    const { db, source } = setup()
    const page = items(record(), record({ tracking_id: '1916450' }))
    ingestRecords(db, source, page)
    const before = db.prepare('SELECT * FROM complaint ORDER BY id').all()
    const again = ingestRecords(db, source, page)
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, events: 0 })
    const twice = ingestRecords(db, source, items(record(), record()))
    expect(twice).toMatchObject({ inserted: 0, unchanged: 2 })
    expect(db.prepare('SELECT * FROM complaint ORDER BY id').all()).toEqual(before)
    expect(count(db, 'SELECT count(*) FROM complaint_event')).toBe(8)
  })

  it('applies a newer version, adds only the new history, and never lets an older version back', () => {
    const { db, source } = setup()
    ingestRecords(db, source, items(record()))
    const v2 = record({
      version: 2,
      updated_at: T0 + 50 * H,
      status_raw: 'Selesai',
      history: [
        ...record().history!,
        { upstream_id: 'e5', kind: 'status', at: T0 + 50 * H, actor: 'Admin', from_status: 'proses', to_status: 'selesai' },
      ],
    })
    expect(ingestRecords(db, source, items(v2))).toMatchObject({ updated: 1, events: 1 })
    expect(ingestRecords(db, source, items(record()))).toMatchObject({ unchanged: 1, updated: 0 })
    const row = db.prepare('SELECT status, closed_at, upstream_version FROM complaint').get()
    expect(row).toEqual({ status: 'selesai', closed_at: T0 + 50 * H, upstream_version: 2 })
    expect(count(db, 'SELECT count(*) FROM complaint_event')).toBe(5)
    // Without version counters, time decides.
    const noVersion = record({ tracking_id: '77', version: null })
    ingestRecords(db, source, items(noVersion))
    expect(ingestRecords(db, source, items({ ...noVersion, updated_at: noVersion.updated_at - H, status_raw: 'Tunda' }))).toMatchObject({ unchanged: 1 })
    expect(count(db, "SELECT count(*) FROM complaint WHERE tracking_id = '77' AND status = 'proses'")).toBe(1)
  })

  it('quarantines bad records with the reason and raw payload, and stores the rest', () => {
    const { db, source } = setup()
    const bad: IngestItem[] = [
      { record: record({ tracking_id: 'a1', status_raw: 'Entah' }), ref: 'halaman 1, #1' },
      { record: record({ tracking_id: 'a2', kategori: 'tidak-ada' }) },
      { record: record({ tracking_id: 'a3', location: { kecamatan_kode: '21.03.01' } }) },
      { record: { tracking_id: 'a4', judul: 5 } },
      { error: 'JSON rusak: Unexpected token', raw: '{"tracking_id": "a5", ', tracking_id: 'a5' },
      { record: record({ tracking_id: 'a6', history: [{ upstream_id: 'x', kind: 'disposition', at: T0, actor: 'A', to_unit: 'nowhere' }] }) },
      { record: record({ tracking_id: 'ok' }) },
    ]
    const c = ingestRecords(db, source, bad)
    expect(c).toMatchObject({ inserted: 1, quarantined: 6 })
    const q = db.prepare('SELECT tracking_id, ref, reason, raw_json FROM sync_quarantine ORDER BY id').all() as Record<string, string>[]
    expect(q.map((r) => r.tracking_id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6'])
    expect(q[0].ref).toBe('halaman 1, #1')
    expect(q[0].reason).toMatch(/status "Entah" tidak dikenal/)
    expect(q[1].reason).toMatch(/kategori.*tidak-ada/)
    expect(q[2].reason).toMatch(/kecamatan 21\.03\.01 bukan bagian kabupaten 64\.08/)
    expect(q[3].reason).toMatch(/judul/)
    expect(q[4].raw_json).toBe('{"tracking_id": "a5", ')
    expect(q[5].reason).toMatch(/history\.0\.to_unit: unit "nowhere"/)
    expect(JSON.parse(q[0].raw_json).tracking_id).toBe('a1')
    // Seen again: counted, not stored twice. A good version later resolves it.
    ingestRecords(db, source, bad.slice(0, 1))
    expect(count(db, 'SELECT seen_count FROM sync_quarantine WHERE tracking_id = ?', 'a1')).toBe(2)
    ingestRecords(db, source, items(record({ tracking_id: 'a1' })))
    expect(count(db, 'SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL')).toBe(5)
  })

  it('commits the cursor and run counters with the data, and a failure rolls back both', () => {
    const { db, source } = setup()
    const runId = Number(db.prepare("INSERT INTO sync_run (source_id, trigger, status, started_at, heartbeat_at) VALUES (?, 'test', 'running', 0, 0)").run(source.id).lastInsertRowid)
    ingestRecords(db, source, items(record()), { cursor: 'c1', runId })
    expect(count(db, 'SELECT count(*) FROM sync_source WHERE cursor = ?', 'c1')).toBe(1)
    expect(db.prepare('SELECT fetched, inserted, pages FROM sync_run').get()).toEqual({ fetched: 1, inserted: 1, pages: 1 })
    // A crash mid-page (here: the store closing under it) leaves the previous cursor and data as they were.
    const boom = { get record() { throw new Error('koneksi putus') } } as unknown as IngestItem
    expect(() => ingestRecords(db, source, [{ record: record({ tracking_id: 'n2' }) }, boom], { cursor: 'c2', runId })).toThrow('koneksi putus')
    expect(count(db, 'SELECT count(*) FROM sync_source WHERE cursor = ?', 'c1')).toBe(1)
    expect(count(db, "SELECT count(*) FROM complaint WHERE tracking_id = 'n2'")).toBe(0)
    expect(db.prepare('SELECT fetched, inserted, pages FROM sync_run').get()).toEqual({ fetched: 1, inserted: 1, pages: 1 })
  })

  it('keeps a location tagged locally when the upstream has none, and tells the live bus', async () => {
    const { db, source } = setup()
    ingestRecords(db, source, items(record({ location: null })))
    db.prepare("UPDATE complaint SET kecamatan_kode = '64.08.04', desa_kode = NULL").run()
    const bus = createChangeBus()
    const seen: Change[] = []
    const ac = new AbortController()
    const listening = (async () => {
      for await (const c of bus.changes(ac.signal)) seen.push(c)
    })().catch(() => {})
    await new Promise((r) => setImmediate(r))
    ingestRecords(db, source, items(record({ location: null, version: 2, updated_at: T0 + 40 * H })), { bus })
    ac.abort()
    await listening
    expect(count(db, "SELECT count(*) FROM complaint WHERE kecamatan_kode = '64.08.04'")).toBe(1)
    expect(seen).toEqual([expect.objectContaining({ kabupaten: '64.08', kind: 'complaints', count: 1 })])
  })

  it('dry run reports what would happen and changes nothing', () => {
    const { db, source } = setup()
    const c = ingestRecords(db, source, [...items(record()), { record: { tracking_id: 'bad' } }], { dryRun: true, cursor: 'x' })
    expect(c).toMatchObject({ inserted: 1, quarantined: 1 })
    expect(c.problems[0]).toMatchObject({ tracking_id: 'bad' })
    expect(count(db, 'SELECT count(*) FROM complaint')).toBe(0)
    expect(count(db, 'SELECT count(*) FROM sync_quarantine')).toBe(0)
    expect(count(db, 'SELECT count(*) FROM sync_source WHERE cursor IS NULL')).toBe(1)
  })
})

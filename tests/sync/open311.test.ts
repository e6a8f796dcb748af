// The Open311 connector against a real GeoReport v2 server on 127.0.0.1: history walked in windows of at most
// 90 days, full windows split until they fit, the standard's error bodies, and records stored through ingest.
import { afterEach, describe, expect, it } from 'vitest'
import { seedKabupaten } from '../../src/main/regions/seed.ts'
import { Ingester } from '../../src/main/sync/ingest.ts'
import { saveSource, sourceByName } from '../../src/main/sync/sources.ts'
import { fetchServices, parseOpen311Config, pullOpen311 } from '../../src/main/sync/connectors/open311/connector.ts'
import { httpGetJson, Open311Error } from '../../src/main/sync/connectors/open311/http.ts'
import { open311Refs } from '../../src/main/sync/connectors/open311/refs.ts'
import type { Db } from '../../src/main/store/open.ts'
import { tempStore } from '../helpers.ts'
import { request, startOpen311Server, type TestRequest, type TestServer } from './open311-server.ts'

const servers: TestServer[] = []
afterEach(async () => {
  while (servers.length) await servers.pop()!.close()
})

const DAY = 86_400_000
const T0 = Date.parse('2025-01-01T00:00:00Z')
const NOW = Date.parse('2026-11-01T00:00:00Z')

async function serve(requests: TestRequest[], opts?: Parameters<typeof startOpen311Server>[1]) {
  const s = await startOpen311Server(requests, opts)
  servers.push(s)
  return s
}

function store(config: Record<string, unknown>) {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  saveSource(db, { name: 'kota-open311', kind: 'open311', kabupaten: '64.08', config })
  return db
}

/** One run the way the engine drives a connector: each page stored with the cursor it completes. */
async function run(db: Db, now = NOW) {
  const source = sourceByName(db, 'kota-open311')!
  const cfg = parseOpen311Config(JSON.parse(source.config_json))
  const refs = open311Refs(db, '64.08', cfg)
  const ingester = new Ingester(db, source)
  const totals = { pages: 0, calls: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, truncated: [] as string[], problems: [] as string[] }
  for await (const page of pullOpen311(cfg, { cursor: source.cursor, getJson: httpGetJson(5000), refs, now })) {
    const c = ingester.ingest(page.items, { cursor: page.cursor, now })
    totals.pages++
    totals.calls += page.calls
    totals.inserted += c.inserted
    totals.updated += c.updated
    totals.unchanged += c.unchanged
    totals.quarantined += c.quarantined
    totals.problems.push(...c.problems.map((p) => p.reason))
    if (page.isTruncated) totals.truncated.push(new Date(page.window.start).toISOString())
    // Reloaded per page, as the engine does, so a crash between pages resumes from the stored cursor.
    source.cursor = sourceByName(db, 'kota-open311')!.cursor
  }
  return { ...totals, unmapped: refs.unmapped() }
}

const count = (db: Db) => db.prepare("SELECT count(*) FROM complaint WHERE source = 'kota-open311'").pluck().get() as number

describe('Open311 connector', () => {
  it('walks two years in ≤90-day windows, splits full windows until they fit, and stores every request', async () => {
    const reqs: TestRequest[] = []
    // A steady trickle: two a day.
    for (let t = T0 + 3_600_000, i = 0; t < NOW - DAY; t += DAY / 2, i++) reqs.push(request(`S${i}`, t))
    // A flood day: 2,600 requests within six hours (the 1,000 cap three times over inside one 90-day window).
    const flood = Date.parse('2026-02-10T01:00:00Z')
    for (let i = 0; i < 2600; i++) reqs.push(request(`F${i}`, flood + i * 8_000))
    // 1,003 requests stamped with the very same second: no window can hold them under the cap.
    const storm = Date.parse('2026-06-01T03:00:00Z')
    for (let i = 0; i < 1003; i++) reqs.push(request(`X${i}`, storm))
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: '2025-01-01' })

    const r = await run(db)
    // The server refuses windows over 90 days with a 400, so reaching here at all proves the windowing; check anyway.
    for (const c of server.calls) expect(Date.parse(c.end) - Date.parse(c.start)).toBeLessThanOrEqual(90 * DAY)
    expect(server.calls.filter((c) => c.returned === 1000).length).toBeGreaterThan(3) // full windows were met…
    // …and only the storm could not be split: the one-second windows touching its second (windows share their
    // boundary instant, so both neighbours of 03:00:00 hold it).
    expect(r.truncated).toEqual(['2026-06-01T02:59:59.000Z', '2026-06-01T03:00:00.000Z'])
    // Everything but the 3 requests beyond the cap in that one second is stored, each once.
    expect(count(db)).toBe(reqs.length - 3)
    expect(r.inserted).toBe(reqs.length - 3)
    expect(r.quarantined).toBe(0)

    // Mapped onto our units and categories by name and code.
    const row = db
      .prepare("SELECT c.status, c.status_raw, c.channel, g.kode AS cat, u.kode AS unit, c.lat FROM complaint c LEFT JOIN category g ON g.id = c.category_id LEFT JOIN unit u ON u.id = c.unit_id WHERE tracking_id = 'S0'")
      .get()
    expect(row).toEqual({ status: 'belum_ditindaklanjuti', status_raw: 'open', channel: 'integrasi_daerah', cat: 'jalan', unit: '64.08/dpupr', lat: 0.51 })

    // Run again: only the look-back days are read, nothing changes.
    const callsBefore = server.calls.length
    const again = await run(db, NOW + 3_600_000)
    expect(again.inserted + again.updated).toBe(0)
    expect(server.calls.length - callsBefore).toBe(1)
    expect(Date.parse(server.calls.at(-1)!.start)).toBe(NOW + 3_600_000 - 30 * DAY)
    expect(count(db)).toBe(reqs.length - 3)
  })

  it('picks up a request closed upstream within the look-back, with its note, once', async () => {
    const reqs = [request('A1', NOW - 10 * DAY), request('A2', NOW - 5 * DAY, { agency_responsible: 'Dinas Kesehatan', service_code: 'puskesmas' })]
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: '2026-09-01' })
    await run(db)
    Object.assign(reqs[0], { status: 'closed', status_notes: 'Lubang sudah ditambal 3 Nov', updated_datetime: new Date(NOW + DAY).toISOString() })
    const r = await run(db, NOW + 2 * DAY)
    expect(r).toMatchObject({ updated: 1, unchanged: 1, inserted: 0 })
    await run(db, NOW + 3 * DAY) // the same answer again
    const c = db.prepare("SELECT id, status, closed_at, first_response_at FROM complaint WHERE tracking_id = 'A1'").get() as { id: number; status: string; closed_at: number; first_response_at: number }
    expect(c).toMatchObject({ status: 'selesai', closed_at: NOW + DAY, first_response_at: NOW + DAY })
    const events = db.prepare('SELECT kind, body FROM complaint_event WHERE complaint_id = ? ORDER BY at, id').all(c.id)
    expect(events).toEqual([
      { kind: 'submitted', body: null },
      { kind: 'disposition', body: null },
      { kind: 'tindak_lanjut', body: 'Lubang sudah ditambal 3 Nov' },
      { kind: 'status', body: null },
    ])
  })

  it('uses the source mapping first, and lists services and agencies it could not place', async () => {
    const reqs = [
      request('M1', NOW - 3 * DAY, { service_code: 'PJU-01', service_name: 'Lampu jalan padam', agency_responsible: 'PU' }),
      request('M2', NOW - 2 * DAY, { service_code: 'XYZ', service_name: 'Layanan aneh', agency_responsible: 'Dinas Rahasia Negara' }),
    ]
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: '2026-10-01', services: { 'PJU-01': 'pju' }, agencies: { PU: '64.08/dpupr' } })
    const r = await run(db)
    expect(r.unmapped).toEqual({ services: ['XYZ'], agencies: ['Dinas Rahasia Negara'] })
    const rows = db.prepare("SELECT tracking_id, g.kode AS cat, u.kode AS unit FROM complaint c LEFT JOIN category g ON g.id = c.category_id LEFT JOIN unit u ON u.id = c.unit_id ORDER BY tracking_id").all()
    expect(rows).toEqual([
      { tracking_id: 'M1', cat: 'pju', unit: '64.08/dpupr' },
      { tracking_id: 'M2', cat: null, unit: null },
    ])
  })

  it('quarantines a malformed request with its reason and stores the rest', async () => {
    const reqs = [
      request('G1', NOW - 3 * DAY),
      request('B1', NOW - 2 * DAY, { status: 'maybe' }),
      request('B2', NOW - 2 * DAY, { updated_datetime: 'besok pagi' }),
      request('G2', NOW - DAY),
    ]
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: '2026-10-01' })
    const r = await run(db)
    expect(r.inserted).toBe(2)
    expect(r.quarantined).toBe(2)
    const q = db.prepare('SELECT tracking_id, reason FROM sync_quarantine ORDER BY tracking_id').all() as { tracking_id: string; reason: string }[]
    expect(q.map((x) => x.tracking_id)).toEqual(['B1', 'B2'])
    expect(q[0].reason).toMatch(/status Open311 harus open atau closed/)
    expect(q[1].reason).toMatch(/updated_datetime: bukan tanggal/)
  })

  it("reports the standard's error bodies in the server's words, and says whether a retry can help", async () => {
    const server = await serve([], { services: [{ service_code: 'jalan', service_name: 'Jalan', group: 'Infrastruktur' }] })
    const cfg = parseOpen311Config({ baseUrl: server.url })
    const get = httpGetJson(5000)
    expect(await fetchServices(cfg, get)).toEqual([{ service_code: 'jalan', service_name: 'Jalan', group: 'Infrastruktur', description: undefined, keywords: undefined, type: undefined }])

    server.failNext(1, 403, JSON.stringify([{ code: 403, description: 'Invalid jurisdiction_id provided' }]))
    const forbidden = await fetchServices(cfg, get).catch((e) => e)
    expect(forbidden).toBeInstanceOf(Open311Error)
    expect(forbidden.message).toBe('Open311 /open311/v2/services.json: HTTP 403 — 403: Invalid jurisdiction_id provided')
    expect(forbidden.errors).toEqual([{ code: 403, description: 'Invalid jurisdiction_id provided' }])
    expect(forbidden.isRetryable).toBe(false)

    server.failNext(1, 503, '<html>Service Unavailable</html>')
    const down = await fetchServices(cfg, get).catch((e) => e)
    expect(down).toMatchObject({ status: 503, isRetryable: true })
    expect(down.message).toMatch(/HTTP 503 — <html>Service Unavailable/)

    server.failNext(1, 200, '[{"service_request_id": "1", "status": "op')
    const cut = await fetchServices(cfg, get).catch((e) => e)
    expect(cut).toMatchObject({ isRetryable: true, message: expect.stringMatching(/bukan JSON yang utuh/) })

    server.failNext(1, 200, JSON.stringify([{ code: 400, description: 'service_code not found' }]))
    expect((await fetchServices(cfg, get).catch((e) => e)).message).toMatch(/400: service_code not found/)

    const refused = await httpGetJson(2000)(new URL('http://127.0.0.1:1/open311/v2/services.json')).catch((e) => e)
    expect(refused).toMatchObject({ status: null, isRetryable: true })
  })

  it('refuses a configuration that breaks the standard', () => {
    expect(() => parseOpen311Config({ baseUrl: 'http://x', windowDays: 120 })).toThrow()
    expect(() => parseOpen311Config({ baseUrl: 'bukan alamat' })).toThrow(/alamat server Open311 tidak sah/)
  })
})

// The Open311 connector against a real GeoReport v2 server on 127.0.0.1: history walked in windows of at most
// 90 days, full windows split until they fit, the standard's error bodies, and records stored through ingest.
import { afterEach, describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { runSync } from '#main/sync/engine.ts'
import { connectorFor } from '#main/sync/connector.ts'
import { fetchServices } from '#main/sync/connectors/open311/connector.ts'
import { open311ConfigSchema } from '#main/sync/connectors/open311/config.ts'
import { Open311Error, open311Get } from '#main/sync/connectors/open311/http.ts'
import type { PullContext } from '#main/sync/connector.ts'
import type { Db } from '#main/store/open.ts'
import { open311Settings, saveOpen311Settings, serviceMappings } from '#main/sync/connectors/open311/settings.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { verifyAuditChain } from '#main/audit/log.ts'
import { setVocabularyWord, unmappedStatuses, Vocabulary } from '#main/sync/vocabulary.ts'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startSimulator, type RunningSimulator } from '#main/dev/simulator/server.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { request, startOpen311Server, type TestRequest, type TestServer } from './open311-server.ts'

const servers: (TestServer | RunningSimulator)[] = []
afterEach(async () => {
  while (servers.length) await servers.pop()!.close()
})

const DAY = 86_400_000
// The engine reads the real clock, so the test's history is laid out relative to it.
const NOW = Math.floor(Date.now() / 1000) * 1000
const POLICY = { retries: 2, baseMs: 5, maxMs: 20, timeoutMs: 5000 }

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

const run = (db: Db) => runSync(db, 'kota-open311', { trigger: 'test', policy: POLICY })
const count = (db: Db) => db.prepare("SELECT count(*) FROM complaint WHERE source = 'kota-open311'").pluck().get() as number
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const ctx = (): PullContext => ({ signal: new AbortController().signal, policy: { ...POLICY, retries: 0 }, onRetry: () => {} })

describe('Open311 connector', () => {
  it('walks two years in ≤90-day windows, splits full windows until they fit, and stores every request', async () => {
    const reqs: TestRequest[] = []
    // A steady trickle: two a day.
    for (let t = NOW - 700 * DAY, i = 0; t < NOW - DAY; t += DAY / 2, i++) reqs.push(request(`S${i}`, t))
    // A flood day: 2,600 requests within six hours (the 1,000 cap three times over inside one 90-day window).
    const flood = NOW - 200 * DAY
    for (let i = 0; i < 2600; i++) reqs.push(request(`F${i}`, flood + i * 8_000))
    // 1,003 requests stamped with the very same second: no window can hold them under the cap.
    const storm = NOW - 100 * DAY + 1_234_000
    for (let i = 0; i < 1003; i++) reqs.push(request(`X${i}`, storm))
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: isoDate(NOW - 701 * DAY) })

    const r = await run(db)
    expect(r).toMatchObject({ status: 'ok', error: null })
    // The server refuses windows over 90 days with a 400, so a clean run proves the windowing; check anyway.
    expect(server.calls.length).toBeGreaterThan(0)
    for (const c of server.calls) expect(Date.parse(c.end) - Date.parse(c.start)).toBeLessThanOrEqual(90 * DAY)
    expect(server.calls.filter((c) => c.returned === 1000).length).toBeGreaterThan(3) // full windows were met…
    // …and only the storm could not be split, which the quarantine says (both one-second windows touching its
    // second hold it: windows share their boundary instant).
    const gaps = db.prepare('SELECT ref, reason FROM sync_quarantine').all() as { ref: string; reason: string }[]
    expect(gaps).toHaveLength(2)
    for (const g of gaps) expect(g.reason).toMatch(/lebih dari 1000 permintaan dalam satu detik/)
    expect(gaps.map((g) => g.ref).join(' ')).toContain(new Date(storm).toISOString().replace('.000Z', 'Z'))
    // Everything but the 3 requests beyond the cap in that one second is stored, each once.
    expect(count(db)).toBe(reqs.length - 3)
    expect(r.inserted).toBe(reqs.length - 3)

    // Mapped onto our units and categories by name and code.
    const row = db
      .prepare("SELECT c.status, c.status_raw, c.channel, g.kode AS cat, u.kode AS unit, c.lat FROM complaint c LEFT JOIN category g ON g.id = c.category_id LEFT JOIN unit u ON u.id = c.unit_id WHERE tracking_id = 'S0'")
      .get()
    expect(row).toEqual({ status: 'belum_ditindaklanjuti', status_raw: 'open', channel: 'integrasi_daerah', cat: 'jalan', unit: '64.08/dpupr', lat: 0.51 })

    // Run again: only the look-back days are read, nothing changes.
    const callsBefore = server.calls.length
    const again = await run(db)
    expect(again.inserted + again.updated).toBe(0)
    expect(server.calls.length - callsBefore).toBe(1)
    expect(Math.abs(Date.parse(server.calls.at(-1)!.start) - (Date.now() - 30 * DAY))).toBeLessThan(60_000)
    expect(count(db)).toBe(reqs.length - 3)
  })

  it('picks up a request closed upstream within the look-back, with its status note, once', async () => {
    const reqs = [request('A1', NOW - 10 * DAY), request('A2', NOW - 5 * DAY, { agency_responsible: 'Dinas Kesehatan', service_code: 'puskesmas' })]
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: isoDate(NOW - 20 * DAY) })
    await run(db)
    const closedAt = NOW - DAY
    Object.assign(reqs[0], { status: 'closed', status_notes: 'Lubang sudah ditambal', updated_datetime: new Date(closedAt).toISOString() })
    expect(await run(db)).toMatchObject({ updated: 1, unchanged: 1, inserted: 0 })
    expect(await run(db)).toMatchObject({ updated: 0, unchanged: 2 }) // the same answer again
    const c = db.prepare("SELECT id, status, closed_at, first_response_at FROM complaint WHERE tracking_id = 'A1'").get() as { id: number }
    // Open311 does not say when the agency first answered: no response time is invented from the note.
    expect(c).toMatchObject({ status: 'selesai', closed_at: closedAt, first_response_at: null })
    const events = db.prepare('SELECT kind, body FROM complaint_event WHERE complaint_id = ? ORDER BY at, id').all(c.id)
    expect(events).toEqual([
      { kind: 'submitted', body: null },
      { kind: 'disposition', body: null },
      { kind: 'note', body: 'Lubang sudah ditambal' },
      { kind: 'status', body: null },
    ])
  })

  it('maps services and agencies by the source table first, then by name; the connection test names what is unmapped', async () => {
    const reqs = [
      request('M1', NOW - 3 * DAY, { service_code: 'PJU-01', service_name: 'Lampu jalan padam', agency_responsible: 'PU' }),
      request('M2', NOW - 2 * DAY, { service_code: 'XYZ', service_name: 'Layanan aneh', agency_responsible: 'Dinas Rahasia Negara' }),
      request('M3', NOW - 2 * DAY, { service_code: 'S-7', service_name: 'Air Bersih', agency_responsible: 'dinkes' }),
    ]
    const services = [
      { service_code: 'PJU-01', service_name: 'Lampu jalan padam' },
      { service_code: 'XYZ', service_name: 'Layanan aneh' },
      { service_code: 'S-7', service_name: 'Air Bersih' },
    ]
    const server = await serve(reqs, { services })
    const db = store({ baseUrl: server.url, since: isoDate(NOW - 10 * DAY), services: { 'PJU-01': 'pju' }, agencies: { PU: '64.08/dpupr' } })
    await run(db)
    const rows = db.prepare('SELECT tracking_id, g.kode AS cat, u.kode AS unit FROM complaint c LEFT JOIN category g ON g.id = c.category_id LEFT JOIN unit u ON u.id = c.unit_id ORDER BY tracking_id').all()
    expect(rows).toEqual([
      { tracking_id: 'M1', cat: 'pju', unit: '64.08/dpupr' },
      { tracking_id: 'M2', cat: null, unit: null },
      { tracking_id: 'M3', cat: 'air-bersih', unit: '64.08/dinkes' },
    ])
    const source = db.prepare("SELECT * FROM sync_source WHERE name = 'kota-open311'").get() as Parameters<typeof connectorFor>[1]
    expect(await connectorFor(db, source, null).test(ctx())).toBe('Tersambung: 3 layanan Open311; belum dipetakan ke kategori: XYZ')
  })

  it('quarantines a malformed request with its reason and stores the rest', async () => {
    const reqs = [
      request('G1', NOW - 3 * DAY),
      request('B1', NOW - 2 * DAY, { status: ' ' }),
      request('B2', NOW - 2 * DAY, { updated_datetime: 'besok pagi' }),
      request('G2', NOW - DAY),
    ]
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: isoDate(NOW - 10 * DAY) })
    const r = await run(db)
    expect(r).toMatchObject({ inserted: 2, quarantined: 2 })
    const q = db.prepare('SELECT tracking_id, reason FROM sync_quarantine ORDER BY tracking_id').all() as { tracking_id: string; reason: string }[]
    expect(q.map((x) => x.tracking_id)).toEqual(['B1', 'B2'])
    expect(q[0].reason).toMatch(/status Open311 kosong/)
    expect(q[1].reason).toMatch(/updated_datetime: bukan tanggal/)
  })

  it('stores every non-standard status (none quarantined), mapped by the vocabulary, the raw word kept; an unknown word by open/closed semantics, flagged until the admin maps it', async () => {
    const words = ['investigating', 'acknowledged', 'in_progress', 'In Progress', 'ASSIGNED', 'on-hold', 'resolved', 'duplicate', 'referred', 'submitted', 'open', 'closed', 'Frobnicating', 'auto_closed_by_bot']
    const reqs = words.map((w, i) => request(`N${i}`, NOW - 3 * DAY + i * 60_000, { status: w }))
    const server = await serve(reqs)
    const db = store({ baseUrl: server.url, since: isoDate(NOW - 10 * DAY) })
    const r = await run(db)
    expect(r).toMatchObject({ status: 'ok', inserted: words.length, quarantined: 0 })
    const rows = db.prepare("SELECT status_raw, status FROM complaint WHERE source = 'kota-open311' ORDER BY tracking_id").all() as { status_raw: string; status: string }[]
    const got = Object.fromEntries(rows.map((x) => [x.status_raw, x.status]))
    expect(got).toEqual({
      investigating: 'proses',
      acknowledged: 'belum_ditindaklanjuti',
      in_progress: 'proses',
      'In Progress': 'proses',
      ASSIGNED: 'belum_ditindaklanjuti',
      'on-hold': 'tunda',
      resolved: 'selesai',
      duplicate: 'arsip',
      referred: 'bukan_wewenang',
      submitted: 'belum_terverifikasi',
      open: 'belum_ditindaklanjuti',
      closed: 'selesai',
      Frobnicating: 'belum_ditindaklanjuti',
      auto_closed_by_bot: 'selesai',
    })
    // The two words no table holds are listed for the admin as "status belum dipetakan".
    expect(unmappedStatuses(db).map((u) => [u.status_raw, u.flag]).sort()).toEqual([
      ['Frobnicating', 'belum_dipetakan'],
      ['auto_closed_by_bot', 'belum_dipetakan'],
    ])
    // The admin maps one; audited, and the next request with that word takes the new value.
    const admin = upsertProfile(db, 'admin', 'Admin', 'admin')
    setVocabularyWord(db, admin, { kind: 'status', word: 'Frobnicating', value: 'proses' })
    expect(db.prepare("SELECT action, entity_id, before_json, after_json FROM audit_log WHERE action = 'vocabulary.set'").get()).toMatchObject({
      entity_id: 'status:frobnicating',
      before_json: 'null',
    })
    expect(verifyAuditChain(db).ok).toBe(true)
    expect(() => setVocabularyWord(db, admin, { kind: 'status', word: 'x', value: 'selesai_banget' })).toThrow(/tidak sah untuk status/)
    expect(Vocabulary.load(db).open311Status('frobnicating')).toEqual({ value: 'proses', how: 'tabel', flag: null })
    expect(unmappedStatuses(db).map((u) => u.status_raw)).toEqual(['auto_closed_by_bot'])
  })

  it("reports the standard's error bodies in the server's words; the engine retries only what may recover", async () => {
    const server = await serve([], { services: [{ service_code: 'jalan', service_name: 'Jalan', group: 'Infrastruktur' }] })
    const cfg = open311ConfigSchema.parse({ baseUrl: server.url })
    const get = open311Get(ctx())
    expect(await fetchServices(cfg, get)).toEqual([{ service_code: 'jalan', service_name: 'Jalan', group: 'Infrastruktur' }])

    server.failNext(1, 403, JSON.stringify([{ code: 403, description: 'Invalid jurisdiction_id provided' }]))
    const forbidden = await fetchServices(cfg, get).catch((e) => e)
    expect(forbidden).toBeInstanceOf(Open311Error)
    expect(forbidden.message).toBe('Open311 /open311/v2/services.json: server menjawab 403 — 403: Invalid jurisdiction_id provided')
    expect(forbidden.errors).toEqual([{ code: 403, description: 'Invalid jurisdiction_id provided' }])

    server.failNext(1, 200, JSON.stringify([{ code: 400, description: 'service_code not found' }]))
    expect((await fetchServices(cfg, get).catch((e) => e)).message).toMatch(/server menjawab 200 — 400: service_code not found/)

    server.failNext(1, 503, JSON.stringify([{ code: 503, description: 'maintenance' }]))
    expect((await fetchServices(cfg, get).catch((e) => e)).message).toMatch(/hulu menjawab 503: maintenance \(setelah 1 percobaan\)/)
    server.failNext(1, 200, '[{"service_code": "jal')
    expect((await fetchServices(cfg, get).catch((e) => e)).message).toMatch(/jawaban terpotong atau bukan JSON/)
    // With retries, a server that recovers is simply read.
    server.failNext(2, 502, 'Bad Gateway')
    expect(await fetchServices(cfg, open311Get({ ...ctx(), policy: POLICY }))).toHaveLength(1)

    // A run against a server that keeps failing ends 'failed' with the reason; nothing stored, cursor untouched.
    const db = store({ baseUrl: server.url, since: isoDate(NOW - 10 * DAY) })
    server.failNext(100, 400, JSON.stringify([{ code: 400, description: 'start_date format invalid' }]))
    const r = await run(db)
    expect(r.status).toBe('failed')
    expect(r.error).toMatch(/400 — 400: start_date format invalid/)
    expect(db.prepare("SELECT cursor FROM sync_source WHERE name = 'kota-open311'").pluck().get()).toBeNull()
  })

  it('refuses a configuration that breaks the standard', () => {
    expect(open311ConfigSchema.safeParse({ baseUrl: 'http://x', windowDays: 120 }).success).toBe(false)
    expect(open311ConfigSchema.safeParse({ baseUrl: 'bukan alamat' }).error?.issues[0].message).toBe('alamat server Open311 tidak sah')
  })

  it('syncs the simulator\'s Open311 side in full, through its faults, matching what it serves', async () => {
    // 20,000 complaints over three years: some 90-day windows hold more than 1,000 and must be split.
    const sim = await startSimulator({ port: 0, datasets: [{ kabupaten: '64.08', count: 20_000, seed: 7 }], ratePerMinute: 0 })
    servers.push(sim)
    const db = store({ baseUrl: `${sim.url}/open311/v2`, jurisdictionId: '64.08', since: isoDate(NOW - 4 * 365 * DAY) })
    // Within the retry budget (two retries): a 500, then a page cut off mid-JSON, then the real answer.
    sim.faults.arm('500', { count: 1 })
    sim.faults.arm('truncate', { count: 1 })
    const r = await run(db)
    expect(r.error).toBeNull()
    expect(r).toMatchObject({ status: 'ok', quarantined: 0 })
    expect(r.retries).toBe(2)
    const served = sim.store.db
      .prepare("SELECT count(*) AS n, sum(status IN ('selesai', 'arsip', 'bukan_wewenang', 'dihapus')) AS closed FROM complaint WHERE kabupaten_kode = '64.08' AND is_rahasia = 0")
      .get() as { n: number; closed: number }
    const stored = db.prepare("SELECT count(*) AS n, sum(status = 'selesai') AS closed FROM complaint WHERE source = 'kota-open311'").get()
    expect(stored).toEqual(served)
    // Rahasia complaints are not public: the simulator never serves them, so none arrive.
    expect(served.n).toBeLessThan(20_000)
    // Services are the simulator's category kodes and agencies its unit names: all of them find their match.
    const refs = (d: typeof db, where: string) =>
      d.prepare(`SELECT count(category_id) AS cat, count(unit_id) AS unit FROM complaint WHERE ${where}`).get()
    expect(refs(db, "source = 'kota-open311'")).toEqual(refs(sim.store.db, "kabupaten_kode = '64.08' AND is_rahasia = 0"))
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok')
  }, 180_000) // generating 20,000 upstream complaints and syncing them takes a while on a shared 2-core machine

  it('keeps the mapping per source: merged, validated, audited, and shown against the server\'s services', async () => {
    const server = await serve([], { services: [{ service_code: 'PJU-01', service_name: 'Lampu jalan padam' }, { service_code: 'S-7', service_name: 'Air Bersih' }, { service_code: 'Z', service_name: 'Lain-lain' }] })
    const db = store({ baseUrl: server.url, since: '2025-01-01' })
    const admin = upsertProfile(db, 'admin', 'Admin', 'admin')
    const after = saveOpen311Settings(db, admin, 'kota-open311', { jurisdictionId: '64.08', services: { 'PJU-01': 'pju' }, agencies: { PU: '64.08/dpupr' } })
    expect(after).toMatchObject({ baseUrl: server.url, since: '2025-01-01', jurisdictionId: '64.08', services: { 'PJU-01': 'pju' }, windowDays: 90 })
    expect(open311Settings(db, 'kota-open311')).toEqual(after)
    expect(() => saveOpen311Settings(db, admin, 'kota-open311', { windowDays: 365 })).toThrow(/windowDays/)
    expect(() => saveOpen311Settings(db, admin, 'kota-open311', { agency: { PU: '64.08/dpupr' } })).toThrow(/agency/)
    expect(open311Settings(db, 'kota-open311').windowDays).toBe(90) // a refused change leaves the stored one
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sync.source.open311'").pluck().get()).toBe(1)
    expect(verifyAuditChain(db).ok).toBe(true)
    expect(await serviceMappings(db, 'kota-open311', open311Get(ctx()))).toEqual([
      { service_code: 'PJU-01', service_name: 'Lampu jalan padam', category: 'pju', how: 'tabel' },
      { service_code: 'S-7', service_name: 'Air Bersih', category: 'air-bersih', how: 'nama' },
      { service_code: 'Z', service_name: 'Lain-lain', category: null, how: null },
    ])

    // The same from the command line, as an administrator would do it.
    const dir = tempDir()
    const file = join(dir, 'store.db')
    db.prepare('VACUUM INTO ?').run(file)
    const settings = join(dir, 'open311.json')
    writeFileSync(settings, JSON.stringify({ services: { Z: 'sampah' } }))
    // Asynchronously: the test's GeoReport server runs in this process and must answer the child.
    const cli = await promisify(execFile)(process.execPath, ['bin/tanggap.js', 'open311', '--db', file, '--source', 'kota-open311', '--set', settings, '--services'], { encoding: 'utf8' })
    expect(cli.stderr).toBe('')
    const out = JSON.parse(cli.stdout)
    expect(out.settings.services).toEqual({ Z: 'sampah' })
    expect(out.services.find((s: { service_code: string }) => s.service_code === 'Z')).toMatchObject({ category: 'sampah', how: 'tabel' })
  }, 60_000)
})

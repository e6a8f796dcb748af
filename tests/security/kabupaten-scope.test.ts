// User kabupaten scoping (issue 15): a profile limited to Natuna (21.03) on a store that holds Kutai Timur (64.08)
// too. Every procedure of the router, found by walking it, is called as that profile (an admin, so no role gate
// hides anything): every call naming 64.08 (the kabupaten, a region, a complaint, a sync source, a quarantine row)
// is refused with FORBIDDEN and changes nothing; every answer for 21.03 holds 21.03 only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { hashPassword } from '#main/auth/password.ts'
import { setPasswordHash, setProfileKabupaten, upsertProfile } from '#main/users/profiles.ts'
import { saveSource } from '#main/sync/sources.ts'
import { ingestRecords } from '#main/sync/ingest.ts'
import { whenRebuilt } from '#main/kpi/rebuild-queue.ts'
import { insertComplaints } from '../fixtures.ts'
import { tanggap } from '../cli.ts'
import { callHttp, listProcedures, sampleInputs, type SampleContext } from './api.ts'
import { snapshot } from './db-snapshot.ts'
import { signIn, startSecured, type Secured } from './server.ts'

const PASSWORD = 'sandi-natuna-0001'
let s: Secured
let token: string
let kutim: SampleContext
let natuna: SampleContext
const ids: Record<'kutimSource' | 'natunaSource' | 'kutimQuarantine' | 'natunaQuarantine', number> = {} as never

beforeAll(async () => {
  s = await startSecured((ws) => {
    seedKabupaten(ws.db, '21.03')
    const kecNatuna = ws.db.prepare("SELECT kode FROM kecamatan WHERE kabupaten_kode = '21.03' ORDER BY kode LIMIT 1").pluck().get() as string
    return insertComplaints(ws.db, [
      { tracking_id: 'KUTIM-1', submitted: '2026-01-05T02:00:00Z' },
      { tracking_id: 'KUTIM-2', submitted: '2026-01-06T02:00:00Z', status: 'proses', unitKode: '64.08/dinkes' },
      { tracking_id: 'NATUNA-1', kabupaten: '21.03', kecamatan: kecNatuna, submitted: '2026-01-05T03:00:00Z' },
      { tracking_id: 'NATUNA-2', kabupaten: '21.03', kecamatan: kecNatuna, submitted: '2026-01-07T03:00:00Z', status: 'proses' },
    ])
  })
  const db = s.ws.db
  const sourceFor = (kab: string) => {
    const src = saveSource(db, { name: `berkas-${kab.replace('.', '')}`, kind: 'file', kabupaten: kab })
    ingestRecords(db, src, [{ error: 'kolom kosong', raw: { tracking_id: `Q-${kab}`, isi: 'uji' }, ref: 'baris 2' }])
    return { source: src.id, quarantine: db.prepare('SELECT id FROM sync_quarantine WHERE source_id = ?').pluck().get(src.id) as number }
  }
  const k = sourceFor('64.08')
  const n = sourceFor('21.03')
  Object.assign(ids, { kutimSource: k.source, kutimQuarantine: k.quarantine, natunaSource: n.source, natunaQuarantine: n.quarantine })
  const [k1, k2, n1, n2] = s.sample.complaintIds
  kutim = { ...s.sample, complaintIds: [k1, k2] }
  natuna = {
    kabupaten: '21.03',
    kecamatan: db.prepare("SELECT kode FROM kecamatan WHERE kabupaten_kode = '21.03' ORDER BY kode LIMIT 1").pluck().get() as string,
    complaintIds: [n1, n2],
    unitId: db.prepare("SELECT id FROM unit WHERE kabupaten_kode = '21.03' AND kind = 'opd' ORDER BY id LIMIT 1").pluck().get() as number,
  }
  upsertProfile(db, 'natuna1', 'Admin Natuna', 'admin')
  setProfileKabupaten(db, 'natuna1', ['21.03'])
  setPasswordHash(db, 'natuna1', await hashPassword(PASSWORD))
  const res = await signIn(s.base, 'natuna1', PASSWORD)
  expect(res.status).toBe(200)
  token = ((await res.json()) as { token: string }).token
})
afterAll(() => s?.close())

/** Sample inputs with the sync rows of the context's kabupaten. */
function inputsFor(c: SampleContext, source: number, quarantine: number): Record<string, unknown[]> {
  const samples = sampleInputs(c)
  for (const p of ['sync.runNow', 'sync.cancel', 'sync.test']) samples[p] = [{ sourceId: source }]
  samples['sync.runs'] = [{ kabupaten: c.kabupaten, sourceId: source }]
  samples['sync.quarantineRaw'] = [{ id: quarantine }]
  return samples
}

const procedures = listProcedures()

describe('a profile limited to 21.03', () => {
  it('is refused every call that names 64.08, with nothing changed', async () => {
    const samples = inputsFor(kutim, ids.kutimSource, ids.kutimQuarantine)
    const names6408 = new Set(['complaints.detail', 'complaints.act', 'complaints.claim', 'complaints.release', 'routing.suggest', 'sync.runNow', 'sync.cancel', 'sync.test', 'sync.quarantineRaw'])
    let refused = 0
    for (const proc of procedures) {
      for (const input of samples[proc.path] ?? []) {
        if (!names6408.has(proc.path) && !JSON.stringify(input ?? null).includes('64.08')) continue
        await whenRebuilt(s.ws.db)
        const before = snapshot(s.ws.db)
        const reply = await callHttp(s.base, proc, input, token)
        expect(reply, `${proc.path} ${JSON.stringify(input)}`).toMatchObject({ ok: false, code: 'FORBIDDEN', status: 403 })
        expect(reply.message, proc.path).toMatch(/^Profil natuna1 tidak berwenang atas /)
        expect(snapshot(s.ws.db), `${proc.path} changed the store`).toBe(before)
        refused++
      }
    }
    expect(refused).toBeGreaterThanOrEqual(40)
  })

  it('gets answers about 21.03 only, for every procedure', async () => {
    const samples = inputsFor(natuna, ids.natunaSource, ids.natunaQuarantine)
    let answered = 0
    for (const proc of procedures) {
      for (const input of samples[proc.path] ?? [undefined]) {
        await whenRebuilt(s.ws.db)
        const reply = await callHttp(s.base, proc, input, token)
        expect(reply.code, `${proc.path}: ${reply.message}`).not.toBe('FORBIDDEN')
        if (!reply.ok) continue
        answered++
        const text = JSON.stringify(reply.data ?? null)
        expect(text, `${proc.path} answered about 64.08`).not.toMatch(/64\.08|KUTIM-|berkas-6408/)
      }
    }
    expect(answered).toBeGreaterThanOrEqual(40)
    // Lists of kabupaten and the calls that may leave the kabupaten out hold 21.03 only.
    const kabs = await callHttp(s.base, { path: 'regions.kabupaten', type: 'query' }, undefined, token)
    expect((kabs.data as { kode: string }[]).map((k) => k.kode)).toEqual(['21.03'])
    for (const path of ['sync.sources', 'sync.runs', 'sync.quarantine', 'sync.outbox', 'imports.mappings']) {
      const r = await callHttp(s.base, { path, type: 'query' }, {}, token)
      expect(r.ok, `${path}: ${r.message}`).toBe(true)
      expect(JSON.stringify(r.data), path).not.toMatch(/64\.08|berkas-6408/)
    }
    const sources = await callHttp(s.base, { path: 'sync.sources', type: 'query' }, {}, token)
    const listed = sources.data as { name: string; kabupaten: string }[]
    expect(listed.map((x) => x.name)).toContain('berkas-2103')
    expect(new Set(listed.map((x) => x.kabupaten))).toEqual(new Set(['21.03']))
  })

  it('cannot take over a source of 64.08 by saving one of the same name', async () => {
    const before = snapshot(s.ws.db)
    const r = await callHttp(s.base, { path: 'sync.save', type: 'mutation' }, { name: 'berkas-6408', kind: 'file', kabupaten: '21.03', scheduleMinutes: null, isWriteback: false, isEnabled: false }, token)
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(snapshot(s.ws.db)).toBe(before)
  })

  it('is set with `tanggap user add --kabupaten` (repeatable or a comma list) and lifted with --all-kabupaten', () => {
    const file = s.ws.db.name
    const add = (...extra: string[]) => tanggap(['user', 'add', '--db', file, '--username', 'liaison', '--nama', 'Penghubung', '--role', 'operator', ...extra])
    expect(add('--kabupaten', '64.08', '--kabupaten', '21.03').json()).toMatchObject({ kabupaten: ['21.03', '64.08'] })
    expect(add('--kabupaten', '21.03,64.08').json()).toMatchObject({ kabupaten: ['21.03', '64.08'] })
    expect(add().json()).toMatchObject({ kabupaten: ['21.03', '64.08'] })
    expect(add('--all-kabupaten').json()).toMatchObject({ kabupaten: null })
    const bad = add('--kabupaten', '99.99')
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toMatch(/kabupaten 99\.99 tidak ada/)
  })
})

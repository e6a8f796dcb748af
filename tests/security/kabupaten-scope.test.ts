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
    const national = (id: unknown) => s.ws.db.prepare('SELECT kabupaten_kode IS NULL FROM calendar_day_off WHERE id = ?').pluck().get(id) === 1
    for (const proc of procedures) {
      for (const input of samples[proc.path] ?? [undefined]) {
        await whenRebuilt(s.ws.db)
        const reply = await callHttp(s.base, proc, input, token)
        // What holds for every kabupaten (global settings, a national day off) is refused: its own test is below.
        // The liaison's procedures are for penghubung profiles only (tests/liaison/scope.test.ts walks them).
        if (proc.global || proc.only || (proc.path === 'calendar.setDayOffActive' && national((input as { id: number }).id))) {
          expect(reply, proc.path).toMatchObject({ ok: false, code: 'FORBIDDEN' })
          continue
        }
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
})

// The gaps a second look found (issue 15, item 3): each reproduces the attack; before the fix each call succeeded.
describe('a profile limited to 21.03, where the kabupaten is not named outright', () => {
  const call = (path: string, type: 'query' | 'mutation', input: unknown) => callHttp(s.base, { path, type }, input, token)
  const asAdmin = (path: string, type: 'query' | 'mutation', input: unknown) => callHttp(s.base, { path, type }, input, s.tokens.admin)

  it('reads in audit.list only the entries about 21.03 and its own', async () => {
    const [k1] = kutim.complaintIds
    expect(await asAdmin('complaints.act', 'mutation', { action: 'note', ids: [k1], body: 'Catatan Kutai Timur' })).toMatchObject({ ok: true })
    expect(await asAdmin('exports.start', 'mutation', { format: 'csv', request: { kind: 'queue', kabupaten: '64.08', queue: 'semua' } })).toMatchObject({ ok: true })
    const all = (await asAdmin('audit.list', 'query', { limit: 500 })).data as { entity: string; entity_id: string; after_json: string | null }[]
    expect(all.some((e) => e.entity === 'complaint' && e.entity_id === String(k1)), 'the admin sees the entry').toBe(true)
    const mine = await call('audit.list', 'query', { limit: 500 })
    expect(mine.ok, mine.message).toBe(true)
    const entries = mine.data as { entity: string; entity_id: string; username: string; after_json: string | null }[]
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.filter((e) => e.entity === 'complaint' && kutim.complaintIds.map(String).includes(e.entity_id))).toEqual([])
    expect(JSON.stringify(entries)).not.toMatch(/64\.08|Kutai Timur/)
    // Filtering by the entry's id does not get around it.
    const direct = await call('audit.list', 'query', { entityId: String(k1), limit: 500 })
    expect(direct.data).toEqual([])
  })

  it.each(procedures.filter((p) => p.global).map((p) => p.path))('is refused the global setting %s, with nothing changed', async (path) => {
    const proc = procedures.find((p) => p.path === path)!
    const input = sampleInputs(natuna)[path]?.[0]
    await whenRebuilt(s.ws.db)
    const before = snapshot(s.ws.db)
    const reply = await callHttp(s.base, proc, input, token)
    expect(reply, path).toMatchObject({ ok: false, code: 'FORBIDDEN', status: 403 })
    expect(reply.message).toBe('Profil natuna1 tidak berwenang atas pengaturan yang berlaku untuk semua kabupaten (profil ini hanya untuk 21.03)')
    expect(snapshot(s.ws.db), `${path} changed the store`).toBe(before)
  })

  it('covers every setter that reaches all kabupaten', () => {
    expect(procedures.filter((p) => p.global).map((p) => p.path).sort()).toEqual(
      [
        'backups.now', 'backups.setSettings', 'calendar.importHolidays', 'isu.setFalseAlarmRate', 'kpi.setMinSample', 'routing.setThreshold', 'settings.setLiaison', 'settings.setUi', 'vocabulary.set',
        // Issue 18: profiles (a profile made by a limited admin could reach other kabupaten) and the one SMTP server.
        'users.list', 'users.add', 'users.importList', 'users.resetPassword', 'users.setDisabled', 'users.setEmail',
        'reminders.getSmtp', 'reminders.setSmtp', 'reminders.settings', 'reminders.setSettings', 'reminders.log', 'reminders.sendNow',
      ].sort(),
    )
  })

  it('saves and deletes import mappings of 21.03 only: not for every kabupaten, not over a mapping of 64.08', async () => {
    const mapping = { columns: { tracking_id: 'No Tiket', judul: 'Judul', isi: 'Isi' } }
    expect(await asAdmin('imports.saveMapping', 'mutation', { name: 'format kutim', kabupaten: '64.08', mapping })).toMatchObject({ ok: true })
    expect(await asAdmin('imports.saveMapping', 'mutation', { name: 'format semua', kabupaten: null, mapping })).toMatchObject({ ok: true })
    const before = snapshot(s.ws.db)
    for (const [path, input] of [
      ['imports.saveMapping', { name: 'format baru', kabupaten: null, mapping }],
      ['imports.saveMapping', { name: 'format kutim', kabupaten: '21.03', mapping }],
      ['imports.saveMapping', { name: 'format semua', kabupaten: '21.03', mapping }],
      ['imports.deleteMapping', { name: 'format kutim' }],
      ['imports.deleteMapping', { name: 'format semua' }],
    ] as const) {
      const reply = await call(path, 'mutation', input)
      expect(reply, `${path} ${JSON.stringify(input)}`).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(reply.message).toMatch(/^Profil natuna1 (hanya untuk kabupaten 21\.03|tidak berwenang atas pemetaan impor)/)
    }
    expect(snapshot(s.ws.db)).toBe(before)
    expect(s.ws.db.prepare("SELECT kabupaten_kode FROM import_mapping WHERE name = 'format kutim'").pluck().get()).toBe('64.08')
    expect(await call('imports.saveMapping', 'mutation', { name: 'format natuna', kabupaten: '21.03', mapping })).toMatchObject({ ok: true })
    expect(await call('imports.deleteMapping', 'mutation', { name: 'format natuna' })).toMatchObject({ ok: true, data: { deleted: true } })
  })

  it("switches only days off of 21.03: not a national one (it moves every kabupaten's deadlines), not one of 64.08", async () => {
    const db = s.ws.db
    const nationalId = db.prepare('SELECT id FROM calendar_day_off WHERE kabupaten_kode IS NULL AND is_active = 1 ORDER BY id LIMIT 1').pluck().get() as number
    const added = await asAdmin('calendar.addDayOff', 'mutation', { kabupaten: '64.08', date: '2026-03-03', nama: 'Hari jadi Kutai Timur' })
    expect(added.ok, added.message).toBe(true)
    const kutimId = (added.data as { id: number }).id
    await whenRebuilt(db)
    const before = snapshot(db)
    const national = await call('calendar.setDayOffActive', 'mutation', { kabupaten: '21.03', id: nationalId, isActive: false })
    expect(national).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(national.message).toMatch(/^Profil natuna1 tidak berwenang atas hari libur nasional /)
    const other = await call('calendar.setDayOffActive', 'mutation', { kabupaten: '21.03', id: kutimId, isActive: false })
    expect(other).toMatchObject({ ok: false })
    expect(other.code).toMatch(/FORBIDDEN|NOT_FOUND/)
    await whenRebuilt(db)
    expect(snapshot(db)).toBe(before)
  })

  it('cannot send a complaint of 21.03 to a unit of 64.08 (complaints.act)', async () => {
    const unit6408 = s.ws.db.prepare("SELECT id FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'opd' AND is_active = 1 ORDER BY id LIMIT 1").pluck().get() as number
    const before = snapshot(s.ws.db)
    const reply = await call('complaints.act', 'mutation', { action: 'disposition', ids: [natuna.complaintIds[1]], unitId: unit6408, reason: 'uji lintas kabupaten' })
    expect(reply).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(reply.message).toBe(`Profil natuna1 tidak berwenang atas unit #${unit6408} (kabupaten lain)`)
    expect(snapshot(s.ws.db)).toBe(before)
  })
})

// Last: the CLI runs as separate processes on the served store, which may still be writing when this ends.
describe('the kabupaten list of a profile', () => {
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

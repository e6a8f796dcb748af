// Issue 18: a liaison (penghubung) of one unit, on a store with complaints in many units. The WHOLE router is walked
// (listProcedures + sampleInputs, as the role and kabupaten walks do): every row a liaison gets belongs to its unit
// and sub-units; every call naming another unit's complaint is refused and leaves the store unchanged (a
// fingerprint of every table before and after). Then the return flow end to end over HTTP: return → Dikembalikan
// queue with a live event → rejected back to the inbox with the reason → accepted to the right unit; a reply queued
// in the outbox; all of it audited without the reporter's identity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertComplaints } from '../fixtures.ts'
import { saveSource } from '#main/sync/sources.ts'
import { whenRebuilt } from '#main/kpi/rebuild-queue.ts'
import { callHttp, listProcedures, sampleInputs, wsCaller, type SampleContext } from '../security/api.ts'
import { snapshot } from '../security/db-snapshot.ts'
import { signIn, startSecured, type Secured } from '../security/server.ts'
import { tanggap } from '../cli.ts'

let s: Secured
let own: SampleContext
let others: SampleContext
const unitOf: Record<string, number> = {}

beforeAll(async () => {
  s = await startSecured((ws) => {
    const db = ws.db
    const kode = (sql: string) => db.prepare(sql).pluck().get() as string
    const bidang = kode("SELECT kode FROM unit WHERE parent_id = (SELECT id FROM unit WHERE kode = '64.08/dinkes') ORDER BY id LIMIT 1")
    const opdLain = kode("SELECT kode FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'opd' AND kode <> '64.08/dinkes' ORDER BY id LIMIT 1")
    const kec = kode("SELECT kode FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'kecamatan' ORDER BY id LIMIT 1")
    const desa = kode("SELECT kode FROM unit WHERE kabupaten_kode = '64.08' AND kind = 'desa' ORDER BY id LIMIT 1")
    // Complaints come from a write-back source, so a tindak lanjut is queued upstream (0006_sync.sql trigger).
    saveSource(db, { name: 'test', kind: 'file', kabupaten: '64.08', isWriteback: true, isEnabled: false })
    const ids = insertComplaints(db, [
      { tracking_id: 'DINKES-1', submitted: '2026-01-05T02:00:00Z', status: 'proses', unitKode: '64.08/dinkes' },
      { tracking_id: 'DINKES-2', submitted: '2026-01-06T02:00:00Z', status: 'belum_ditindaklanjuti', unitKode: bidang, is_rahasia: 1 },
      { tracking_id: 'LAIN-1', submitted: '2026-01-05T03:00:00Z', status: 'proses', unitKode: opdLain },
      { tracking_id: 'LAIN-2', submitted: '2026-01-06T03:00:00Z', status: 'belum_ditindaklanjuti', unitKode: kec },
      { tracking_id: 'LAIN-3', submitted: '2026-01-07T03:00:00Z', status: 'belum_ditindaklanjuti', unitKode: desa, is_anonim: 1 },
      { tracking_id: 'LAIN-4', submitted: '2026-01-08T03:00:00Z' },
    ])
    for (const [i, k] of ['64.08/dinkes', bidang, opdLain, kec, desa].entries()) unitOf[['dinkes', 'bidang', 'opdLain', 'kec', 'desa'][i]] = db.prepare('SELECT id FROM unit WHERE kode = ?').pluck().get(k) as number
    return ids
  })
  const [d1, d2, l1, l2, l3, l4] = s.sample.complaintIds
  own = { ...s.sample, complaintIds: [d1, d2] }
  others = { ...s.sample, complaintIds: [l1, l2, l3, l4] }
})
afterAll(() => s?.close())

const procedures = listProcedures()
const liaison = () => s.tokens.penghubung

describe('a liaison of the Dinas Kesehatan', () => {
  it('is refused every procedure outside its inbox, and every call on another unit\'s complaint, with the store unchanged', async () => {
    const samples = sampleInputs(others)
    let refused = 0
    let answered = 0
    for (const proc of procedures) {
      for (const input of samples[proc.path] ?? [undefined]) {
        await whenRebuilt(s.ws.db)
        const before = snapshot(s.ws.db)
        const reply = await callHttp(s.base, proc, input, liaison())
        expect(snapshot(s.ws.db), `${proc.path} ${JSON.stringify(input)} changed the store`).toBe(before)
        if (!reply.ok) {
          expect(reply.code, `${proc.path}: ${reply.message}`).toBe('FORBIDDEN')
          refused++
          continue
        }
        answered++
        expect(proc.path === 'session' || proc.path.startsWith('liaison.'), `${proc.path} answered a liaison`).toBe(true)
        expect(JSON.stringify(reply.data ?? null), `${proc.path} showed another unit's complaint`).not.toMatch(/LAIN-/)
      }
    }
    expect(refused).toBeGreaterThanOrEqual(procedures.length - 12)
    expect(answered).toBeGreaterThanOrEqual(6)
  })

  it('sees in every answer only its unit and sub-units, and may act on those', async () => {
    const samples = sampleInputs(own)
    // complaints.decideReturn et al. are refused (not liaison.*); the liaison's own actions work on its complaints.
    for (const proc of procedures.filter((p) => p.path.startsWith('liaison.') || p.path === 'session')) {
      for (const input of samples[proc.path] ?? [undefined]) {
        const reply = await callHttp(s.base, proc, input, liaison())
        if (proc.path === 'liaison.changes') continue
        if (!reply.ok) {
          // A second return of the same complaint is a conflict, not a refusal.
          expect(reply.code, `${proc.path}: ${reply.message}`).not.toBe('FORBIDDEN')
          continue
        }
        const text = JSON.stringify(reply.data ?? null)
        expect(text, proc.path).not.toMatch(/LAIN-/)
        // Never the reporter's identity (tests/fixtures.ts gives every complaint the same reporter).
        expect(text, proc.path).not.toMatch(/Siti Rahmawati|6408011204900001|081234567890/)
      }
    }
    const inbox = (await callHttp(s.base, { path: 'liaison.inbox', type: 'query' }, {}, liaison())).data as { rows: { nomor: string; unit: { id: number } }[]; counts: { semua: number } }
    expect(inbox.rows.map((r) => r.nomor).sort()).toEqual(['DINKES-1', 'DINKES-2'])
    for (const r of inbox.rows) expect([unitOf.dinkes, unitOf.bidang]).toContain(r.unit.id)
    expect(inbox.counts.semua).toBe(2)
  })
})

describe('the return flow', () => {
  it('lands in Dikembalikan at once (live), goes back with the reason when rejected, moves when accepted; a reply is queued upstream; all audited', async () => {
    const db = s.ws.db
    const [, d2] = own.complaintIds
    const call = (path: string, type: 'query' | 'mutation', input: unknown, token = liaison()) => callHttp(s.base, { path, type }, input, token)
    const sup = s.tokens.supervisor
    // A fresh return (the walk above may have returned and decided others).
    db.prepare('UPDATE liaison_return SET decided_at = 1, accepted = 0 WHERE decided_at IS NULL').run()
    const inQueue = async () => {
      const q = (await call('complaints.queue', 'query', { kabupaten: '64.08', queue: 'dikembalikan', limit: 500 }, sup)).data as { rows: { id: number }[] }
      return q.rows.map((r) => r.id)
    }
    expect(await inQueue()).not.toContain(d2)
    const live = wsCaller(s.base, sup)
    const events: unknown[] = []
    const { createTRPCUntypedClient, createWSClient, wsLink } = await import('@trpc/client')
    const WebSocket = (await import('ws')).default
    const client = createWSClient({ url: `${s.base.replace(/^http/, 'ws')}/trpc-ws`, WebSocket: WebSocket as never, connectionParams: { token: sup } })
    const trpc = createTRPCUntypedClient({ links: [wsLink({ client })] })
    const started = new Promise<void>((resolve) => {
      const sub = trpc.subscription('live.changes', { kabupaten: '64.08' }, { onStarted: () => resolve(), onData: (d) => events.push(d) })
      void sub
    })
    await started
    const ret = await call('liaison.returnComplaint', 'mutation', { id: d2, alasan: 'Ini urusan jalan, bukan kesehatan', unitTujuanId: unitOf.opdLain })
    expect(ret, ret.message).toMatchObject({ ok: true })
    expect(await inQueue()).toContain(d2)
    // The queue's count (Antrean's tab) counts it too, equal to the queue's rows.
    const counts = (await call('complaints.queueCounts', 'query', { kabupaten: '64.08' }, sup)).data as { dikembalikan: number }
    expect(counts.dikembalikan).toBe((await inQueue()).length)
    await expect.poll(() => events.length).toBeGreaterThan(0)
    client.close()
    live.close()
    const requests = (await call('complaints.liaisonRequests', 'query', { kabupaten: '64.08' }, sup)).data as { jenis: string; complaintId: number }[]
    expect(requests).toContainEqual(expect.objectContaining({ jenis: 'kembali', complaintId: d2 }))
    // Rejected: back in the inbox with the reason.
    expect(await call('complaints.decideReturn', 'mutation', { id: d2, terima: false, alasan: 'Puskesmas yang mengelola akses jalan ini' }, sup)).toMatchObject({ ok: true })
    const back = (await call('liaison.inbox', 'query', { filter: 'dikembalikan' })).data as { rows: { id: number; ditolakKembali?: { alasan: string } }[] }
    expect(back.rows.find((r) => r.id === d2)?.ditolakKembali?.alasan).toBe('Puskesmas yang mengelola akses jalan ini')
    expect(await inQueue()).not.toContain(d2)
    // Returned again and accepted: disposed to the unit named; gone from the liaison's inbox; a routing correction.
    expect(await call('liaison.returnComplaint', 'mutation', { id: d2, alasan: 'Tetap bukan wewenang kami', unitTujuanId: unitOf.opdLain })).toMatchObject({ ok: true })
    expect(await call('complaints.decideReturn', 'mutation', { id: d2, terima: true, alasan: 'Benar, urusan OPD lain' }, sup)).toMatchObject({ ok: true })
    expect(db.prepare('SELECT unit_id, disposition_count FROM complaint WHERE id = ?').get(d2)).toEqual({ unit_id: unitOf.opdLain, disposition_count: 1 })
    const after = (await call('liaison.inbox', 'query', {})).data as { rows: { id: number }[] }
    expect(after.rows.map((r) => r.id)).not.toContain(d2)
    expect(await call('liaison.detail', 'query', { id: d2 })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // The reply: tindak lanjut in the history, status proses, queued in the outbox.
    const [d1] = own.complaintIds
    const r = await call('liaison.reply', 'mutation', { id: d1, isi: 'Tim puskesmas sudah turun ke lokasi hari ini.' })
    expect(r, r.message).toMatchObject({ ok: true, data: { outbox: 1 } })
    expect(db.prepare("SELECT count(*) FROM sync_outbox o JOIN complaint_event e ON e.id = o.event_id WHERE o.complaint_id = ? AND e.kind = 'tindak_lanjut'").pluck().get(d1)).toBe(1)
    const detail = (await call('liaison.detail', 'query', { id: d1 })).data as { riwayat: { aksi: string; catatan: string | null }[] }
    expect(detail.riwayat.map((e) => e.aksi)).toContain('tindak_lanjut')
    // More time, asked with a reason: listed for the command centre.
    expect(await call('liaison.requestExtension', 'mutation', { id: d1, alasan: 'Menunggu jadwal alat berat', hariKerja: 5 })).toMatchObject({ ok: true })
    const asked = (await call('complaints.liaisonRequests', 'query', { kabupaten: '64.08' }, sup)).data as { jenis: string; complaintId: number; hariKerja: number | null }[]
    expect(asked).toContainEqual(expect.objectContaining({ jenis: 'perpanjangan', complaintId: d1, hariKerja: 5 }))
    const audit = db.prepare("SELECT action, coalesce(after_json, '') || coalesce(reason, '') AS text FROM audit_log WHERE action LIKE 'liaison.%' OR action LIKE 'complaint.return_%'").all() as { action: string; text: string }[]
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['liaison.return', 'liaison.reply', 'liaison.extension', 'complaint.return_reject', 'complaint.return_accept']))
    for (const a of audit) expect(a.text).not.toMatch(/Siti Rahmawati|6408011204900001|081234567890/)
  })
})

// Last: the CLI runs as separate processes on the served store.
describe('`tanggap user add --role penghubung --unit`', () => {
  it('makes a liaison of the unit named by its code, who signs in to its inbox; an unknown code is refused by name', async () => {
    const file = s.ws.db.name
    const add = (...extra: string[]) =>
      tanggap(['user', 'add', '--db', file, '--username', 'sekdes', '--nama', 'Sekretaris Desa', '--role', 'penghubung', ...extra], { env: { TANGGAP_PASSWORD: 'sandi-sekdes-0001' } })
    const desaKode = s.ws.db.prepare('SELECT kode FROM unit WHERE id = ?').pluck().get(unitOf.desa) as string
    const bad = add('--unit', '64.08/tidak-ada')
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toContain('kode unit "64.08/tidak-ada" tidak dikenal')
    const made = add('--unit', desaKode, '--email', 'sekdes@desa.test')
    expect(made.status, made.stderr).toBe(0)
    expect(made.json()).toMatchObject({ role: 'penghubung', units: [unitOf.desa], kabupaten: ['64.08'], hasPassword: true })
    const res = await signIn(s.base, 'sekdes', 'sandi-sekdes-0001')
    expect(res.status).toBe(200)
    const token = ((await res.json()) as { token: string }).token
    const inbox = (await callHttp(s.base, { path: 'liaison.inbox', type: 'query' }, {}, token)).data as { rows: { nomor: string }[] }
    expect(inbox.rows.map((r) => r.nomor)).toEqual(['LAIN-3'])
    const detail = (await callHttp(s.base, { path: 'liaison.detail', type: 'query' }, { id: others.complaintIds[2] }, token)).data as { pelaporDisembunyikan: string }
    expect(detail.pelaporDisembunyikan).toBe('anonim')
    const users = (await callHttp(s.base, { path: 'users.list', type: 'query' }, undefined, s.tokens.admin)).data as { username: string; lastSignIn: number | null; email: string | null }[]
    expect(users.find((u) => u.username === 'sekdes')).toMatchObject({ email: 'sekdes@desa.test', lastSignIn: expect.any(Number) })
    // Two CLI processes (tsx compiles the CLI at start): ~10 s each on a loaded machine.
  }, 120_000)
})

describe('returns as routing examples', () => {
  it('lists each return as a labelled example: the accepted unit, the rejected holder', async () => {
    const { returnExamples } = await import('#main/liaison/examples.ts')
    const [, d2] = own.complaintIds
    const ex = returnExamples(s.ws.db, '64.08').filter((e) => e.complaintId === d2 && e.source !== null)
    expect(ex).toContainEqual(expect.objectContaining({ notUnitId: unitOf.bidang, unitId: unitOf.opdLain, source: 'diterima_supervisor' }))
    expect(ex).toContainEqual(expect.objectContaining({ unitId: unitOf.bidang, source: 'ditolak_supervisor' }))
  })
})

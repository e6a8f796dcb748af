// Manual entry and file import through the API over real HTTP on 127.0.0.1, as each role: what each may do,
// what is refused and with which message, and what lands in the store.
import { afterEach, describe, expect, it } from 'vitest'
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AppRouter } from '#main/app/api/router.ts'
import { startServer, type RunningServer } from '#main/app/server/serve.ts'
import { openWorkspace, type Workspace } from '#main/app/workspace/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import { queuePage } from '#main/queue/queries.ts'
import { verifyAuditChain } from '#main/audit/log.ts'
import type { Role } from '#shared/domain.ts'
import { tempDir } from '../helpers.ts'
import { LAPOR_HEADERS, laporRow, writeXlsx } from '../import/files.ts'

let running: RunningServer[] = []
let workspaces: Workspace[] = []
afterEach(async () => {
  for (const s of running) await s.close()
  for (const w of workspaces) w.close()
  running = []
  workspaces = []
})

async function setup() {
  const ws = openWorkspace(join(tempDir(), 'api.db'))
  workspaces.push(ws)
  seedKabupaten(ws.db, '64.08')
  const roles: Role[] = ['viewer', 'operator', 'supervisor', 'admin']
  for (const r of roles) upsertProfile(ws.db, r, `Profil ${r}`, r)
  const clients = {} as Record<Role, ReturnType<typeof createTRPCClient<AppRouter>>>
  for (const r of roles) {
    const server = await startServer({ workspace: ws, port: 0, username: r })
    running.push(server)
    clients[r] = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] })
  }
  return { ws, db: ws.db, as: clients }
}

const NOW = Date.now()
const entry = {
  kabupaten: '64.08',
  via: 'whatsapp' as const,
  receivedAt: NOW - 3_600_000,
  judul: 'Jalan berlubang di Jl. Pendidikan',
  isi: 'Lubang besar di depan SD 003, sudah dua minggu, membahayakan pengendara motor.',
  kecamatan: '64.08.04',
  reference: 'WA-2611-017',
  reporter: { nama: 'Rahmat Hidayat', nik: '6408 0112 0490 0002', phone: '0812-3456-7890', email: '' },
}

describe('manual entry API', () => {
  it('lets an operator key in a complaint: channel, reporter kept apart, deadlines, history, audit', async () => {
    const { db, as } = await setup()
    const r = await as.operator.intake.create.mutate({ ...entry, clientKey: 'form-123456' })
    expect(r).toMatchObject({ isNew: true, trackingId: `LOK-6408-${new Date(NOW + 8 * 3_600_000).getUTCFullYear()}-00001` })
    const d = complaintDetail(db, r.id, 'admin')
    expect(d).toMatchObject({ source: 'manual-6408', channel: 'whatsapp_pemda', status: 'belum_terverifikasi', kecamatan_kode: '64.08.04', submitted_at: entry.receivedAt })
    expect(d.reporter).toMatchObject({ nama: 'Rahmat Hidayat', nik: '6408011204900002' })
    expect(complaintDetail(db, r.id, 'operator').reporter).toBeNull() // identity only for supervisors and up
    expect(d.history.map((e) => [e.kind, e.actor])).toEqual([
      ['submitted', 'Pelapor (WhatsApp Pemda)'],
      ['note', 'Profil operator'],
    ])
    expect(d.history[1].body).toBe('Dicatat dari WhatsApp Pemda, nomor rujukan WA-2611-017')
    expect(d.deadlines.verification.state).toBe('pending')
    // It waits in the verification queue like any new complaint, and is counted on the dashboards.
    expect(queuePage(db, { kabupaten: '64.08', queue: 'verifikasi', limit: 10, now: NOW, role: 'operator' }).map((q) => q.tracking_id)).toContain(r.trackingId)
    expect(db.prepare('SELECT count(*) FROM complaint_sla WHERE complaint_id = ?').pluck().get(r.id)).toBe(1)
    expect(db.prepare('SELECT via, reference, client_key FROM complaint_intake WHERE complaint_id = ?').get(r.id)).toEqual({ via: 'whatsapp', reference: 'WA-2611-017', client_key: 'form-123456' })
    const audit = db.prepare("SELECT username, after_json FROM audit_log WHERE action = 'complaint.create'").get() as { username: string; after_json: string }
    expect(audit.username).toBe('operator')
    expect(audit.after_json).not.toMatch(/Rahmat|6408011204900002/) // the audit log says what, not who reported
    expect(verifyAuditChain(db).ok).toBe(true)

    // The same submit again (a double click, a retry after a timeout) is the same complaint.
    expect(await as.operator.intake.create.mutate({ ...entry, clientKey: 'form-123456' })).toEqual({ ...r, isNew: false })
    // A letter keyed in next gets the next number; a phone call counts in the telepon channel.
    const letter = await as.admin.intake.create.mutate({ ...entry, via: 'telepon', reporter: null, isAnonim: true })
    expect(letter.trackingId).toMatch(/-00002$/)
    expect(complaintDetail(db, letter.id, 'admin')).toMatchObject({ channel: 'telepon', is_anonim: 1, reporterHidden: 'anonim' })
  })

  it('refuses a viewer, and refuses bad input with the field and the reason', async () => {
    const { db, as } = await setup()
    const viewer = await as.viewer.intake.create.mutate(entry).catch((e) => e)
    expect(viewer).toBeInstanceOf(TRPCClientError)
    expect(viewer.data.code).toBe('FORBIDDEN')
    expect(viewer.message).toMatch(/Peran viewer tidak boleh/)

    const bad = await as.operator.intake.create.mutate({ ...entry, judul: 'abc', reporter: { nik: '12345' }, desa: '64.08.05.2001' }).catch((e) => e)
    expect(bad.data.code).toBe('BAD_REQUEST')
    const issues = (bad.data.issues as { path: string[]; message: string }[]).map((i) => [i.path.join('.'), i.message])
    expect(issues).toEqual(
      expect.arrayContaining([
        ['judul', 'judul minimal 5 huruf'],
        ['reporter.nik', 'NIK harus 16 angka'],
      ]),
    )
    const future = await as.operator.intake.create.mutate({ ...entry, receivedAt: Date.now() + 86_400_000 }).catch((e) => e)
    expect(future.message).toBe('waktu diterima ada di masa depan')
    const otherKab = await as.operator.intake.create.mutate({ ...entry, kecamatan: '21.03.01' }).catch((e) => e)
    expect(otherKab.message).toMatch(/kecamatan bukan bagian kabupaten ini/)
    expect(db.prepare('SELECT count(*) FROM complaint').pluck().get()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM sync_quarantine').pluck().get()).toBe(0)
  })
})

describe('file import API', () => {
  it('lets an operator inspect and dry-run an upload, a supervisor commit it, and only an admin read a path', async () => {
    const { db, as } = await setup()
    const dir = tempDir()
    const path = await writeXlsx(dir, 'daftar.xlsx', {
      headers: LAPOR_HEADERS,
      rows: [laporRow(1, { id: '1916449', tanggal: '02/11/2026 09:15', status: 'Proses', kecamatan: 'Sangatta Utara' }), laporRow(2, { id: '1916450', tanggal: 'kemarin', status: 'Proses' })],
    })
    const file = { name: 'daftar.xlsx', base64: readFileSync(path).toString('base64') }

    const look = await as.operator.imports.inspect.mutate({ file })
    expect(look.layout).toMatchObject({ name: 'lapor-admin', headerRow: 1 })
    expect(look.rows[1].cells[1]).toBe('1916449')

    const dry = await as.operator.imports.run.mutate({ kabupaten: '64.08', file, dryRun: true })
    expect(dry).toMatchObject({ dryRun: true, rows: { accepted: 1, rejected: 1 }, stored: { inserted: 1 } })
    expect(dry.issues[0]).toMatchObject({ row: 3, column: 'Tanggal Laporan', value: 'kemarin', severity: 'error' })
    expect(db.prepare('SELECT count(*) FROM complaint').pluck().get()).toBe(0)

    const refused = await as.operator.imports.run.mutate({ kabupaten: '64.08', file, dryRun: false }).catch((e) => e)
    expect(refused.data.code).toBe('FORBIDDEN')
    expect((await as.viewer.imports.run.mutate({ kabupaten: '64.08', file, dryRun: true }).catch((e) => e)).data.code).toBe('FORBIDDEN')

    const done = await as.supervisor.imports.run.mutate({ kabupaten: '64.08', file, dryRun: false })
    expect(done.stored.inserted).toBe(1)
    const history = await as.operator.imports.history.query({ kabupaten: '64.08' })
    expect(history[0]).toMatchObject({ file_name: 'daftar.xlsx', accepted: 1, rejected: 1, imported_by: 'supervisor', inserted: 1, status: 'ok' })

    // A path in the call is never read, not even for an admin (a file of this machine comes only from the desktop's
    // open dialog: tests/security/server-files.test.ts).
    for (const who of ['supervisor', 'admin'] as const) {
      const byPath = await as[who].imports.run.mutate({ kabupaten: '64.08', file: { name: 'daftar.xlsx', path }, dryRun: true }).catch((e) => e)
      expect(byPath.message).toMatch(/path berkas tidak diterima lewat API/)
    }

    const garbage = await as.operator.imports.run.mutate({ kabupaten: '64.08', file: { name: 'x.csv', base64: Buffer.from('a;b\n1;2\n').toString('base64') }, dryRun: true }).catch((e) => e)
    expect(garbage.data.code).toBe('BAD_REQUEST')
    expect(garbage.message).toMatch(/tata letak berkas tidak dikenali/)
  })

  it('saves a mapping for supervisors and lists it for operators', async () => {
    const { as } = await setup()
    const mapping = { columns: { submitted_at: 'Waktu', status: 'Kondisi', isi: 'Keluhan' }, defaults: { channel: 'whatsapp_pemda' as const }, statuses: {} }
    expect((await as.operator.imports.saveMapping.mutate({ name: 'log-wa', kabupaten: '64.08', mapping }).catch((e) => e)).data.code).toBe('FORBIDDEN')
    await as.supervisor.imports.saveMapping.mutate({ name: 'log-wa', kabupaten: '64.08', mapping })
    // A file inspected with the saved mapping is read with it.
    const path = await writeXlsx(tempDir(), 'log.xlsx', { headers: ['Waktu', 'Keluhan', 'Kondisi'], rows: [['05/11/2026 09:00', 'Air PDAM tidak mengalir', 'Proses']] })
    const look = await as.operator.imports.inspect.mutate({ file: { name: 'log.xlsx', base64: readFileSync(path).toString('base64') }, mappingName: 'log-wa' })
    expect(look).toMatchObject({ problem: null, layout: { name: 'log-wa', headerRow: 1 } })
    const list = await as.operator.imports.mappings.query({ kabupaten: '64.08' })
    expect(list.map((m) => [m.name, m.mapping.columns.status])).toEqual([['log-wa', 'Kondisi']])
    expect((await as.operator.imports.presets.query()).map((p) => p.name)).toEqual(['lapor-admin', 'rekap-pemda'])
  })
})

// Issue 18: the user-management API (users.*, admin only, audited) over HTTP on a real store: add a liaison by unit
// code, import a list from csv and xlsx (bad rows reported by row number, the rest saved), reset a password (the
// profile then signs in), set an e-mail, disable (its session ends); every change in the audit log, no password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { insertComplaints } from '../fixtures.ts'
import { callHttp } from '../security/api.ts'
import { signIn, startSecured, type Secured } from '../security/server.ts'

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'U1', submitted: '2026-01-05T02:00:00Z', status: 'proses', unitKode: '64.08/dinkes' }]))
})
afterAll(() => s?.close())

const admin = (path: string, type: 'query' | 'mutation', input?: unknown) => callHttp(s.base, { path, type }, input, s.tokens.admin)
type Listed = { username: string; role: string; units: { kode: string; kepala: boolean }[]; kabupaten: string[] | null; email: string | null; disabled: boolean; hasPassword: boolean; lastSignIn: number | null }
const list = async () => (await admin('users.list', 'query')).data as Listed[]

describe('users.* (admin)', () => {
  it('adds a liaison by unit code and refuses an unknown code by name', async () => {
    const bad = await admin('users.add', 'mutation', { username: 'p-salah', nama: 'Salah Unit', role: 'penghubung', unitCodes: ['64.08/tidak-ada'] })
    expect(bad).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(bad.message).toContain('Kode unit "64.08/tidak-ada" tidak dikenal')
    const ok = await admin('users.add', 'mutation', { username: 'p-dinkes', nama: 'Penghubung Dinkes', role: 'penghubung', unitCodes: ['64.08/dinkes'], kepala: true })
    expect(ok, ok.message).toMatchObject({ ok: true, data: { role: 'penghubung', kabupaten: ['64.08'], units: [{ kode: '64.08/dinkes', kepala: true }], hasPassword: false } })
    // Refused to everyone but an admin.
    expect(await callHttp(s.base, { path: 'users.list', type: 'query' }, undefined, s.tokens.supervisor)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('imports a list from csv and from xlsx, reporting bad rows by their number', async () => {
    const csv = 'username,nama,peran,unit,email\nsekdes-a,Sekdes A,penghubung,64.08/dinkes,a@desa.test\nsekdes-b,Sekdes B,penghubung,64.08/entah,b@desa.test\nSalah Nama,X,penghubung,64.08/dinkes,\n'
    const r1 = await admin('users.importList', 'mutation', { name: 'daftar.csv', dataBase64: Buffer.from(csv).toString('base64') })
    expect(r1, r1.message).toMatchObject({ ok: true, data: { added: 1, updated: 0 } })
    const errors = (r1.data as { errors: { baris: number; pesan: string }[] }).errors
    expect(errors.map((e) => e.baris)).toEqual([3, 4])
    expect(errors[0].pesan).toContain('64.08/entah')
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('Pengguna')
    sheet.addRow(['Username', 'Nama', 'Peran', 'Unit', 'Email'])
    sheet.addRow(['sekdes-c', 'Sekdes C', 'penghubung', '64.08/dinkes; 64.08/setda', 'c@desa.test'])
    sheet.addRow(['sekdes-a', 'Sekdes A (baru)', 'penghubung', '64.08/dinkes', 'a2@desa.test'])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    const r2 = await admin('users.importList', 'mutation', { name: 'daftar.xlsx', dataBase64: xlsx.toString('base64') })
    expect(r2, r2.message).toMatchObject({ ok: true, data: { added: 1, updated: 1, errors: [] } })
    const users = await list()
    expect(users.find((u) => u.username === 'sekdes-c')?.units.map((u) => u.kode).sort()).toEqual(['64.08/dinkes', '64.08/setda'])
    expect(users.find((u) => u.username === 'sekdes-a')).toMatchObject({ email: 'a2@desa.test', hasPassword: false })
  })

  it('resets a password (the profile signs in, shown as last sign-in), sets an e-mail, disables (the session ends); all audited', async () => {
    expect(await admin('users.resetPassword', 'mutation', { username: 'sekdes-a', password: 'sandi-sekdes-a-01' })).toMatchObject({ ok: true })
    const res = await signIn(s.base, 'sekdes-a', 'sandi-sekdes-a-01')
    expect(res.status).toBe(200)
    const token = ((await res.json()) as { token: string }).token
    expect(await callHttp(s.base, { path: 'liaison.inbox', type: 'query' }, {}, token)).toMatchObject({ ok: true })
    expect((await list()).find((u) => u.username === 'sekdes-a')).toMatchObject({ hasPassword: true, lastSignIn: expect.any(Number) })
    expect(await admin('users.setEmail', 'mutation', { username: 'sekdes-a', email: 'sekdes@desa.test' })).toMatchObject({ ok: true })
    expect(await admin('users.setEmail', 'mutation', { username: 'sekdes-a', email: 'bukan-email' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await admin('users.setDisabled', 'mutation', { username: 'sekdes-a', disabled: true })).toMatchObject({ ok: true })
    expect(await callHttp(s.base, { path: 'liaison.inbox', type: 'query' }, {}, token)).toMatchObject({ ok: false })
    expect((await list()).find((u) => u.username === 'sekdes-a')).toMatchObject({ disabled: true, email: 'sekdes@desa.test' })
    const audit = s.ws.db.prepare("SELECT action, coalesce(after_json, '') AS after FROM audit_log WHERE action LIKE 'user.%'").all() as { action: string; after: string }[]
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['user.add', 'user.update', 'user.import', 'user.password', 'user.email', 'user.disable']))
    for (const a of audit) expect(a.after).not.toContain('sandi-sekdes-a-01')
  })

  it("shows liaisons the reporter of a non-anonim complaint only once an admin grants it, never an anonim one; audited", async () => {
    const [anonim] = insertComplaints(s.ws.db, [{ tracking_id: 'U2', submitted: '2026-01-06T02:00:00Z', status: 'proses', unitKode: '64.08/dinkes', is_anonim: 1 }])
    const named = s.ws.db.prepare("SELECT id FROM complaint WHERE tracking_id = 'U1'").pluck().get() as number
    expect(await admin('users.add', 'mutation', { username: 'p-lihat', nama: 'Penghubung Lihat', role: 'penghubung', unitCodes: ['64.08/dinkes'] })).toMatchObject({ ok: true })
    expect(await admin('users.resetPassword', 'mutation', { username: 'p-lihat', password: 'sandi-p-lihat-0001' })).toMatchObject({ ok: true })
    const token = ((await (await signIn(s.base, 'p-lihat', 'sandi-p-lihat-0001')).json()) as { token: string }).token
    const detail = async (id: number) => (await callHttp(s.base, { path: 'liaison.detail', type: 'query' }, { id }, token)).data as { pelapor: { nama: string; telepon: string } | null; pelaporDisembunyikan: string | null }
    expect(await detail(named)).toMatchObject({ pelapor: null, pelaporDisembunyikan: 'peran' })
    // Only an admin sets the rule.
    expect(await callHttp(s.base, { path: 'settings.setLiaison', type: 'mutation' }, { identitasPelapor: true }, s.tokens.supervisor)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await admin('settings.setLiaison', 'mutation', { identitasPelapor: true })).toMatchObject({ ok: true, data: { identitasPelapor: true } })
    expect(await detail(named)).toMatchObject({ pelapor: { nama: 'Siti Rahmawati', telepon: '081234567890' }, pelaporDisembunyikan: null })
    expect(await detail(anonim)).toMatchObject({ pelapor: null, pelaporDisembunyikan: 'anonim' })
    expect(JSON.stringify(await detail(anonim))).not.toContain('Siti Rahmawati')
    expect(await admin('settings.setLiaison', 'mutation', { identitasPelapor: false })).toMatchObject({ ok: true })
    expect(await detail(named)).toMatchObject({ pelapor: null })
    const audit = s.ws.db.prepare("SELECT after_json FROM audit_log WHERE action = 'settings.liaison' ORDER BY id").pluck().all() as string[]
    expect(audit.map((a) => JSON.parse(a).identitasPelapor)).toEqual([true, false])
  })
})

// Finding 8 (issue 15): the quarantine view showed NIK and name of payloads whose anonim flag was spelled
// differently ("anonymous": "yes") or nested, and of personal fields under keys the redaction did not expect.
// Called over the API as each role that may open the quarantine.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { saveSource } from '#main/sync/sources.ts'
import { ingestRecords } from '#main/sync/ingest.ts'
import { callHttp } from './api.ts'
import { startSecured, type Secured } from './server.ts'

const NIK = '6408011204900001'
const HP = '081234567890'
const NAMA = 'Hartini Wulandari'
const EMAIL = 'hartini.w@example.com'
const ALAMAT = 'Jl. Melati No. 7 RT 03'

/** Anonim reports, the flag written as senders write it: every role sees no identity. */
const ANONIM = [
  { tracking_id: 'A1', anonymous: 'yes', reporter: { name: NAMA, nik: NIK, phone: HP } },
  { tracking_id: 'A2', anonymous: 'Y', reporter: { name: NAMA, nik: NIK } },
  { tracking_id: 'A3', meta: { flags: { isAnonymous: 'true' } }, data: { pelapor: { nama_lengkap: NAMA, no_ktp: NIK, alamat: ALAMAT } } },
  { tracking_id: 'A4', laporan: [{ anonim: 'iya', identitas: { fullName: NAMA, handphone: HP, email: EMAIL } }] },
  { tracking_id: 'A5', Anonim: 'anonim', 'Nama Lengkap': NAMA, 'No. KTP': NIK, 'Telepon Rumah': HP },
]
/** Not anonim: supervisors and admins may see who reported, operators may not, at any depth. */
const OPEN = [
  { tracking_id: 'B1', anonymous: 'no', payload: { reporter: { reporterName: NAMA, nikPelapor: NIK, contact: { mobilePhone: HP, eMail: EMAIL } } } },
  { tracking_id: 'B2', is_anonim: 0, rows: [{ Nama: NAMA, NIK, 'No HP': HP, Alamat: ALAMAT }] },
]

let s: Secured
let anonimIds: number[] = []
let openIds: number[] = []
beforeAll(async () => {
  s = await startSecured(() => [])
  const source = saveSource(s.ws.db, { name: 'hulu-aneh', kind: 'file', kabupaten: '64.08' })
  ingestRecords(s.ws.db, source, [...ANONIM, ...OPEN].map((raw, i) => ({ error: 'format tidak dikenal', raw, ref: `baris ${i + 2}` })))
  const idOf = (t: string) => s.ws.db.prepare('SELECT id FROM sync_quarantine WHERE tracking_id = ?').pluck().get(t) as number
  anonimIds = ANONIM.map((a) => idOf(a.tracking_id))
  openIds = OPEN.map((a) => idOf(a.tracking_id))
})
afterAll(() => s?.close())

const raw = async (id: number, who: 'operator' | 'supervisor' | 'admin') => {
  const r = await callHttp(s.base, { path: 'sync.quarantineRaw', type: 'query' }, { id }, s.tokens[who])
  expect(r.ok, r.message).toBe(true)
  return (r.data as { raw: string; redacted: boolean })
}
const PERSONAL = [NIK, HP, 'Hartini', 'Wulandari', EMAIL, 'Melati']
const digitsOf = (text: string) => text.replace(/\D/g, '')

it('hides identity of anonim payloads from every role, whatever the flag spelling or depth', async () => {
  for (const id of anonimIds) {
    for (const who of ['operator', 'supervisor', 'admin'] as const) {
      const r = await raw(id, who)
      for (const p of PERSONAL) expect(r.raw, `#${id} as ${who}`).not.toContain(p)
      expect(digitsOf(r.raw)).not.toContain(NIK)
      expect(r.redacted).toBe(true)
    }
  }
})

it('hides identity at any depth and under any key spelling from roles that may not see it', async () => {
  for (const id of openIds) {
    const op = await raw(id, 'operator')
    for (const p of PERSONAL) expect(op.raw, `#${id} as operator`).not.toContain(p)
    const admin = await raw(id, 'admin')
    expect(admin.raw).toContain(NIK)
    expect(admin.raw).toContain(NAMA)
  }
})

// Finding 6 of the second security round: the audit log leaked what every other view hides. A supervisor read an
// anonim complaint's raw intake title, with the reporter's NIK, phone number and name, in audit.list; notes and
// reasons were stored raw. Now entries about a complaint never store its reporter's identity, and audit.list
// masks by the reader's role and the complaint's anonim/rahasia flags, as the detail pane does. Real HTTP; the
// responses and the stored rows are scanned with the leak scanner of tests/privacy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findIdentities, type Person } from '../privacy/leak-scan.ts'
import { insertComplaints } from '../fixtures.ts'
import { callHttp } from './api.ts'
import { startSecured, type Secured } from './server.ts'

const anonim: Person = { key: 'anonim', nama: 'Bonifasius Lumbantobing', nik: '6408021103790005', phone: '085247193368', email: 'boni.lt@contoh.id' }
const terbuka: Person = { key: 'terbuka', nama: 'Wahyuningsih Paramitha', nik: '6408014507880003', phone: '081356782491', email: 'wahyu.paramitha@contoh.id' }
// The fixture's reporter of every inserted complaint.
const fixtureReporter: Person = { key: 'fixture', nama: 'Siti Rahmawati', nik: '6408011204900001', phone: '081234567890', email: null }

let s: Secured
beforeAll(async () => {
  s = await startSecured((ws) => insertComplaints(ws.db, [{ tracking_id: 'AP-ANON', submitted: '2026-01-05T02:00:00Z', is_anonim: 1 }]))
})
afterAll(() => s?.close())

const intake = (p: Person, isAnonim: boolean) => ({
  kabupaten: '64.08',
  via: 'whatsapp' as const,
  receivedAt: Date.now() - 3_600_000,
  judul: `Saya ${p.nama} NIK ${p.nik} HP ${p.phone} jalan rusak`,
  isi: `Mohon dibantu, hubungi ${p.phone} atau ${p.email}.`,
  kecamatan: '64.08.04',
  isAnonim,
  reporter: { nama: p.nama, nik: p.nik!, phone: p.phone!, email: p.email! },
})

const auditList = (role: 'supervisor' | 'admin') => callHttp(s.base, { path: 'audit.list', type: 'query' }, { limit: 500 }, s.tokens[role])
const storedRows = () => s.ws.db.prepare('SELECT before_json, after_json, reason FROM audit_log').all()

describe('the audit log follows the privacy rules', () => {
  it('an anonim intake: neither the stored entry nor audit.list for a supervisor or admin holds the reporter', async () => {
    const r = await callHttp(s.base, { path: 'intake.create', type: 'mutation' }, intake(anonim, true), s.tokens.operator)
    expect(r.ok, r.message).toBe(true)
    const id = (r.data as { id: number }).id
    // A note and a reason with the reporter's details typed in, on the same anonim complaint.
    const note = await callHttp(s.base, { path: 'complaints.act', type: 'mutation' }, { action: 'note', ids: [id], body: `Sudah ditelepon ke ${anonim.phone}, a.n. ${anonim.nama}` }, s.tokens.operator)
    expect(note.ok, note.message).toBe(true)

    expect(findIdentities(storedRows(), [anonim])).toEqual([])
    for (const role of ['supervisor', 'admin'] as const) {
      const list = await auditList(role)
      expect(list.ok, list.message).toBe(true)
      expect(findIdentities(list.data, [anonim]), role).toEqual([])
      // The entry is still there and says what happened.
      const entry = (list.data as { action: string; entity_id: string; after_json: string }[]).find((e) => e.action === 'complaint.create' && e.entity_id === String(id))!
      expect(JSON.parse(entry.after_json)).toMatchObject({ judul: expect.stringContaining('jalan rusak'), is_anonim: true, hasReporter: true })
    }
  })

  it('a non-anonim intake: identity is not stored in the log either (the detail pane holds it for those who may see it)', async () => {
    const r = await callHttp(s.base, { path: 'intake.create', type: 'mutation' }, intake(terbuka, false), s.tokens.operator)
    expect(r.ok, r.message).toBe(true)
    expect(findIdentities(storedRows(), [terbuka])).toEqual([])
    const detail = await callHttp(s.base, { path: 'complaints.detail', type: 'query' }, { id: (r.data as { id: number }).id }, s.tokens.supervisor)
    expect(findIdentities(detail.data, [terbuka]).length).toBeGreaterThan(0) // still where it belongs
  })

  it('entries written before the rule (raw texts) are masked when read, by the complaint’s flags', async () => {
    const id = s.sample.complaintIds[0] // AP-ANON, anonim, reported by the fixture's reporter
    // An old entry as the previous version stored it: raw text with the reporter's details.
    s.ws.db
      .prepare(
        `INSERT INTO audit_log (at, user_id, username, role, action, entity, entity_id, before_json, after_json, reason, prev_hash, hash)
         VALUES (?, 1, 'operator1', 'operator', 'complaint.tunda', 'complaint', ?, NULL, ?, ?, '', 'lama')`,
      )
      .run(Date.now(), String(id), JSON.stringify({ note: `pelapor ${fixtureReporter.nama} ${fixtureReporter.nik}` }), `menunggu ${fixtureReporter.nama}, HP ${fixtureReporter.phone}`)
    for (const role of ['supervisor', 'admin'] as const) {
      const list = await auditList(role)
      expect(findIdentities(list.data, [fixtureReporter]), role).toEqual([])
      const entry = (list.data as { action: string; after_json: string; reason: string }[]).find((e) => e.action === 'complaint.tunda')!
      expect(entry.reason).toMatch(/menunggu \[nama disembunyikan\], HP \[nomor disembunyikan\]/)
    }
  })
})

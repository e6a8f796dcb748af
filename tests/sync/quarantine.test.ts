// The quarantine's payloads are personal data: the reporter's identity is hidden for anonim reports from everyone
// and from every role below supervisor, and personal numbers in any text are masked for those roles.
import { describe, expect, it } from 'vitest'
import { tempStore } from '../helpers.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { ingestRecords } from '#main/sync/ingest.ts'
import { quarantineRaw } from '#main/sync/queries.ts'

function quarantined(raw: unknown) {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  const source = saveSource(db, { name: 'berkas', kind: 'file', kabupaten: '64.08' })
  ingestRecords(db, source, [{ error: 'kolom Tanggal kosong', raw, ref: 'baris 2' }])
  const id = db.prepare('SELECT id FROM sync_quarantine').pluck().get() as number
  return (role: 'operator' | 'supervisor' | 'admin') => quarantineRaw(db, id, role)!
}

const NIK = '6408011204900001'
const HP = '081234567890'

describe('quarantined payloads', () => {
  it('shows the identity of a non-anonim report to supervisors and admins only', () => {
    const raw = quarantined({ tracking_id: '1', anonymous: false, content: `NIK saya ${NIK}`, reporter: { name: 'Siti', nik: NIK, phone: HP } })
    expect(raw('admin').raw).toContain(NIK)
    expect(raw('admin').redacted).toBe(false)
    const op = raw('operator')
    expect(op.raw).not.toContain(NIK)
    expect(op.raw).toContain('"reporter": "[disembunyikan]"')
    expect(op.raw).toContain('NIK saya [NIK disembunyikan]')
    expect(op.redacted).toBe(true)
  })

  it('hides the identity of an anonim report from everyone, whatever the field names', () => {
    const lapor = quarantined({ tracking_id: '2', anonymous: true, reporter: { name: 'Siti', nik: NIK } })
    expect(lapor('admin').raw).not.toContain(NIK)
    const row = quarantined({ 'No.': 7, 'Nama Pelapor': 'Siti Rahmawati', 'No. HP': HP, 'NIK Pelapor': NIK, Anonim: 'Ya', 'Isi Laporan': 'Jalan rusak' })
    const text = row('admin').raw
    expect(text).not.toContain('Siti Rahmawati')
    expect(text).not.toContain(HP)
    expect(text).not.toContain(NIK)
    expect(text).toContain('Jalan rusak')
  })

  it('masks personal numbers in a payload that is not even JSON, for every role', () => {
    const raw = quarantined(`{"tracking_id": "3", "nik": "${NIK}", "hp": "${HP}"`)
    expect(raw('admin').raw).not.toContain(NIK)
    expect(raw('admin').raw).not.toContain(HP)
  })
})

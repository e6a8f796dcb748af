// A vocabulary change applied to the complaints already stored: the preview count, the move itself (only the
// complaints whose value came from the old table), the audit entry and the KPI aggregates refreshed in step.
import { describe, expect, it } from 'vitest'
import { tempStore } from '../helpers.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { ingestRecords } from '#main/sync/ingest.ts'
import { mapComplaint } from '#main/sync/connectors/lapor-json/map.ts'
import { previewRemap, setVocabularyWithRemap } from '#main/sync/vocabulary-remap.ts'
import { rebuildKabupaten, slaContext } from '#main/kpi/refresh.ts'
import type { SessionUser } from '#main/users/session.ts'
import { ensureDefaultProfiles } from '#main/users/profiles.ts'
import type { Db } from '#main/store/open.ts'
import { record, T0, H } from '../sync/records.ts'

const admin: SessionUser = { id: 1, username: 'admin', nama: 'Admin Lokal', role: 'admin', kabupaten: null }
const wire = (over: Record<string, unknown>) => ({
  version: 1, created_at: '2026-03-02T01:00:00Z', updated_at: '2026-03-02T02:00:00Z', title: 'Jalan', content: 'Jalan rusak',
  classification: 'Pengaduan', channel: 'web', status: 'Proses', anonymous: false, secret: false, history: [], ...over,
})

function store(): Db {
  const { db } = tempStore()
  ensureDefaultProfiles(db) // the admin profile (id 1) the audit entries name
  seedKabupaten(db, '64.08')
  const source = saveSource(db, { name: 'lapor', kind: 'lapor-json', kabupaten: '64.08' })
  const mapped = [
    wire({ tracking_id: 'A1', status: 'Sedang Diproses', channel: 'Call Center' }),
    wire({ tracking_id: 'A2', status: 'Sedang Diproses', channel: 'Call Center', classification: 'Keluhan' }),
    wire({ tracking_id: 'A3', status: 'Sedang Diproses', channel: 'web' }),
    wire({ tracking_id: 'A4', status: 'Dikembalikan', channel: 'web' }),
  ].map((w) => {
    const m = mapComplaint(w)
    if (!m.ok) throw new Error(m.reason)
    return { record: m.record }
  })
  // A5: "Dikembalikan" that the record's context said was to the reporter: stored as tunda.
  const fromContext = record({ tracking_id: 'A5', status_raw: 'Dikembalikan', status: 'tunda', updated_at: T0 + H })
  ingestRecords(db, source, [...mapped, { record: fromContext }])
  // A3 was corrected by hand to selesai: its value no longer comes from the table.
  db.prepare("UPDATE complaint SET status = 'selesai', closed_at = updated_at WHERE tracking_id = 'A3'").run()
  // A complaint stored before migration 0019: no raw channel word.
  db.prepare("UPDATE complaint SET channel = 'telepon', channel_raw = NULL WHERE tracking_id = 'A5'").run()
  db.transaction(() => rebuildKabupaten(db, '64.08', slaContext(db, '64.08'))).immediate()
  return db
}

const row = (db: Db, t: string) => db.prepare('SELECT status, status_raw, channel, channel_raw, klasifikasi, klasifikasi_raw FROM complaint WHERE tracking_id = ?').get(t) as Record<string, string | null>
const counts = (db: Db) => db.prepare("SELECT dim, key, grain, day, n, selesai, proses, tunda, belum_ditindaklanjuti, bukan_wewenang FROM kpi_count ORDER BY dim, key, grain, day").all()

describe('vocabulary remap of stored complaints', () => {
  it('keeps the words each connector received', () => {
    const db = store()
    expect(row(db, 'A1')).toEqual({ status: 'proses', status_raw: 'Sedang Diproses', channel: 'telepon', channel_raw: 'Call Center', klasifikasi: 'pengaduan', klasifikasi_raw: 'Pengaduan' })
    expect(row(db, 'A2')).toMatchObject({ klasifikasi: 'pengaduan', klasifikasi_raw: 'Keluhan' })
  })

  it('previews and moves only complaints whose value came from the old table, audited, with the KPIs refreshed', () => {
    const db = store()
    const change = { kind: 'status' as const, word: 'Sedang Diproses', value: 'belum_ditindaklanjuti' }
    const preview = previewRemap(db, change)
    // A1 and A2; A3 was corrected by hand.
    expect(preview).toMatchObject({ complaints: 2, message: '2 laporan akan diubah', groups: [{ raw: 'Sedang Diproses', from: 'proses', to: 'belum_ditindaklanjuti', complaints: 2 }] })
    const r = setVocabularyWithRemap(db, admin, { ...change, remap: true })
    expect(r).toMatchObject({ changed: 2, kabupaten: ['64.08'] })
    expect(['A1', 'A2', 'A3'].map((t) => row(db, t).status)).toEqual(['belum_ditindaklanjuti', 'belum_ditindaklanjuti', 'selesai'])
    expect(JSON.parse(db.prepare("SELECT after_json FROM audit_log WHERE action = 'vocabulary.remap'").pluck().get() as string)).toEqual({ value: 'belum_ditindaklanjuti', complaints: 2, kabupaten: ['64.08'] })
    // The aggregates refreshed in the transaction equal a rebuild from nothing.
    const refreshed = counts(db)
    db.transaction(() => rebuildKabupaten(db, '64.08', slaContext(db, '64.08'))).immediate()
    expect(counts(db)).toEqual(refreshed)
    expect(previewRemap(db, change).complaints).toBe(0)
  })

  it('moves "Dikembalikan" without context and leaves the one its record explained', () => {
    const db = store()
    const change = { kind: 'status' as const, word: 'dikembalikan', value: 'tunda' }
    expect(previewRemap(db, change).complaints).toBe(1)
    setVocabularyWithRemap(db, admin, { ...change, remap: true })
    expect([row(db, 'A4').status, row(db, 'A5').status]).toEqual(['tunda', 'tunda'])
  })

  it('counts old complaints without a raw channel word apart, and saves without moving anything when asked', () => {
    const db = store()
    const change = { kind: 'channel' as const, word: 'call center', value: 'whatsapp_pemda' }
    expect(previewRemap(db, change)).toMatchObject({ complaints: 2, withoutRaw: 1, message: '2 laporan akan diubah; 1 laporan lama tanpa kata asli tidak ikut diubah' })
    expect(setVocabularyWithRemap(db, admin, { ...change, remap: false })).toMatchObject({ changed: 0 })
    expect(row(db, 'A1').channel).toBe('telepon')
    // Left out once, they still hold a value the word had (telepon) and follow the next change that remaps.
    expect(setVocabularyWithRemap(db, admin, { ...change, value: 'surat', remap: true })).toMatchObject({ changed: 2 })
    expect([row(db, 'A1').channel, row(db, 'A5').channel]).toEqual(['surat', 'telepon'])
  })

  it('refuses a value the kind does not have, in Indonesian', () => {
    const db = store()
    expect(() => previewRemap(db, { kind: 'channel', word: 'call center', value: 'faks' })).toThrow(/nilai "faks" tidak sah untuk channel/)
  })
})

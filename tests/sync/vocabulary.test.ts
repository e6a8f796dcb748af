// The one vocabulary (sync/vocabulary.ts): the migration's seed is the TS seed; every status, channel and
// klasifikasi word of domain.md is read alike by the lapor-json connector, the Open311 connector and the file import;
// "Dikembalikan" by context; a kabupaten's LAPOR! subdomain is the regional channel.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { resourcePath } from '#main/resources.ts'
import { seedEntries, Vocabulary } from '#main/sync/vocabulary.ts'
import { mapComplaint } from '#main/sync/connectors/lapor-json/map.ts'
import { parseChannel, parseKlasifikasi, parseStatus } from '#main/import/values/vocabulary.ts'
import { listVocabulary } from '#main/sync/vocabulary.ts'
import { tempStore } from '../helpers.ts'

// domain.md, word for word: the status chain and beside it, the channels, the klasifikasi (old ones too).
const DOMAIN_STATUSES: [string, string][] = [
  ['Belum Terverifikasi', 'belum_terverifikasi'],
  ['Belum Ditindaklanjuti', 'belum_ditindaklanjuti'],
  ['Terverifikasi', 'belum_ditindaklanjuti'],
  ['Terdisposisi', 'belum_ditindaklanjuti'],
  ['Proses', 'proses'],
  ['Sedang Diproses', 'proses'],
  ['Selesai', 'selesai'],
  ['Tunda', 'tunda'],
  ['Dipending', 'tunda'],
  ['Bukan Wewenang', 'bukan_wewenang'],
  ['Bukan Kewenangan', 'bukan_wewenang'],
  ['Arsip', 'arsip'],
  ['Dihapus', 'dihapus'],
  ['Dikembalikan ke Pelapor', 'tunda'],
  ['Dikembalikan ke Admin Pusat', 'bukan_wewenang'],
]
const DOMAIN_CHANNELS: [string, string][] = [
  ['lapor.go.id', 'web'],
  ['SMS 1708', 'sms_1708'],
  ['Android', 'app_android'],
  ['iOS', 'app_ios'],
  ['Twitter @LAPOR1708', 'twitter'],
  ['natuna.lapor.go.id', 'integrasi_daerah'],
  ['https://kutaitimurkab.lapor.go.id', 'integrasi_daerah'],
  ['Lapor Mas Wapres', 'setwapres'],
  ['WhatsApp', 'whatsapp_pemda'],
  ['Surat', 'surat'],
  ['Tatap muka', 'tatap_muka'],
  ['Telepon', 'telepon'],
]
const DOMAIN_KLASIFIKASI: [string, string][] = [
  ['Pengaduan', 'pengaduan'],
  ['Aspirasi', 'aspirasi'],
  ['Permintaan Informasi', 'permintaan_informasi'],
  ['Whistle Blowing', 'whistle_blowing'],
  ['Pengadaan', 'pengadaan'],
]

function wire(over: Record<string, unknown>) {
  return {
    tracking_id: 'T1', version: 1, created_at: '2026-03-02T01:00:00Z', updated_at: '2026-03-02T02:00:00Z', title: 'Jalan', content: 'Jalan rusak',
    classification: 'Pengaduan', channel: 'web', status: 'Proses', anonymous: false, secret: false, history: [], ...over,
  }
}

describe('vocabulary', () => {
  it('the migration seeds exactly the TS seed', () => {
    const { db } = tempStore()
    const stored = listVocabulary(db).map((e) => [e.kind, e.word, e.value, e.ambiguous])
    expect(stored.sort()).toEqual(seedEntries().map((e) => [e.kind, e.word, e.value, e.ambiguous]).sort())
    expect(readFileSync(resourcePath('migrations', '0018_vocabulary.sql'), 'utf8')).toContain("('status', 'dikembalikan', 'bukan_wewenang', 1,")
  })

  it('every domain.md word is read alike by lapor-json and the file import, and by Open311 for statuses', () => {
    const vocab = Vocabulary.builtin()
    for (const [word, value] of DOMAIN_STATUSES) {
      const m = mapComplaint(wire({ status: word }))
      expect(m.ok && m.record.status, word).toBe(value)
      expect(parseStatus(word)).toMatchObject({ ok: true, value })
      expect(vocab.open311Status(word).value, word).toBe(value)
    }
    for (const [word, value] of DOMAIN_CHANNELS) {
      const m = mapComplaint(wire({ channel: word }))
      expect(m.ok && m.record.channel, word).toBe(value)
      expect(parseChannel(word)).toEqual({ ok: true, value })
    }
    for (const [word, value] of DOMAIN_KLASIFIKASI) {
      const m = mapComplaint(wire({ classification: word }))
      expect(m.ok && m.record.klasifikasi, word).toBe(value)
      expect(parseKlasifikasi(word)).toEqual({ ok: true, value })
    }
  })

  it('"Dikembalikan" follows the record when it says to whom, else the default, flagged', () => {
    const vocab = Vocabulary.builtin()
    expect(vocab.status('Dikembalikan')).toEqual({ value: 'bukan_wewenang', how: 'tabel', flag: 'ambigu' })
    expect(vocab.status('Dikembalikan', 'Laporan kurang lengkap, dikembalikan kepada pelapor')).toEqual({ value: 'tunda', how: 'konteks', flag: null })
    expect(vocab.status('dikembalikan ke pelapor')).toMatchObject({ value: 'tunda', flag: null })
    const m = mapComplaint(
      wire({ status: 'Dikembalikan', history: [{ id: 'h1', type: 'status', at: '2026-03-02T02:00:00Z', actor: 'Admin', to_status: 'Dikembalikan', reason: 'Dikembalikan ke pelapor: lokasi tidak jelas' }] }),
    )
    expect(m.ok && [m.record.status, m.record.history?.[0].to_status]).toEqual(['tunda', 'tunda'])
    expect(parseStatus('Dikembalikan')).toEqual({ ok: true, value: 'bukan_wewenang', ambiguous: true })
    // A custom vocabulary (the admin's) decides the default.
    const custom = new Vocabulary([{ kind: 'status', word: 'dikembalikan', value: 'tunda', ambiguous: true }])
    expect(custom.status('DIKEMBALIKAN')).toMatchObject({ value: 'tunda', flag: 'ambigu' })
  })

  it('an unknown word stays unknown to lapor-json and import (quarantined / rejected with its name)', () => {
    const m = mapComplaint(wire({ status: 'Dibekukan' }))
    expect(m).toMatchObject({ ok: false, reason: 'status: status "Dibekukan" tidak dikenal' })
    expect(parseStatus('Dibekukan')).toMatchObject({ ok: false })
  })
})

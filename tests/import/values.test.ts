// The value parsers behind file import, on the spellings admins' spreadsheets really contain.
import { describe, expect, it } from 'vitest'
import { parseDateCell, parseDateText } from '#main/import/values/dates.ts'
import { parseChannel, parseFlag, parseStatus } from '#main/import/values/vocabulary.ts'
import { placeIndex } from '#main/import/values/places.ts'
import { unitIndex } from '#main/reference/names/lookup.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { tempStore } from '../helpers.ts'

const WITA = 8 * 60
const at = (iso: string) => Date.parse(iso)
const ok = (p: { ok: boolean; value?: unknown; reason?: string }) => {
  if (!p.ok) throw new Error(p.reason)
  return p.value
}

describe('Indonesian dates', () => {
  it('reads the formats recaps use as local WITA wall time', () => {
    expect(ok(parseDateText('23/11/2026 14:05', WITA))).toBe(at('2026-11-23T06:05:00Z'))
    expect(ok(parseDateText('23-11-2026 14.05', WITA))).toBe(at('2026-11-23T06:05:00Z'))
    expect(ok(parseDateText('23/11/26', WITA))).toBe(at('2026-11-22T16:00:00Z'))
    expect(ok(parseDateText('23 Nov 2026', WITA))).toBe(at('2026-11-22T16:00:00Z'))
    expect(ok(parseDateText('Senin, 23 November 2026 pukul 14.05 WIB', WITA))).toBe(at('2026-11-23T07:05:00Z'))
    expect(ok(parseDateText('7 Agustus 2025', WITA))).toBe(at('2025-08-06T16:00:00Z'))
    expect(ok(parseDateText('1 Mei 2025 08:00', WITA))).toBe(at('2025-05-01T00:00:00Z'))
    expect(ok(parseDateText('2026-11-23', WITA))).toBe(at('2026-11-22T16:00:00Z'))
    expect(ok(parseDateText('2026-11-23T14:05:00+08:00', 0))).toBe(at('2026-11-23T06:05:00Z'))
    expect(ok(parseDateText('2026-11-23 14:05:00Z', WITA))).toBe(at('2026-11-23T14:05:00Z'))
  })

  it('reads Excel serial dates and exceljs Dates as the wall time the admin saw', () => {
    // 46349 is 23 Nov 2026 in Excel; .5868055… is 14:05.
    expect(ok(parseDateCell(46349 + (14 * 60 + 5) / 1440, WITA))).toBe(at('2026-11-23T06:05:00Z'))
    expect(ok(parseDateCell('46349', WITA))).toBe(at('2026-11-22T16:00:00Z'))
    expect(ok(parseDateCell(new Date(Date.UTC(2026, 10, 23, 14, 5)), WITA))).toBe(at('2026-11-23T06:05:00Z'))
  })

  it('says what is wrong with a date it cannot read', () => {
    expect(parseDateText('31/02/2026', WITA)).toEqual({ ok: false, reason: 'tanggal 31/2/2026 tidak ada' })
    expect(parseDateText('23 Novembr 2026', WITA)).toMatchObject({ ok: false, reason: expect.stringMatching(/bulan "Novembr"/) })
    expect(parseDateText('kemarin sore', WITA)).toMatchObject({ ok: false, reason: expect.stringMatching(/bukan tanggal/) })
    expect(parseDateText('23/11/2026 25:00', WITA)).toMatchObject({ ok: false })
    expect(parseDateCell(12, WITA)).toMatchObject({ ok: false })
  })
})

describe('vocabulary', () => {
  it('maps Indonesian status words and honours a mapping override', () => {
    expect(ok(parseStatus('Belum Ditindaklanjuti'))).toBe('belum_ditindaklanjuti')
    expect(ok(parseStatus('DIPENDING'))).toBe('tunda')
    expect(ok(parseStatus('Bukan Kewenangan'))).toBe('bukan_wewenang')
    expect(ok(parseStatus('Sdh TL', { 'sdh tl': 'proses' }))).toBe('proses')
    expect(parseStatus('Entahlah')).toMatchObject({ ok: false, reason: 'status "Entahlah" tidak dikenal' })
    expect(ok(parseChannel('WhatsApp'))).toBe('whatsapp_pemda')
    expect(ok(parseChannel('Datang Langsung'))).toBe('tatap_muka')
    expect(ok(parseFlag('Ya'))).toBe(1)
    expect(ok(parseFlag(null))).toBe(0)
    expect(parseFlag('mungkin')).toMatchObject({ ok: false })
  })
})

describe('places and units by name', () => {
  it('finds kecamatan and desa despite prefixes, case, accents, typos and codes, and refuses to guess', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const p = placeIndex(db, '64.08')
    expect(ok(p.kecamatan('Kec. SANGATTA UTARA'))).toBe('64.08.04')
    expect(ok(p.kecamatan('Sangata Utara'))).toBe('64.08.04')
    expect(ok(p.kecamatan('Kecamatan Sángatta Utara'))).toBe('64.08.04')
    expect(ok(p.kecamatan('640804'))).toBe('64.08.04')
    expect(p.kecamatan('21.03.01')).toMatchObject({ ok: false })
    expect(p.kecamatan('Jakarta Selatan')).toMatchObject({ ok: false, reason: expect.stringMatching(/tidak ditemukan/) })
    const desa = db.prepare("SELECT kode, nama, kecamatan_kode FROM desa WHERE kecamatan_kode = '64.08.04' LIMIT 1").get() as { kode: string; nama: string; kecamatan_kode: string }
    expect(ok(p.desa(`Desa ${desa.nama.toUpperCase()}`, '64.08.04'))).toEqual({ kode: desa.kode, kecamatan: '64.08.04' })
    expect(ok(p.desa(desa.kode.replace(/\./g, ''), null))).toEqual({ kode: desa.kode, kecamatan: '64.08.04' })
    const u = unitIndex(db, '64.08')
    expect(ok(u('Dinkes'))).toMatchObject({ kode: '64.08/dinkes' })
    expect(ok(u('dinas kesehatan'))).toMatchObject({ kode: '64.08/dinkes' })
    expect(u('Dinas Antah Berantah')).toMatchObject({ ok: false })
  })
})

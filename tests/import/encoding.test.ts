// Nothing bent on the way in (issue 14): a CSV saved by Excel as Windows-1252 keeps its Indonesian names (read as
// 1252, with a warning), UTF-8 and UTF-16 are read without one, bytes that fit no encoding are refused; a sheet
// with merged kecamatan cells gives every row of a merge the kecamatan (with a warning); channel and status words
// the import used to refuse or bend (natuna.lapor.go.id, Telepon, Sedang Diproses, Bukan Kewenangan, Dikembalikan).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { stringify } from 'csv-stringify/sync'
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { importFile } from '#main/import/run.ts'
import { sniffEncoding } from '#main/import/readers.ts'
import type { Db } from '#main/store/open.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { LAPOR_HEADERS, laporRow, wall, type LaporRow } from './files.ts'

function setup() {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  const admin = upsertProfile(db, 'admin', 'Admin Diskominfo', 'admin')
  return { db, admin, dir: tempDir() }
}

const ROWS: LaporRow[] = [
  { id: 'E1', tanggal: '02/11/2026 09:15', judul: 'Lampu jalan mati di depan Café Andrés', nama: 'José Ramírez', kecamatan: 'Sangatta Utara', status: 'Sedang Diproses', sumber: 'natuna.lapor.go.id' },
  { id: 'E2', tanggal: '03/11/2026 08:00', judul: 'Sampah menumpuk', isi: 'Pak Günther dan Bu Françoise melapor: sampah di pasar', nama: 'Françoise Ñañez', status: 'Bukan Kewenangan', sumber: 'Telepon' },
  { id: 'E3', tanggal: '04/11/2026 10:00', judul: 'Laporan kurang lengkap', nama: 'Siti Rahmawati', status: 'Dikembalikan', sumber: 'Website' },
]

function csvText(rows = ROWS): string {
  return stringify([LAPOR_HEADERS, ...rows.map((r, i) => laporRow(i + 1, r))], { delimiter: ';' })
}

const stored = (db: Db, id: string) =>
  db
    .prepare('SELECT c.judul, c.isi, c.status, c.status_raw, c.channel, c.kecamatan_kode, r.nama FROM complaint c LEFT JOIN reporter r ON r.complaint_id = c.id WHERE c.tracking_id = ?')
    .get(id) as Record<string, unknown>

async function importBytes(db: Db, admin: Parameters<typeof importFile>[1]['user'], dir: string, name: string, bytes: Buffer) {
  const file = join(dir, name)
  writeFileSync(file, bytes)
  return importFile(db, { kabupaten: '64.08', name, input: { path: file }, user: admin, trigger: 'test' })
}

describe('file encodings', () => {
  it('reads a Windows-1252 CSV with its names intact and says it guessed', async () => {
    const { db, admin, dir } = setup()
    // latin1 is Windows-1252 for these letters: é = 0xE9, ñ = 0xF1, ü = 0xFC, ç = 0xE7.
    const bytes = Buffer.from(csvText(), 'latin1')
    expect(bytes.includes(0xe9)).toBe(true)
    const report = await importBytes(db, admin, dir, 'laporan-1252.csv', bytes)
    expect(report.rows).toMatchObject({ accepted: 3, rejected: 0 })
    expect(report.fileWarnings).toEqual([expect.stringMatching(/^Berkas dibaca sebagai Windows-1252; periksa nama dengan huruf khusus/)])
    expect(stored(db, 'E1')).toMatchObject({ judul: 'Lampu jalan mati di depan Café Andrés', nama: 'José Ramírez', kecamatan_kode: '64.08.04' })
    expect(stored(db, 'E2')).toMatchObject({ isi: 'Pak Günther dan Bu Françoise melapor: sampah di pasar', nama: 'Françoise Ñañez' })
    expect(JSON.stringify(db.prepare('SELECT judul, isi FROM complaint').all()) + JSON.stringify(db.prepare('SELECT nama FROM reporter').all())).not.toContain('\uFFFD')
  })

  it('reads the channel and status words the import used to refuse or bend, the raw word kept', async () => {
    const { db, admin, dir } = setup()
    const report = await importBytes(db, admin, dir, 'laporan.csv', Buffer.from(csvText(), 'utf8'))
    expect(report.fileWarnings).toEqual([])
    expect(stored(db, 'E1')).toMatchObject({ status: 'proses', status_raw: 'Sedang Diproses', channel: 'integrasi_daerah' })
    expect(stored(db, 'E2')).toMatchObject({ status: 'bukan_wewenang', status_raw: 'Bukan Kewenangan', channel: 'telepon' })
    expect(stored(db, 'E3')).toMatchObject({ status: 'bukan_wewenang', status_raw: 'Dikembalikan' })
    // "Dikembalikan" alone does not say to whom: stored with the admin's default, and the row says so.
    expect(report.issues).toEqual([expect.objectContaining({ row: 4, field: 'status', severity: 'warning', reason: expect.stringMatching(/tidak menyebut kepada siapa dikembalikan/) })])
  })

  it('reads UTF-8 with and without BOM and UTF-16 with either BOM without a warning', async () => {
    const text = csvText()
    const variants: [string, Buffer][] = [
      ['utf8.csv', Buffer.from(text, 'utf8')],
      ['utf8-bom.csv', Buffer.from('\uFEFF' + text, 'utf8')],
      ['utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ]
    for (const [name, bytes] of variants) {
      const { db, admin, dir } = setup()
      const report = await importBytes(db, admin, dir, name, bytes)
      expect(report.fileWarnings, name).toEqual([])
      expect(report.rows.accepted, name).toBe(3)
      expect(stored(db, 'E2').nama, name).toBe('Françoise Ñañez')
    }
  })

  it('refuses bytes that fit no encoding rather than storing "�"', async () => {
    const { db, admin, dir } = setup()
    const bytes = Buffer.concat([Buffer.from(csvText(), 'latin1'), Buffer.from([0x81, 0x8d])])
    expect(() => sniffEncoding(bytes)).toThrow(/pengodean berkas CSV tidak dikenali/)
    await expect(importBytes(db, admin, dir, 'rusak.csv', bytes)).rejects.toThrow(/simpan ulang dari Excel sebagai "CSV UTF-8"/)
    expect(db.prepare('SELECT count(*) FROM complaint').pluck().get()).toBe(0)
  })

  it('sniffs a multi-byte character cut at the end of the first chunk as UTF-8', () => {
    const b = Buffer.from('nama;José', 'utf8')
    expect(sniffEncoding(b.subarray(0, b.length - 1))).toEqual({ encoding: 'utf-8', guessed: false })
  })
})

describe('merged cells', () => {
  it('gives every row of a merged kecamatan cell its kecamatan, and warns that cells were filled', async () => {
    const { db, admin, dir } = setup()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Daftar Laporan')
    ws.addRow(LAPOR_HEADERS)
    const kecamatan = ['Sangatta Utara', 'Muara Wahau', 'Bengalon', 'Kaliorang']
    for (let i = 0; i < 40; i++) {
      // Two rows per kecamatan block, the name only in the first (as a merged cell keeps it).
      const row = laporRow(i + 1, { id: `M${i + 1}`, tanggal: wall(2026, 11, 2 + (i % 5), 9, 0), kecamatan: i % 2 === 0 ? kecamatan[(i / 2) % 4] : '' })
      ws.addRow(row.map((v) => (v === '' ? null : v)))
    }
    const col = String.fromCharCode(65 + LAPOR_HEADERS.indexOf('Kecamatan'))
    for (let r = 2; r <= 41; r += 2) ws.mergeCells(`${col}${r}:${col}${r + 1}`)
    const file = join(dir, 'gabungan.xlsx')
    await wb.xlsx.writeFile(file)

    const report = await importFile(db, { kabupaten: '64.08', name: 'gabungan.xlsx', input: { path: file }, user: admin, trigger: 'test' })
    expect(report.rows).toMatchObject({ accepted: 40, rejected: 0 })
    expect(report.fileWarnings).toEqual([expect.stringMatching(/sel gabungan \(I2:I3, .*\(20 rentang\)\): 20 sel diisi dengan nilai sel kiri-atas/)])
    const missing = db.prepare('SELECT count(*) FROM complaint WHERE kecamatan_kode IS NULL').pluck().get()
    expect(missing).toBe(0)
    const byPair = db.prepare("SELECT tracking_id, kecamatan_kode FROM complaint WHERE tracking_id IN ('M1', 'M2', 'M39', 'M40') ORDER BY tracking_id").all()
    expect(byPair).toEqual([
      { tracking_id: 'M1', kecamatan_kode: '64.08.04' },
      { tracking_id: 'M2', kecamatan_kode: '64.08.04' },
      { tracking_id: 'M39', kecamatan_kode: expect.any(String) },
      { tracking_id: 'M40', kecamatan_kode: expect.any(String) },
    ])
    const pair = db.prepare("SELECT kecamatan_kode FROM complaint WHERE tracking_id IN ('M39', 'M40')").pluck().all()
    expect(pair[0]).toBe(pair[1])
  })

  it('streams a sheet without merges as before, without a warning', async () => {
    const { db, admin, dir } = setup()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('Daftar Laporan')
    ws.addRow(LAPOR_HEADERS)
    ws.addRow(laporRow(1, { id: 'S1', tanggal: wall(2026, 11, 2, 9, 0), kecamatan: 'Bengalon' }))
    const file = join(dir, 'biasa.xlsx')
    await wb.xlsx.writeFile(file)
    const report = await importFile(db, { kabupaten: '64.08', name: 'biasa.xlsx', input: { path: file }, user: admin, trigger: 'test' })
    expect(report.fileWarnings).toEqual([])
    expect(report.rows.accepted).toBe(1)
  })
})

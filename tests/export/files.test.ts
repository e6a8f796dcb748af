// The exported files as a reader sees them: xlsx parts read with our own zip/XML reader (not exceljs, which
// wrote them), CSV read with csv-parse. Contents are checked against the store with plain SQL.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { tempDir, tempStore } from '../helpers.ts'
import { openReader, type Db } from '#main/store/open.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { exportRequestSchema, type ExportFormat } from '#main/export/request.ts'
import type { Delimiter } from '#main/export/csv.ts'
import { kpiFor } from '#main/kpi/service.ts'
import type { Role } from '#shared/domain.ts'
import { cellAt, readXlsx } from './xlsx-reader.ts'
import { JANUARY, NOW, seedKnown } from './seed.ts'

async function exportTo(db: Db, request: unknown, format: ExportFormat, opts: { role?: Role; delimiter?: Delimiter } = {}): Promise<string> {
  const file = join(tempDir(), `out.${format}`)
  const reader = openReader(db)
  try {
    const doc = buildDoc({ db, reader, role: opts.role ?? 'admin', now: NOW, username: 'uji' }, exportRequestSchema.parse(request))
    await writeDoc(doc, { format, delimiter: opts.delimiter ?? ';' }, file)
  } finally {
    reader?.close()
  }
  return file
}

/** Excel's serial for a wall-clock time: days since 1899-12-30. */
const serial = (isoLocal: string) => Date.parse(`${isoLocal}Z`) / 86_400_000 + 25569

const csvRows = (file: string, delimiter = ';'): string[][] => parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { delimiter, relax_column_count: false })

describe('xlsx', () => {
  it('writes a queue as a sheet with a frozen, filtered header row, widths, and dates in the kabupaten zone', async () => {
    const { db } = tempStore()
    seedKnown(db)
    const book = readXlsx(await exportTo(db, { kind: 'queue', kabupaten: '64.08', queue: 'semua', period: JANUARY }, 'xlsx'))
    expect(book.sheets.map((s) => s.name)).toEqual(['Semua pengaduan', 'Keterangan'])
    const sheet = book.sheet('Semua pengaduan')
    expect(sheet.frozenRows).toBe(1)
    // Admin may see identity: 18 complaint columns and 4 reporter columns, A..V.
    expect(sheet.autoFilter).toBe('A1:V1')
    expect(sheet.rows[0].slice(0, 3)).toEqual(['No. Lacak', 'Judul', 'Isi laporan'])
    expect(sheet.rows[0]).toContain('Diterima (WITA)')
    expect(sheet.widths.get(2)).toBe(80) // Isi laporan is wide enough to read
    const order = db.prepare("SELECT tracking_id FROM complaint WHERE kabupaten_kode = '64.08' ORDER BY submitted_at, id").pluck().all()
    expect(sheet.rows.slice(1).map((r) => r[0])).toEqual(order)

    // 02:00 UTC is 10:00 in Sangatta: the cell is a real date serial for 10:00, formatted as a date and time.
    const received = cellAt(sheet, 'Diterima (WITA)', 0)!
    expect(received.type).toBeNull()
    expect(received.value as number).toBeCloseTo(serial('2026-01-05T10:00:00'), 6)
    expect(received.numFmt).toBe('dd/mm/yyyy hh:mm')
    expect(cellAt(sheet, 'Jumlah disposisi', 0)!.numFmt).toBe('#,##0')
    // A NIK stays text (as a number Excel would round it to 6408011204900000).
    expect(cellAt(sheet, 'NIK', 0)!.value).toBe('6408011204900001')
    expect(cellAt(sheet, 'Isi laporan', 0)!.value).toBe('Baris pertama.\nNIK saya 6408011204900001, HP 0812-3456-7890.\nTerima kasih.')
    expect(cellAt(sheet, 'Status', 1)!.value).toBe('Selesai')

    const info = book.sheet('Keterangan')
    expect(info.rows.find((r) => r[0] === 'Jumlah pengaduan')?.[1]).toBe('5')
  })

  it('writes the KPI tables one sheet per slice, total first, with percentages as fractions under 0.0%', async () => {
    const { db } = tempStore()
    seedKnown(db)
    const book = readXlsx(await exportTo(db, { kind: 'kpi', kabupaten: '64.08', period: JANUARY, dims: ['opd', 'kecamatan', 'channel'] }, 'xlsx'))
    expect(book.sheets.map((s) => s.name)).toEqual(['Per OPD', 'Per kecamatan', 'Per kanal', 'Keterangan'])
    const opd = book.sheet('Per OPD')
    expect(opd.frozenRows).toBe(1)
    expect(opd.rows[1][0]).toBe('Total')
    const table = kpiFor(db, '64.08', 'opd', JANUARY, NOW)
    expect(cellAt(opd, 'Masuk', 0)!.value).toBe(5)
    expect(cellAt(opd, 'Masuk', 0)!.numFmt).toBe('#,##0')
    const selesai = cellAt(opd, '% selesai', 0)!
    expect(selesai.numFmt).toBe('0.0%')
    expect(selesai.value).toBeCloseTo(table.total.pctSelesai! / 100, 10)
    expect(selesai.value).toBeCloseTo(0.2, 10)
    // Rows as the KPI table has them; the undispositioned complaints under a name an official understands.
    const names = opd.rows.slice(2).map((r) => r[0])
    expect(names).toEqual(expect.arrayContaining(['Setda', 'Bappeda', '(belum didisposisi)']))
    const setda = opd.rows.findIndex((r) => r[0] === 'Setda') - 1
    expect(cellAt(opd, 'Masuk', setda)!.value).toBe(2)
    expect(cellAt(book.sheet('Per kanal'), 'Kanal', 1)!.value).toBe('Web (lapor.go.id)')
  })

  it('writes the monthly recap per OPD and per kategori with counts and shares that match the store', async () => {
    const { db } = tempStore()
    seedKnown(db)
    const book = readXlsx(await exportTo(db, { kind: 'recap', kabupaten: '64.08', period: JANUARY }, 'xlsx'))
    expect(book.sheets.map((s) => s.name)).toEqual(['Rekap per OPD', 'Rekap per kategori', 'Keterangan'])
    const opd = book.sheet('Rekap per OPD')
    expect(opd.rows[0]).toEqual([
      'No', 'OPD', 'Total masuk', 'Terdisposisi', '% terdisposisi', 'Belum Terverifikasi', '% belum terverifikasi',
      'Belum Ditindaklanjuti', '% belum ditindaklanjuti', 'Proses', '% proses', 'Selesai', '% selesai', 'Tunda', '% tunda',
      'Bukan Wewenang', 'Arsip',
    ])
    // Expected figures straight from the complaints of January (local dates).
    const expected = db
      .prepare(
        `SELECT coalesce(p.singkatan, p.nama, '(belum didisposisi)') AS nama, count(*) AS masuk, sum(c.dispositioned_at IS NOT NULL) AS terdisposisi,
                sum(c.status = 'selesai') AS selesai, sum(c.status = 'tunda') AS tunda, sum(c.status = 'proses') AS proses
         FROM complaint c LEFT JOIN unit u ON u.id = c.unit_id LEFT JOIN unit p ON p.id = coalesce(CASE WHEN u.kind = 'opd' THEN u.id END, u.parent_id)
         WHERE c.kabupaten_kode = '64.08' GROUP BY 1`,
      )
      .all() as { nama: string; masuk: number; terdisposisi: number; selesai: number; tunda: number; proses: number }[]
    for (const e of expected) {
      const i = opd.rows.findIndex((r) => r[1] === e.nama) - 1
      expect(i, e.nama).toBeGreaterThan(0)
      expect(cellAt(opd, 'Total masuk', i)!.value).toBe(e.masuk)
      expect(cellAt(opd, 'Terdisposisi', i)!.value).toBe(e.terdisposisi)
      expect(cellAt(opd, 'Selesai', i)!.value).toBe(e.selesai)
      expect(cellAt(opd, 'Tunda', i)!.value).toBe(e.tunda)
      expect(cellAt(opd, '% proses', i)!.value).toBeCloseTo(e.proses / e.masuk, 10)
    }
    // The total row: 5 in, 3 dispositioned (60%), one each selesai / proses / tunda / belum.
    expect(opd.rows[1].slice(1, 5)).toEqual(['Total', 5, 3, 0.6])
    expect(cellAt(opd, '% terdisposisi', 0)!.numFmt).toBe('0.0%')
    const kategori = book.sheet('Rekap per kategori')
    const jalan = kategori.rows.findIndex((r) => r[1] === 'Jalan dan Jembatan') - 1
    expect(cellAt(kategori, 'Total masuk', jalan)!.value).toBe(2)
  })

  it('adds a per-month sheet when the recap spans several months', async () => {
    const { db } = tempStore()
    seedKnown(db)
    const book = readXlsx(await exportTo(db, { kind: 'recap', kabupaten: '64.08', period: { from: '2025-12-01', to: '2026-02-28' } }, 'xlsx'))
    const months = book.sheet('Rekap per bulan')
    expect(months.rows.slice(1).map((r) => [r[1], r[2]])).toEqual([
      ['Total', 5],
      ['Desember 2025', 0],
      ['Januari 2026', 5],
      ['Februari 2026', 0],
    ])
  })
})

describe('csv', () => {
  it('is UTF-8 with a BOM, ";" with decimal commas by default, keeps line breaks and defuses formulas', async () => {
    const { db } = tempStore()
    seedKnown(db)
    const file = await exportTo(db, { kind: 'queue', kabupaten: '64.08', queue: 'semua', period: JANUARY }, 'csv', { role: 'supervisor' })
    const bytes = readFileSync(file)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = csvRows(file)
    expect(rows).toHaveLength(7)
    expect(rows.pop()?.[0], 'the audit head closes the file').toMatch(/^Kepala log audit: (entri \d+ · hash [0-9a-f]{64}|log audit masih kosong)/)
    const col = (name: string) => rows[0].indexOf(name)
    const k1 = rows[1]
    expect(k1[col('No. Lacak')]).toBe('K1')
    // Excel would run "=HYPERLINK(…)" as a formula: the apostrophe makes it text.
    expect(k1[col('Judul')]).toBe('\'=HYPERLINK("http://contoh.test","klik")')
    expect(k1[col('Isi laporan')]).toBe('Baris pertama.\nNIK saya 6408011204900001, HP 0812-3456-7890.\nTerima kasih.')
    expect(k1[col('Diterima (WITA)')]).toBe('2026-01-05 10:00')
    expect(k1[col('NIK')]).toBe('6408011204900001')

    const kpi = csvRows(await exportTo(db, { kind: 'kpi', kabupaten: '64.08', period: JANUARY, dims: ['opd', 'kecamatan'] }, 'csv'))
    expect(kpi.pop()?.[0], 'the audit head closes the file, in the first column').toMatch(/^Kepala log audit: /)
    // Several tables in one CSV: a Tabel column says which; the names share one column.
    expect(kpi[0].slice(0, 3)).toEqual(['Tabel', 'Nama', 'Masuk'])
    expect(new Set(kpi.slice(1).map((r) => r[0]))).toEqual(new Set(['Per OPD', 'Per kecamatan']))
    expect(kpi[1][kpi[0].indexOf('% selesai')]).toBe('20,0')
  })

  it('uses "," with decimal points when asked', async () => {
    const { db } = tempStore()
    seedKnown(db)
    const file = await exportTo(db, { kind: 'recap', kabupaten: '64.08', period: JANUARY }, 'csv', { delimiter: ',' })
    const rows = csvRows(file, ',')
    expect(rows[0].slice(0, 5)).toEqual(['Tabel', 'No', 'Nama', 'Total masuk', 'Terdisposisi'])
    const total = rows.find((r) => r[0] === 'Rekap per OPD' && r[2] === 'Total')!
    expect(total[rows[0].indexOf('% terdisposisi')]).toBe('60.0')
    expect(total[rows[0].indexOf('% selesai')]).toBe('20.0')
    const kategori = rows.filter((r) => r[0] === 'Rekap per kategori')
    expect(kategori.find((r) => r[2] === 'Jalan dan Jembatan')?.[3]).toBe('2')
  })
})

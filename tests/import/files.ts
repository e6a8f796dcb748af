// Real spreadsheet files for the import tests, written the way the tools admins use write them: exceljs for
// .xlsx (date cells as Excel dates), csv-stringify for .csv (';' as Excel saves it in an Indonesian locale).
import ExcelJS from 'exceljs'
import { stringify } from 'csv-stringify/sync'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type Sheet = { title?: string[]; headers: string[]; rows: unknown[][]; sheetName?: string }

/** A workbook with title rows above the headers if given; Date values become date-formatted cells. */
export async function writeXlsx(dir: string, name: string, sheet: Sheet): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet.sheetName ?? 'Daftar Laporan')
  for (const t of sheet.title ?? []) ws.addRow([t])
  if (sheet.title?.length) ws.addRow([])
  ws.addRow(sheet.headers)
  for (const r of sheet.rows) {
    const row = ws.addRow(r)
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'dd/mm/yyyy hh:mm'
    })
  }
  const file = join(dir, name)
  await wb.xlsx.writeFile(file)
  return file
}

export function writeCsv(dir: string, name: string, sheet: Sheet, delimiter = ';'): string {
  const lines = [...(sheet.title ?? []).map((t) => [t]), ...(sheet.title?.length ? [[]] : []), sheet.headers, ...sheet.rows]
  const file = join(dir, name)
  writeFileSync(file, '\uFEFF' + stringify(lines, { delimiter, cast: { date: (d) => d.toISOString() } }))
  return file
}

/** An Excel wall-clock Date: exceljs writes its UTC fields as what the sheet shows. */
export function wall(y: number, m: number, d: number, h = 0, mi = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h, mi))
}

export const LAPOR_HEADERS = [
  'No',
  'ID Tracking',
  'Tanggal Laporan',
  'Judul Laporan',
  'Isi Laporan',
  'Kategori',
  'Klasifikasi',
  'Instansi Terdisposisi',
  'Kecamatan',
  'Desa/Kelurahan',
  'Status',
  'Sumber',
  'Anonim',
  'Rahasia',
  'Nama Pelapor',
  'NIK Pelapor',
  'No. Telepon Pelapor',
  'Tanggal Disposisi',
  'Tanggal Tindak Lanjut Pertama',
  'Tanggal Selesai',
  'Terakhir Diperbarui',
]

export type LaporRow = {
  id: string
  tanggal: unknown
  judul?: string
  isi?: string
  kategori?: string
  klasifikasi?: string
  instansi?: string
  kecamatan?: string
  desa?: string
  status?: string
  sumber?: string
  anonim?: string
  rahasia?: string
  nama?: string
  nik?: string
  telepon?: string
  disposisi?: unknown
  tl?: unknown
  selesai?: unknown
  diperbarui?: unknown
}

export function laporRow(n: number, r: LaporRow): unknown[] {
  return [
    n,
    r.id,
    r.tanggal,
    r.judul ?? `Laporan ${r.id}`,
    r.isi ?? `Isi laporan ${r.id}: jalan rusak di dekat pasar, mohon segera diperbaiki.`,
    r.kategori ?? 'Jalan dan Jembatan',
    r.klasifikasi ?? 'Pengaduan',
    r.instansi ?? '',
    r.kecamatan ?? '',
    r.desa ?? '',
    r.status ?? 'Belum Terverifikasi',
    r.sumber ?? 'Website',
    r.anonim ?? 'Tidak',
    r.rahasia ?? 'Tidak',
    r.nama ?? 'Siti Rahmawati',
    r.nik ?? '6408011204900001',
    r.telepon ?? '081234567890',
    r.disposisi ?? null,
    r.tl ?? null,
    r.selesai ?? null,
    r.diperbarui ?? null,
  ]
}

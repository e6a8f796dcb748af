// `tanggap bench import`: how fast a CSV export of LAPOR! (as an admin downloads it) is imported into a fresh store,
// against the same physical limit as `tanggap bench sync`: the raw insert rate of better-sqlite3 for the rows the
// import stored (complaint, reporter, history; prepared statements, one transaction, no validation, no aggregates).
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'csv-stringify'
import { openStore } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { importFile } from '#main/import/run.ts'
import { rawInsert, timed } from './sync.ts'

/** The columns of LAPOR!'s "Daftar Laporan" export, in its order. */
export const LAPOR_EXPORT_HEADERS = [
  'No', 'ID Tracking', 'Tanggal Laporan', 'Judul Laporan', 'Isi Laporan', 'Kategori', 'Klasifikasi', 'Instansi Terdisposisi',
  'Kecamatan', 'Desa/Kelurahan', 'Status', 'Sumber', 'Anonim', 'Rahasia', 'Nama Pelapor', 'NIK Pelapor', 'No. Telepon Pelapor',
  'Tanggal Disposisi', 'Tanggal Tindak Lanjut Pertama', 'Tanggal Selesai', 'Terakhir Diperbarui',
]

const KEC = ['Sangatta Utara', 'Kec. Sangatta Selatan', 'BENGALON', 'Muara Wahau', 'Kaliorang', 'Sangkulirang', 'Teluk Pandan', 'Rantau Pulung']
const UNITS = ['Dinas Pekerjaan Umum dan Tata Ruang', 'Dinkes', 'Dinas Sosial', 'Disdukcapil', 'DLH', 'Dinas Perhubungan', '']
const STATUS = ['Belum Terverifikasi', 'Belum Ditindaklanjuti', 'Proses', 'Selesai', 'Selesai', 'Tunda', 'Arsip']
const KAT = ['Jalan dan Jembatan', 'ktp', 'Air Bersih', 'Sampah', 'Bantuan Sosial (PKH/BPNT/BLT)', 'Pelayanan Puskesmas']
const WORDS = 'jalan rusak lampu mati air tidak mengalir sampah menumpuk bantuan belum cair pelayanan lambat mohon segera ditindaklanjuti terima kasih warga desa pasar sekolah puskesmas'.split(' ')

/** Row i of a Kutai Timur export: one complaint every 15 minutes from 2024, names spelled as admins type them. */
export function exportRow(i: number): unknown[] {
  const base = Date.UTC(2024, 0, 1) + i * 900_000
  const words = Array.from({ length: 40 + (i % 30) }, (_, j) => WORDS[(i * 7 + j * 13) % WORDS.length]).join(' ')
  const status = STATUS[i % STATUS.length]
  const disposed = status !== 'Belum Terverifikasi'
  return [
    i + 1,
    String(2_000_000 + i),
    new Date(base),
    `Laporan ${i}: ${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]}`,
    `${words}. Nomor ${i}.`,
    KAT[i % KAT.length],
    'Pengaduan',
    disposed ? UNITS[i % UNITS.length] : '',
    KEC[i % KEC.length],
    '',
    status,
    i % 3 ? 'Website' : 'Android',
    i % 9 === 0 ? 'Ya' : 'Tidak',
    i % 31 === 0 ? 'Ya' : 'Tidak',
    `Pelapor ${i}`,
    `64080112049${String(i).padStart(5, '0')}`,
    `0812${String(i).padStart(8, '0')}`,
    disposed ? new Date(base + 86_400_000) : null,
    status === 'Proses' || status === 'Selesai' ? new Date(base + 3 * 86_400_000) : null,
    status === 'Selesai' ? new Date(base + 6 * 86_400_000) : null,
    new Date(base + 7 * 86_400_000),
  ]
}

const two = (n: number) => String(n).padStart(2, '0')

/** Writes an export of `count` rows as CSV (semicolons, dd/mm/yyyy hh:mm, as LAPOR! writes it). */
export async function writeExportCsv(file: string, count: number): Promise<void> {
  const out = createWriteStream(file)
  const s = stringify({
    delimiter: ';',
    cast: { date: (d) => `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` },
  })
  s.pipe(out)
  s.write(LAPOR_EXPORT_HEADERS)
  for (let i = 0; i < count; i++) if (!s.write(exportRow(i))) await once(s, 'drain')
  s.end()
  await once(out, 'finish')
}

export async function benchImport(opts: { count: number; keep?: boolean; log?: (line: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-bench-import-'))
  try {
    const csv = join(dir, 'daftar-laporan.csv')
    opts.log?.(`menulis ${opts.count} baris CSV…`)
    await writeExportCsv(csv, opts.count)
    const db = openStore(join(dir, 'import.db'))
    seedKabupaten(db, '64.08')
    const user = upsertProfile(db, 'admin', 'Admin', 'admin')
    opts.log?.('impor CSV, agregat per kelompok baris…')
    const t = await timed(() => importFile(db, { kabupaten: '64.08', name: csv, input: { path: csv }, user, trigger: 'cli' }))
    const report = t.value
    opts.log?.('batas fisik: sisip mentah baris yang sama…')
    const raw = rawInsert(db, join(dir, 'raw.db'), '64.08')
    db.close()
    const rate = (n: number, ms: number) => Math.round(n / Math.max(0.001, ms / 1000))
    const ratio = (a: number, b: number) => Math.round((100 * a) / Math.max(1, b)) / 100
    const imported = { rows_per_s: rate(report.rows.read, t.wallMs), rows_per_cpu_s: rate(report.rows.read, t.cpuMs) }
    const limit = { rows_per_s: rate(raw.complaints, raw.ms), rows_per_cpu_s: rate(raw.complaints, raw.cpuMs) }
    return {
      count: opts.count,
      file_mb: Math.round(statSync(csv).size / 104857.6) / 10,
      note: "complaints (CSV rows) per second by wall time and by this process's CPU time; imported as the CLI alone into an empty store: the indexes of complaint and complaint_sla built once at the end",
      csv_import: { ms: t.wallMs, cpu_ms: t.cpuMs, ...imported, rows: report.rows, stored: report.stored },
      raw_insert: { ms: raw.ms, cpu_ms: raw.cpuMs, ...limit, rows: raw.rows },
      // Not the goal's limit: the same rows with the indexes built once at the end, as the import into an empty store does.
      raw_insert_indexes_at_end: { ms: raw.indexesAtEnd.ms, cpu_ms: raw.indexesAtEnd.cpuMs, of_which_index_build_ms: raw.indexesAtEnd.buildMs },
      // Not part of the goal: the derived rows the import left (deadlines, aggregates, words), inserted raw.
      derived_rows_raw: { ms: raw.derived.ms, cpu_ms: raw.derived.cpuMs, rows: raw.derived.rows },
      ratio_to_raw: { csv_import: ratio(imported.rows_per_s, limit.rows_per_s), by_cpu: ratio(imported.rows_per_cpu_s, limit.rows_per_cpu_s) },
      ratio_to_raw_indexes_at_end: { csv_import: ratio(imported.rows_per_s, rate(raw.complaints, raw.indexesAtEnd.ms)) },
      goal: { csv_to_raw_at_least: 0.5 },
    }
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true })
  }
}

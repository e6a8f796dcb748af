// Benchmark (not a test): import of a large LAPOR! admin export, .xlsx and .csv, into a fresh store. Prints
// JSON: rows per second and memory (peak RSS and heap, sampled every 50 ms) to show memory stays flat as rows
// stream through. Run: node --expose-gc --import tsx tests/import/bench.ts [rows=100000]
import ExcelJS from 'exceljs'
import { stringify } from 'csv-stringify'
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { openStore } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { importFile } from '#main/import/run.ts'
import { LAPOR_HEADERS } from './files.ts'

const N = Number(process.argv[2] ?? 100_000)
const dir = mkdtempSync(join(tmpdir(), 'tanggap-import-bench-'))

const KEC = ['Sangatta Utara', 'Kec. Sangatta Selatan', 'BENGALON', 'Muara Wahau', 'Kaliorang', 'Sangkulirang', 'Teluk Pandan', 'Rantau Pulung']
const UNITS = ['Dinas Pekerjaan Umum dan Tata Ruang', 'Dinkes', 'Dinas Sosial', 'Disdukcapil', 'DLH', 'Dinas Perhubungan', '']
const STATUS = ['Belum Terverifikasi', 'Belum Ditindaklanjuti', 'Proses', 'Selesai', 'Selesai', 'Tunda', 'Arsip']
const KAT = ['Jalan dan Jembatan', 'ktp', 'Air Bersih', 'Sampah', 'Bantuan Sosial (PKH/BPNT/BLT)', 'Pelayanan Puskesmas']
const WORDS = 'jalan rusak lampu mati air tidak mengalir sampah menumpuk bantuan belum cair pelayanan lambat mohon segera ditindaklanjuti terima kasih warga desa pasar sekolah puskesmas'.split(' ')

function row(i: number): unknown[] {
  const base = Date.UTC(2024, 0, 1) + i * 900_000 // one every 15 minutes
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

async function writeXlsx(file: string) {
  // Excel itself writes shared strings; the streaming writer does too with useSharedStrings.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true })
  const ws = wb.addWorksheet('Daftar Laporan')
  ws.addRow(LAPOR_HEADERS).commit()
  for (let i = 0; i < N; i++) {
    const r = ws.addRow(row(i))
    for (const c of [3, 18, 19, 20, 21]) if (r.getCell(c).value instanceof Date) r.getCell(c).numFmt = 'dd/mm/yyyy hh:mm'
    r.commit()
  }
  ws.commit()
  await wb.commit()
}

async function writeCsv(file: string) {
  const out = createWriteStream(file)
  const s = stringify({ delimiter: ';', cast: { date: (d) => `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` } })
  s.pipe(out)
  s.write(LAPOR_HEADERS)
  for (let i = 0; i < N; i++) if (!s.write(row(i))) await once(s, 'drain')
  s.end()
  await once(out, 'finish')
}

async function measure(kind: 'xlsx' | 'csv', file: string, dryRun = false) {
  const db = openStore(join(dir, `${kind}${dryRun ? '-dry' : ''}.db`))
  seedKabupaten(db, '64.08')
  const user = upsertProfile(db, 'admin', 'Admin', 'admin')
  global.gc?.()
  const base = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed }
  let peakRss = base.rss
  let peakHeap = base.heap
  const retained: number[] = []
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
  }, 50)
  // Live memory: what is still referenced after a full collection (run with --expose-gc), every 2 seconds.
  const live = setInterval(() => {
    global.gc?.()
    retained.push(process.memoryUsage().heapUsed)
  }, 2000)
  const t0 = performance.now()
  const report = await importFile(db, { kabupaten: '64.08', name: file, input: { path: file }, user, trigger: 'test', dryRun })
  const ms = performance.now() - t0
  clearInterval(timer)
  clearInterval(live)
  db.close()
  const mb = (b: number) => Math.round(b / 1048576)
  // Live heap at 25% / 50% / 75% / 100% of the run: flat means the file is not being held in memory.
  const q = (f: number) => mb(retained[Math.min(retained.length - 1, Math.floor(f * retained.length))] ?? 0)
  return {
    kind,
    dryRun,
    fileMB: Math.round(statSync(file).size / 104857.6) / 10,
    rows: report.rows.read,
    accepted: report.rows.accepted,
    rejected: report.rows.rejected,
    inserted: report.stored.inserted,
    seconds: Math.round(ms / 100) / 10,
    rowsPerSecond: Math.round(report.rows.read / (ms / 1000)),
    memoryMB: { rssBefore: mb(base.rss), rssPeak: mb(peakRss), heapBefore: mb(base.heap), heapPeak: mb(peakHeap), liveHeapAt25_50_75_100: [q(0.25), q(0.5), q(0.75), q(0.999)] },
  }
}

try {
  const xlsx = join(dir, 'daftar-laporan.xlsx')
  const csv = join(dir, 'daftar-laporan.csv')
  let t = performance.now()
  await writeXlsx(xlsx)
  const writeXlsxS = (performance.now() - t) / 1000
  t = performance.now()
  await writeCsv(csv)
  const writeCsvS = (performance.now() - t) / 1000
  const results = [await measure('xlsx', xlsx), await measure('csv', csv), await measure('xlsx', xlsx, true)]
  console.log(JSON.stringify({ rows: N, generated: { xlsxSeconds: Math.round(writeXlsxS), csvSeconds: Math.round(writeCsvS) }, results }, null, 2))
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); else console.error(dir)
}

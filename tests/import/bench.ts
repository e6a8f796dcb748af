// Benchmark (not a test): import of a large LAPOR! admin export, .xlsx and .csv, into a fresh store. Prints
// JSON: rows per second and memory (peak RSS and heap, sampled every 50 ms) to show memory stays flat as rows
// stream through. Run: node --expose-gc --import tsx tests/import/bench.ts [rows=100000]
import ExcelJS from 'exceljs'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { importFile } from '#main/import/run.ts'
import { LAPOR_HEADERS } from './files.ts'
import { exportRow as row, writeExportCsv } from '#main/dev/bench/import.ts'

const N = Number(process.argv[2] ?? 100_000)
const dir = mkdtempSync(join(tmpdir(), 'tanggap-import-bench-'))

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
  await writeExportCsv(csv, N)
  const writeCsvS = (performance.now() - t) / 1000
  const results = [await measure('xlsx', xlsx), await measure('csv', csv), await measure('xlsx', xlsx, true)]
  console.log(JSON.stringify({ rows: N, generated: { xlsxSeconds: Math.round(writeXlsxS), csvSeconds: Math.round(writeCsvS) }, results }, null, 2))
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); else console.error(dir)
}

import { InvalidArgumentError, type Command } from 'commander'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkspace, type Workspace } from '../workspace/open.ts'
import { generateDemo, type DemoResult } from '#main/dev/demo/generate.ts'
import { benchQueries } from '#main/dev/bench/queries.ts'
import { benchScreens } from '#main/dev/bench/screens.ts'
import { benchRouting } from '#main/dev/bench/routing.ts'
import { demoSetOptions, intOption, kabupatenOption } from './options.ts'
import { registerExportBench } from './bench-export.ts'
import { registerStoreBench } from './bench-store.ts'
import { registerResponsivenessBench } from './bench-responsiveness.ts'
import { BENCH_PHASES, benchSyncRuns, type BenchPhase } from '#main/dev/bench/sync.ts'
import { benchImport } from '#main/dev/bench/import.ts'
import { benchIsu } from '#main/dev/bench/isu.ts'
import { benchBundle, SCREEN_MODULES } from '#main/dev/bench/bundle.ts'
import { resourcePath } from '#main/resources.ts'

type BenchStoreOptions = { db?: string; count: number; kabupaten: string }

/** The moment a generated bench store ends at, so every run measures the same history. */
const DEMO_UNTIL = new Date('2026-11-20T12:00:00Z')

/** A bench command with the options onBenchStore reads. */
function benchStoreCommand(bench: Command, name: string, defaultCount: number): Command {
  const cmd = bench.command(name).option('--db <file>', 'berkas data yang sudah ada (bawaan: dibuat sementara dengan --count pengaduan)')
  return demoSetOptions(cmd, 'jumlah pengaduan bila berkas dibuat', 1000, defaultCount)
}

/**
 * Runs a bench on the store given with --db, or on a temporary one holding --count generated complaints, removed
 * afterwards. `made` is the generation's outcome, null on a given store.
 */
async function onBenchStore(
  opts: BenchStoreOptions & { announce?: boolean; spikes?: boolean },
  bench: (ws: Workspace, file: string, made: DemoResult | null) => unknown,
): Promise<void> {
  const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'tanggap-bench-'))
  const file = opts.db ?? join(dir!, 'bench.db')
  if (opts.db && !existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
  const ws = openWorkspace(file)
  try {
    if (!opts.db && opts.announce) console.error(`Membuat ${opts.count.toLocaleString('id-ID')} pengaduan demo…`)
    const made = opts.db ? null : generateDemo(ws.db, { kabupaten: opts.kabupaten, count: opts.count, seed: 1, until: DEMO_UNTIL, spikes: opts.spikes })
    await bench(ws, file, made)
  } finally {
    ws.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}

export function registerBench(program: Command): void {
  const bench = program.command('bench').description('Tolok ukur yang mencetak angka sebagai JSON')
  registerExportBench(bench)
  registerStoreBench(bench)
  registerResponsivenessBench(bench)
  benchStoreCommand(bench, 'queries', 1_000_000)
    .description('Latensi tiap pertanyaan dasbor (median, p95) pada berkas besar, dibanding DuckDB pada baris mentah yang sama')
    .option('--runs <n>', 'pengulangan per pertanyaan', intOption(5, 10_000), 50)
    .action((opts: BenchStoreOptions & { runs: number }) =>
      onBenchStore(opts, async (ws, file, made) => {
        const setup = made ? { generate_ms: made.ms, aggregates_rebuild_ms: made.aggregatesMs } : {}
        const now = made ? DEMO_UNTIL.getTime() : Date.now()
        const year = { from: new Date(now - 364 * 86_400_000).toISOString().slice(0, 10), to: new Date(now).toISOString().slice(0, 10) }
        const result = await benchQueries(ws.db, { kabupaten: opts.kabupaten, now, year, runs: opts.runs })
        console.log(JSON.stringify({ file, bytes: statSync(file).size, ...setup, goal: { p95_ms_under: 20, no_slower_than_duckdb: true }, ...result }, null, 2))
      }),
    )
  benchStoreCommand(bench, 'isu', 20_000)
    .description('Peringatan dini: alarm palsu per minggu, wabah sisipan yang tertangkap dan jedanya, presisi/recall laporan serupa, kecepatan')
    .option('--now <iso>', 'saat "sekarang" (bawaan: akhir data demo, atau jam sekarang untuk --db)')
    .option('--weeks <n>', 'minggu yang diperiksa', intOption(2, 104), 12)
    .option('--trials <n>', 'wabah yang disisipkan', intOption(0, 1000), 20)
    .option('--groups <n>', 'kelompok laporan ganda yang disisipkan', intOption(0, 1000), 30)
    .action((opts: BenchStoreOptions & { now?: string; weeks: number; trials: number; groups: number }) =>
      // A generated store has no spike days: every flag on it is a false alarm.
      onBenchStore({ ...opts, spikes: false }, (ws, file, made) => {
        const now = opts.now ? Date.parse(opts.now) : made ? DEMO_UNTIL.getTime() : Date.now()
        if (Number.isNaN(now)) throw new Error(`--now ${opts.now}: bukan waktu ISO 8601`)
        console.log(JSON.stringify({ file, ...benchIsu(ws.db, { kabupaten: opts.kabupaten, now, weeks: opts.weeks, trials: opts.trials, groups: opts.groups, seed: 1, file }, (l) => console.error(l)) }, null, 2))
      }),
    )
  bench
    .command('screens')
    .description('Waktu dari membuka tiap layar sampai datanya tergambar, dan dari mengganti periode sampai peta dan grafik tergambar ulang (Chromium)')
    .requiredOption('--db <file>', 'berkas data (mis. 1.000.000 pengaduan dari `tanggap demo`)')
    .option('--kabupaten <kode>', 'kabupaten', kabupatenOption, '64.08')
    .option('--runs <n>', 'pengulangan per layar', intOption(1, 1000), 10)
    .action(async (opts: { db: string; kabupaten: string; runs: number }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const ws = openWorkspace(opts.db)
      try {
        const result = await benchScreens(ws, { kabupaten: opts.kabupaten, runs: opts.runs })
        const rows = ws.db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(opts.kabupaten)
        console.log(JSON.stringify({ file: opts.db, complaints: rows, goal: { open_ms_under: 1000, period_change_ms_under: 200 }, ...result }, null, 2))
      } finally {
        ws.close()
      }
    })
  bench
    .command('bundle')
    .description('Ukuran unduhan pertama tiap layar (JavaScript dan CSS, gzip) dari build renderer; sasaran: kotak masuk penghubung < 400 KB')
    .option('--static <dir>', 'folder renderer hasil build', resourcePath('..', 'out', 'renderer'))
    .option('--screen <name>', `layar sasaran: ${Object.keys(SCREEN_MODULES).join(', ')}`, 'penghubung')
    .action((opts: { static: string; screen: string }) => {
      if (!(opts.screen in SCREEN_MODULES)) throw new Error(`--screen ${opts.screen}: bukan salah satu dari ${Object.keys(SCREEN_MODULES).join(', ')}`)
      console.log(JSON.stringify(benchBundle(opts.static, opts.screen), null, 2))
    })
  benchStoreCommand(bench, 'routing', 100_000)
    .description('Pengklasifikasi rute: waktu latih pada seluruh riwayat, ms per saran, belajar dari koreksi, memuat model, antrean salah sasaran')
    .option('--runs <n>', 'jumlah saran yang diukur', intOption(10, 100_000), 1000)
    .action((opts: BenchStoreOptions & { runs: number }) =>
      onBenchStore({ ...opts, announce: true }, async (ws, file, made) => {
        const setup = made ? { generate_ms: made.ms } : {}
        const result = await benchRouting(ws.db, opts.kabupaten, opts.runs)
        console.log(JSON.stringify({ file, ...setup, goal: { train_ms_under: 10_000, suggestion_ms_under: 5 }, ...result }, null, 2))
      }),
    )
  demoSetOptions(bench.command('sync'), 'jumlah pengaduan di hulu', 100, 100_000)
    .description('Laju sinkron penuh N pengaduan dari simulator lewat HTTP dan dari berkas, dibanding laju sisip mentah better-sqlite3 (JSON)')
    .option('--page-size <n>', 'rekaman per halaman', intOption(1, 5000), 1000)
    .option('--sim-db <file>', 'berkas data hulu yang dipakai ulang (dibuat bila belum ada)')
    .option('--phases <list>', `fase yang diukur, dipisah koma: ${BENCH_PHASES.join(',')}`, (v: string) => {
      const list = v.split(',').map((p) => p.trim())
      for (const p of list) if (!(BENCH_PHASES as readonly string[]).includes(p)) throw new InvalidArgumentError(`--phases: ${p} bukan salah satu dari ${BENCH_PHASES.join(', ')}`)
      return list as BenchPhase[]
    })
    .option('--runs <n>', 'pengukuran utuh berturut-turut; rasio dilaporkan per putaran dengan median, terendah dan tertinggi', intOption(1, 50), 1)
    .action(async (opts: { count: number; kabupaten: string; pageSize: number; simDb?: string; phases?: BenchPhase[]; runs: number }) => {
      const result = await benchSyncRuns({ ...opts, log: (line) => console.error(line) })
      console.log(JSON.stringify(result, null, 2))
    })
  bench
    .command('import')
    .description('Laju impor CSV ekspor LAPOR! sebanyak N baris ke penyimpanan baru, dibanding laju sisip mentah better-sqlite3 (JSON)')
    .option('--count <n>', 'jumlah baris CSV', intOption(100, 2_000_000), 100_000)
    .action(async (opts: { count: number }) => {
      const result = await benchImport({ ...opts, log: (line) => console.error(line) })
      console.log(JSON.stringify(result, null, 2))
    })
}

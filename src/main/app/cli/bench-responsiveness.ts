// `tanggap bench responsiveness --count N`: the longest stall of serve mode and the latencies of 50 simulated users
// while each kind of background work runs (dev/bench/responsiveness.ts), on a demo store of N complaints.
import { InvalidArgumentError, type Command } from 'commander'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkspace } from '../workspace/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { benchResponsiveness, RESPONSIVENESS_KINDS, type ResponsivenessKind } from '#main/dev/bench/responsiveness.ts'
import { demoSetOptions, intOption } from './options.ts'

export function registerResponsivenessBench(bench: Command): void {
  demoSetOptions(bench.command('responsiveness'), 'jumlah pengaduan demo bila berkas dibuat', 100, 20_000)
    .description('Jeda terpanjang server dan latensi p50/p95/p99 50 pengguna simulasi selama tiap pekerjaan latar (JSON)')
    .option('--db <file>', 'berkas data yang sudah ada (bawaan: dibuat sementara dengan --count pengaduan)')
    .option('--users <n>', 'pengguna simulasi', intOption(1, 1000), 50)
    .option('--think-ms <n>', 'jeda rata-rata pengguna antar layar (ms)', intOption(0, 60_000), 1500)
    .option('--sync-count <n>', 'rekaman yang disinkronkan dari simulator (di atas 20.000: satu hitung ulang di akhir)', intOption(100), 25_000)
    .option('--sim-db <file>', 'berkas data hulu untuk jenis sync, dipakai ulang antar pengukuran (dibuat bila belum ada)')
    .option('--no-read-pool', 'semua bacaan di utas server (tanpa pembaca latar), untuk pembanding')
    .option('--no-backfills', 'tanpa pengisian awal kata laporan dan laporan serupa (berkas yang baru dimigrasi), untuk memisahkan jedanya')
    .option('--no-thread-priority', 'utas latar (hitung ulang, pembaca latar, sinkronisasi) tidak diturunkan prioritasnya, untuk pembanding')
    .option('--window-ms <n>', 'lama pengukuran paling lama per jenis (bawaan: sampai pekerjaannya selesai)', intOption(1000))
    .option('--idle-ms <n>', 'lama pengukuran tanpa pekerjaan latar', intOption(1000), 8_000)
    .option('--no-routing', 'tanpa pembaruan model penerusan di server (untuk memisahkan jedanya)')
    .option('--kinds <list>', `pekerjaan yang diukur, dipisah koma: ${RESPONSIVENESS_KINDS.join(',')}`, (v: string) => {
      const list = v.split(',').map((p) => p.trim())
      for (const p of list) if (!(RESPONSIVENESS_KINDS as readonly string[]).includes(p)) throw new InvalidArgumentError(`--kinds: ${p} bukan salah satu dari ${RESPONSIVENESS_KINDS.join(', ')}`)
      return list as ResponsivenessKind[]
    })
    .action(
      async (opts: { count: number; kabupaten: string; db?: string; users: number; thinkMs: number; syncCount: number; simDb?: string; readPool: boolean; threadPriority: boolean; backfills: boolean; idleMs: number; windowMs?: number; routing: boolean; kinds?: ResponsivenessKind[] }) => {
        if (opts.db && !existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
        const dir = opts.db ? null : mkdtempSync(join(tmpdir(), 'tanggap-bench-'))
        const file = opts.db ?? join(dir!, 'bench.db')
        const ws = openWorkspace(file)
        try {
          if (!opts.db) {
            console.error(`Membuat ${opts.count.toLocaleString('id-ID')} pengaduan demo…`)
            generateDemo(ws.db, { kabupaten: opts.kabupaten, count: opts.count, seed: 1, until: new Date('2026-11-20T12:00:00Z') })
          }
          const complaints = ws.db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(opts.kabupaten)
          const result = await benchResponsiveness({ ...opts, ws, log: (l) => console.error(l) })
          console.log(JSON.stringify({ complaints, goal: { longest_stall_ms_under: 250 }, ...result }, null, 2))
        } finally {
          ws.close()
          if (dir) rmSync(dir, { recursive: true, force: true })
        }
        // A KPI rebuild still running past its window (--window-ms) would keep the process alive in its worker for
        // many minutes after the figures are out; the next start of the store finishes it.
        if (opts.windowMs !== undefined) process.exit(0)
      },
    )
}

import type { Command } from 'commander'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchStore } from '#main/dev/bench/store.ts'
import { demoSetOptions, intOption } from './options.ts'

export function registerStoreBench(bench: Command): void {
  demoSetOptions(bench.command('store'), 'jumlah pengaduan demo', 100, 100_000)
    .description('Biaya enkripsi saat tersimpan: berkas demo yang sama dibuat biasa dan terenkripsi, lalu diukur (JSON)')
    .option('--runs <n>', 'pengulangan per pengukuran', intOption(3, 10_000), 30)
    .option('--keep', 'jangan hapus kedua berkas sesudahnya (lokasinya dicetak)')
    .action((opts: { count: number; kabupaten: string; runs: number; keep?: boolean }) => {
      const dir = mkdtempSync(join(tmpdir(), 'tanggap-bench-store-'))
      try {
        console.log(JSON.stringify(benchStore({ dir, count: opts.count, kabupaten: opts.kabupaten, runs: opts.runs, key: 'kunci-tolok-ukur-enkripsi' }), null, 2))
      } finally {
        if (!opts.keep) rmSync(dir, { recursive: true, force: true })
      }
    })
}

import type { Command } from 'commander'
import { statSync } from 'node:fs'
import { openWorkspace } from '../workspace/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { intOption, kabupatenOption } from './options.ts'
import { defaultStoreFile } from '../workspace/paths.ts'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Buat atau tambah berkas data dengan pengaduan contoh yang realistis (deterministik untuk satu seed)')
    .option('--db <file>', 'berkas data SQLite (dibuat bila belum ada)', defaultStoreFile())
    .option('--kabupaten <kode>', 'kabupaten: 64.08 (Kutai Timur) atau 21.03 (Natuna)', kabupatenOption, '64.08')
    .option('--count <n>', 'jumlah pengaduan yang ditambahkan', intOption(0, 50_000_000), 20_000)
    .option('--seed <s>', 'seed pembangkit acak', intOption(0, 2 ** 31 - 1), 1)
    .option('--until <date>', 'akhir rentang tiga tahun (YYYY-MM-DD), bawaan: sekarang')
    .action((opts: { db: string; kabupaten: string; count: number; seed: number; until?: string }) => {
      const until = opts.until ? new Date(`${opts.until}T23:59:59Z`) : undefined
      if (until && Number.isNaN(until.getTime())) throw new Error(`--until ${opts.until}: bukan tanggal YYYY-MM-DD`)
      const ws = openWorkspace(opts.db)
      try {
        let last = 0
        const result = generateDemo(ws.db, {
          kabupaten: opts.kabupaten,
          count: opts.count,
          seed: opts.seed,
          until,
          onProgress: (done, total) => {
            const now = Date.now()
            if (now - last > 1000 || done === total) {
              last = now
              process.stderr.write(`\r${done.toLocaleString('id-ID')} / ${total.toLocaleString('id-ID')} pengaduan`)
            }
          },
        })
        process.stderr.write('\n')
        ws.db.pragma('wal_checkpoint(TRUNCATE)')
        console.log(
          JSON.stringify({ db: opts.db, kabupaten: opts.kabupaten, ...result, bytes: statSync(opts.db).size }, null, 2),
        )
      } finally {
        ws.close()
      }
    })
}

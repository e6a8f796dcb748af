import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { openStore } from '#main/store/open.ts'
import { storeInfo } from '../workspace/info.ts'
import { quickCheck, StoreDamagedError } from '#main/store/health.ts'

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Ringkasan isi berkas data sebagai JSON: kabupaten, jumlah kecamatan/desa/OPD, pengaduan per status, dan pemeriksaan keutuhan berkas (SQLite quick_check)')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .action((opts: { db: string }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const db = openStore(opts.db)
      try {
        // First the check: a damaged page may make the counts below fail with SQLite's own words.
        const check = quickCheck(db)
        if (!check.ok) throw new StoreDamagedError(opts.db, check.problems)
        console.log(JSON.stringify({ ...storeInfo(db), check: 'ok' }, null, 2))
        console.error(`Pemeriksaan keutuhan ${opts.db}: baik (${check.ms} ms)`)
      } finally {
        db.close()
      }
    })
}

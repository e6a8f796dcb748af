import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { openStore } from '#main/store/open.ts'
import { storeInfo } from '../workspace/info.ts'

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('Ringkasan isi berkas data sebagai JSON: kabupaten, jumlah kecamatan/desa/OPD, pengaduan per status')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .action((opts: { db: string }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const db = openStore(opts.db)
      try {
        console.log(JSON.stringify(storeInfo(db), null, 2))
      } finally {
        db.close()
      }
    })
}

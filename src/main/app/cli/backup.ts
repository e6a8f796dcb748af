// `tanggap backup` and `tanggap restore`: a consistent copy of a store while the app runs, and getting one back
// (store/backup.ts). Both take the key of an encrypted store from --key-file or TANGGAP_DB_KEY.
import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { openStore } from '#main/store/open.ts'
import { backupName, backupStore, restoreStore } from '#main/store/backup.ts'

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Buat cadangan berkas data yang konsisten, juga selagi aplikasi berjalan (berkas terenkripsi tetap terenkripsi dengan kunci yang sama)')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .option('--out <file>', 'berkas cadangan (tidak boleh sudah ada)')
    .option('--folder <dir>', 'atau: folder cadangan; nama berkas memuat waktunya (tanggap-YYYYMMDD-HHMMSS.db)')
    .action(async (opts: { db: string; out?: string; folder?: string }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      if (!opts.out === !opts.folder) throw new Error('pilih salah satu: --out BERKAS atau --folder FOLDER')
      const out = opts.out ?? join(opts.folder!, backupName())
      const db = openStore(opts.db, { readonly: true })
      try {
        console.log(JSON.stringify(await backupStore(db, out), null, 2))
      } finally {
        db.close()
      }
    })
  program
    .command('restore')
    .description('Pulihkan berkas data dari cadangan: cadangan diperiksa lebih dulu, berkas lama disimpan sebagai BERKAS.before-restore. Tutup aplikasi lebih dulu')
    .requiredOption('--db <file>', 'berkas data yang diganti')
    .requiredOption('--from <file>', 'berkas cadangan')
    .action((opts: { db: string; from: string }) => {
      console.log(JSON.stringify(restoreStore(opts.db, opts.from), null, 2))
    })
}

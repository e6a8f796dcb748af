// `tanggap store`: encryption at rest for a store file (store/cipher.ts, store/encrypt.ts). The key comes from
// the global --key-file or TANGGAP_DB_KEY, or is generated into a new key file with --new-key-file.
import type { Command } from 'commander'
import { randomBytes } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { defaultStoreKey, readKeyFile, useStoreKey } from '#main/store/cipher.ts'
import { decryptStore, encryptStore } from '#main/store/encrypt.ts'

/** 32 random bytes as 64 hex characters: a passphrase nobody has to remember, kept in a file only its owner reads. */
function newKeyFile(file: string): string {
  if (existsSync(file)) throw new Error(`berkas kunci ${file} sudah ada; tidak ditimpa`)
  const key = randomBytes(32).toString('hex')
  writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' })
  return key
}

/** The global --key-file: every command that opens a store opens an encrypted one with this key. */
export function registerKeyOption(program: Command): void {
  program
    .option('--key-file <file>', 'kunci berkas data terenkripsi (baris pertama berkas); atau variabel TANGGAP_DB_KEY')
    .configureHelp({ showGlobalOptions: true })
    .hook('preAction', (cmd) => {
      const file = cmd.opts<{ keyFile?: string }>().keyFile
      useStoreKey(file ? readKeyFile(file) : undefined)
    })
}

export function registerStore(program: Command): void {
  const store = program.command('store').description('Berkas data: enkripsi saat tersimpan (encryption at rest)')
  store
    .command('encrypt')
    .description('Enkripsi berkas data yang ada (format SQLCipher). Tutup aplikasi lebih dulu. Kunci dari --key-file/TANGGAP_DB_KEY atau dibuat ke --new-key-file')
    .requiredOption('--db <file>', 'berkas data SQLite yang belum terenkripsi')
    .option('--new-key-file <file>', 'buat kunci acak dan simpan di berkas ini (izin 0600); simpan salinannya di tempat aman')
    .action((opts: { db: string; newKeyFile?: string }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const given = defaultStoreKey()
      if (given && opts.newKeyFile) throw new Error('pilih salah satu: --key-file/TANGGAP_DB_KEY atau --new-key-file')
      if (!given && !opts.newKeyFile) throw new Error('kunci tidak diberikan: pakai --key-file BERKAS, TANGGAP_DB_KEY, atau --new-key-file BERKAS')
      const key = given ?? newKeyFile(opts.newKeyFile!)
      console.log(JSON.stringify({ ...encryptStore(opts.db, key), keyFile: opts.newKeyFile ?? null }, null, 2))
    })
  store
    .command('decrypt')
    .description('Kembalikan berkas data terenkripsi menjadi tidak terenkripsi (kunci dari --key-file atau TANGGAP_DB_KEY)')
    .requiredOption('--db <file>', 'berkas data terenkripsi')
    .action((opts: { db: string }) => {
      const key = defaultStoreKey()
      if (!key) throw new Error('kunci tidak diberikan: pakai --key-file BERKAS atau TANGGAP_DB_KEY')
      console.log(JSON.stringify(decryptStore(opts.db, key), null, 2))
    })
}

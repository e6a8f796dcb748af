// `tanggap audit verify`: is the audit log intact? JSON on stdout; exit code 1 when it is not, with the first
// broken entry, so a scheduled check can raise an alarm.
import type { Command } from 'commander'
import { existsSync } from 'node:fs'
import { openStore } from '#main/store/open.ts'
import { verifyAudit } from '#main/audit/verify.ts'

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Log audit: pemeriksaan keutuhan')
  audit
    .command('verify')
    .description('Periksa rantai HMAC log audit, pemicu append-only dan berkas jangkar; JSON, kode keluar 1 bila rusak')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .option('--head <hash>', 'hash entri terakhir yang pernah dicatat di luar aplikasi: harus masih ada (mendeteksi pemotongan log)')
    .action((opts: { db: string; head?: string }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      if (opts.head !== undefined && !/^[0-9a-f]{64}$/.test(opts.head)) throw new Error('--head harus hash SHA-256 (64 huruf heksadesimal)')
      // Read-only: checking must never change the file it checks (not even by running migrations).
      const db = openStore(opts.db, { readonly: true })
      try {
        const result = verifyAudit(db, opts.head)
        console.log(JSON.stringify(result, null, 2))
        if (!result.ok) {
          const why = !result.chain.ok ? ` mulai entri ${result.chain.brokenAt}: ${result.chain.problem}` : result.anchor.problem ? `: ${result.anchor.problem}` : ''
          console.error(`tanggap: log audit TIDAK utuh${why}`)
          process.exitCode = 1
        } else if (result.head) {
          // The head, to be written down somewhere else too (a paper log, a ticket): pass it later as --head.
          console.error(`tanggap: log audit utuh; kepala entri ${result.head.id} hash ${result.head.hash} (dicatat di ${result.anchor.file ?? '-'})`)
        }
      } finally {
        db.close()
      }
    })
}

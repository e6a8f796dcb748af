import type { Command } from 'commander'
import { existsSync, readFileSync } from 'node:fs'
import { openWorkspace } from '../workspace/open.ts'
import { findProfile } from '#main/users/profiles.ts'
import { defaultStoreFile } from '../workspace/paths.ts'
import { DEFAULT_POLICY } from '#main/sync/http.ts'
import { open311Get } from '#main/sync/connectors/open311/http.ts'
import { open311Settings, saveOpen311Settings, serviceMappings } from '#main/sync/connectors/open311/settings.ts'

type Opts = { db: string; source: string; set?: string; services?: boolean; user: string }

export function registerOpen311(program: Command): void {
  program
    .command('open311')
    .description('Pengaturan sumber Open311: yurisdiksi, awal riwayat, jendela, pemetaan layanan→kategori dan instansi→unit (JSON)')
    .option('--db <file>', 'berkas data SQLite', defaultStoreFile())
    .requiredOption('--source <nama>', 'nama sumber berjenis open311 (tambahkan dulu dengan tanggap source add --kind open311)')
    .option('--set <file.json>', 'gabungkan pengaturan dari berkas JSON, mis. {"jurisdictionId": "64.08", "agencies": {"PU": "64.08/dpupr"}}')
    .option('--services', 'ambil services.json dari server dan tampilkan kategori tiap layanan')
    .option('--user <username>', 'profil lokal yang tercatat di log audit', 'admin')
    .action(async (opts: Opts) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const ws = openWorkspace(opts.db)
      try {
        if (opts.set) {
          const user = findProfile(ws.db, opts.user)
          if (user?.role !== 'admin') throw new Error(`mengubah pengaturan sumber perlu profil admin (${opts.user} bukan)`)
          if (!existsSync(opts.set)) throw new Error(`berkas ${opts.set} tidak ada`)
          saveOpen311Settings(ws.db, user, opts.source, JSON.parse(readFileSync(opts.set, 'utf8')))
        }
        const out: Record<string, unknown> = { source: opts.source, settings: open311Settings(ws.db, opts.source) }
        if (opts.services) {
          const ctx = { signal: new AbortController().signal, policy: DEFAULT_POLICY, onRetry: () => {} }
          out.services = await serviceMappings(ws.db, opts.source, open311Get(ctx))
        }
        console.log(JSON.stringify(out, null, 2))
      } finally {
        ws.close()
      }
    })
}

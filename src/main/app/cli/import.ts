import type { Command } from 'commander'
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { openWorkspace } from '../workspace/open.ts'
import { findProfile } from '#main/users/profiles.ts'
import { importFile } from '#main/import/run.ts'
import { mappingSchema } from '#main/import/fields.ts'
import { LayoutError } from '#main/import/layout.ts'
import { kabupatenOption } from './options.ts'

type Opts = { db: string; file: string; kabupaten?: string; preset?: string; mapping?: string; source?: string; dryRun?: boolean; user: string; issues: string }

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Impor pengaduan dari berkas .xlsx/.csv (ekspor admin LAPOR!, rekap Pemda); cetak laporan JSON per baris')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .requiredOption('--file <file>', 'berkas .xlsx atau .csv')
    .option('--kabupaten <kode>', 'kabupaten tujuan (bawaan: satu-satunya kabupaten di berkas data)', kabupatenOption)
    .option('--preset <nama>', 'tata letak: lapor-admin atau rekap-pemda (bawaan: dikenali dari judul kolom)')
    .option('--mapping <file|nama>', 'pemetaan kolom: berkas JSON, atau nama pemetaan yang tersimpan di aplikasi')
    .option('--source <nama>', 'sumber sinkronisasi tujuan (bawaan: berkas-<kabupaten>)')
    .option('--dry-run', 'periksa dan pratinjau saja, tanpa mengubah berkas data')
    .option('--user <username>', 'profil lokal yang tercatat di log audit', 'admin')
    .option('--issues <n>', 'jumlah masalah per baris yang dicantumkan (sisanya hanya dihitung)', '1000')
    .action(async (opts: Opts) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      if (!existsSync(opts.file)) throw new Error(`berkas ${opts.file} tidak ada`)
      const ws = openWorkspace(opts.db)
      try {
        const user = findProfile(ws.db, opts.user)
        if (!user) throw new Error(`profil ${opts.user} tidak ada di berkas data`)
        if (user.role === 'viewer') throw new Error(`profil ${opts.user} berperan viewer; impor perlu operator atau lebih tinggi`)
        const kabupaten = opts.kabupaten ?? onlyKabupaten(ws.db.prepare('SELECT kode FROM kabupaten').pluck().all() as string[])
        let mapping
        let mappingName
        if (opts.mapping && existsSync(opts.mapping)) {
          const parsed = mappingSchema.safeParse(JSON.parse(readFileSync(opts.mapping, 'utf8')))
          if (!parsed.success) throw new Error(`pemetaan ${opts.mapping} tidak sah: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
          mapping = parsed.data
        } else if (opts.mapping) mappingName = opts.mapping
        let last = 0
        const report = await importFile(ws.db, {
          kabupaten,
          name: basename(opts.file),
          input: { path: opts.file },
          preset: opts.preset,
          mapping,
          mappingName,
          source: opts.source,
          dryRun: opts.dryRun,
          user,
          trigger: 'cli',
          maxIssues: Number(opts.issues),
          onProgress: (p) => {
            if (Date.now() - last > 1000) {
              last = Date.now()
              process.stderr.write(`\r${p.rows.toLocaleString('id-ID')} baris: ${p.accepted.toLocaleString('id-ID')} diterima, ${p.rejected.toLocaleString('id-ID')} ditolak`)
            }
          },
        })
        if (last) process.stderr.write('\n')
        for (const w of report.fileWarnings) process.stderr.write(`Peringatan: ${w}\n`)
        console.log(JSON.stringify(report, null, 2))
        if (report.rows.rejected > 0 || report.stoppedAt) process.exitCode = 2
      } catch (err) {
        // A layout we cannot read comes with a proposed mapping to start from.
        if (err instanceof LayoutError && err.suggestion) {
          console.error(`tanggap: ${err.message}`)
          console.error(`Usulan pemetaan (simpan sebagai JSON, perbaiki, lalu pakai --mapping):\n${JSON.stringify(err.suggestion, null, 2)}`)
          process.exitCode = 1
          return
        }
        throw err
      } finally {
        ws.close()
      }
    })
}

function onlyKabupaten(kodes: string[]): string {
  if (kodes.length === 1) return kodes[0]
  throw new Error(kodes.length ? `berkas data memuat ${kodes.join(', ')}: pilih dengan --kabupaten` : 'berkas data belum memuat kabupaten')
}

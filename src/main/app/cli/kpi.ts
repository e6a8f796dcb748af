import type { Command } from 'commander'
import { Option } from 'commander'
import { existsSync } from 'node:fs'
import { openStore } from '#main/store/open.ts'
import { DIMS, type Dim } from '#main/kpi/aggregates.ts'
import { ensureFresh, kpiFor } from '#main/kpi/service.ts'
import { kabupatenOption } from './options.ts'
import { periodSchema } from '#shared/domain.ts'

export function registerKpi(program: Command): void {
  program
    .command('kpi')
    .description('KPI per irisan (OPD, kecamatan, …) untuk satu periode, sebagai JSON — untuk laporan dan pemeriksaan')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .addOption(new Option('--by <dim>', 'irisan').choices(DIMS).default('opd'))
    .requiredOption('--from <date>', 'awal periode (YYYY-MM-DD, tanggal lokal kabupaten)')
    .requiredOption('--to <date>', 'akhir periode (YYYY-MM-DD, inklusif)')
    .option('--kabupaten <kode>', 'kabupaten (bawaan: yang pertama di berkas data)', kabupatenOption)
    .option('--now <iso>', 'saat "sekarang" untuk angka terlambat dan backlog (bawaan: jam sekarang)')
    .action((opts: { db: string; by: Dim; from: string; to: string; kabupaten?: string; now?: string }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const period = periodSchema.safeParse({ from: opts.from, to: opts.to })
      if (!period.success) throw new Error(`periode tidak sah: ${period.error.issues.map((i) => i.message).join('; ')}`)
      const now = opts.now ? Date.parse(opts.now) : Date.now()
      if (Number.isNaN(now)) throw new Error(`--now ${opts.now}: bukan waktu ISO 8601`)
      const db = openStore(opts.db)
      try {
        ensureFresh(db, now)
        const kabupaten = opts.kabupaten ?? (db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().get() as string | undefined)
        if (!kabupaten) throw new Error('berkas data belum berisi kabupaten')
        console.log(JSON.stringify(kpiFor(db, kabupaten, opts.by, period.data, now), null, 2))
      } finally {
        db.close()
      }
    })
}

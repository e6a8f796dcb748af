// `tanggap bench export`: seconds, rows per second, memory and event-loop hold-ups of a large export, per format
// (see bench/export.ts). Make a million-complaint store once and reuse it:
//   node bin/tanggap.js demo --db /tmp/1m.db --count 1000000 && node bin/tanggap.js bench export --db /tmp/1m.db
import type { Command } from 'commander'
import { Option } from 'commander'
import { existsSync } from 'node:fs'
import { ROLES, type Role } from '#shared/domain.ts'
import { QUEUES } from '#main/queue/queries.ts'
import { FORMATS, type ExportFormat } from '#main/export/request.ts'
import { benchExports, benchOneExport } from '#main/dev/bench/export.ts'
import { kabupatenOption } from './options.ts'

type Opts = { db: string; kabupaten: string; queue: string; role: Role; formats: string; one?: ExportFormat; out?: string }

export function registerExportBench(bench: Command): void {
  bench
    .command('export')
    .description('Waktu dan memori puncak ekspor besar (csv, xlsx), tiap format dalam proses sendiri')
    .requiredOption('--db <file>', 'berkas data (mis. 1.000.000 pengaduan dari `tanggap demo --count 1000000`)')
    .option('--kabupaten <kode>', 'kabupaten', kabupatenOption, '64.08')
    .addOption(new Option('--queue <name>', 'antrean yang diekspor').choices(QUEUES).default('semua'))
    .addOption(new Option('--role <role>', 'peran (supervisor: dengan kolom identitas)').choices(ROLES).default('supervisor'))
    .option('--formats <list>', 'format, dipisah koma', 'csv,xlsx')
    .addOption(new Option('--one <format>', 'satu ekspor di proses ini (dipakai bench sendiri)').choices(FORMATS).hideHelp())
    .addOption(new Option('--out <file>').hideHelp())
    .action(async (opts: Opts) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      if (opts.one) {
        const run = await benchOneExport({ db: opts.db, kabupaten: opts.kabupaten, queue: opts.queue, format: opts.one, role: opts.role, out: opts.out! })
        console.log(JSON.stringify(run))
        return
      }
      const formats = opts.formats.split(',').map((f) => f.trim())
      const bad = formats.find((f) => !(FORMATS as readonly string[]).includes(f))
      if (bad) throw new Error(`--formats: "${bad}" tidak dikenal (pilihan: ${FORMATS.join(', ')})`)
      const runs = await benchExports({ db: opts.db, kabupaten: opts.kabupaten, queue: opts.queue, role: opts.role, formats: formats as ExportFormat[] })
      console.log(JSON.stringify({ db: opts.db, queue: opts.queue, role: opts.role, goal: { memory: 'flat: peak independent of row count' }, runs }, null, 2))
    })
}

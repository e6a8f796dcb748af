// `tanggap isu` and `tanggap serupa`: the early warning for scheduled reports — the issues rising in a kabupaten
// now, and the complaints that look like the same problem as one complaint — as JSON.
import { InvalidArgumentError, type Command } from 'commander'
import { existsSync } from 'node:fs'
import { openStore } from '#main/store/open.ts'
import { detectIssues, ISU_DEFAULTS } from '#main/isu/detect.ts'
import { falseAlarmRate } from '#main/isu/settings.ts'
import { similarTo, SERUPA_DEFAULTS } from '#main/serupa/similar.ts'
import { intOption, kabupatenOption } from './options.ts'

function numberOption(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value)
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`harus angka ${min}..${max}`)
    return n
  }
}

function parseNow(now?: string): number {
  const at = now ? Date.parse(now) : Date.now()
  if (Number.isNaN(at)) throw new Error(`--now ${now}: bukan waktu ISO 8601`)
  return at
}

export function registerIsu(program: Command): void {
  program
    .command('isu')
    .description('Isu yang sedang naik di satu kabupaten (kecamatan/desa × kategori yang jumlah laporannya tidak biasa), sebagai JSON, paling tidak biasa dulu')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .requiredOption('--kabupaten <kode>', 'kabupaten, mis. 64.08', kabupatenOption)
    .option('--now <iso>', 'saat "sekarang" (bawaan: jam sekarang)')
    .option('--alarm-per-minggu <n>', 'alarm palsu per minggu yang diterima (lebih kecil = lebih sedikit dan lebih lambat); bawaan: pengaturan admin di berkas data', numberOption(0.001, 50))
    .option('--min <n>', 'jumlah laporan paling sedikit untuk satu isu', intOption(2, 1000), ISU_DEFAULTS.minCount)
    .action((opts: { db: string; kabupaten: string; now?: string; alarmPerMinggu?: number; min: number }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const db = openStore(opts.db, { readonly: true })
      try {
        const report = detectIssues(db, opts.kabupaten, parseNow(opts.now), { falseAlarmsPerWeek: opts.alarmPerMinggu ?? falseAlarmRate(db), minCount: opts.min })
        console.log(JSON.stringify(report, null, 2))
      } finally {
        db.close()
      }
    })

  program
    .command('serupa')
    .description('Laporan yang tampak sebagai masalah yang sama dengan satu laporan (teks mirip, tempat sama atau dekat, waktu dekat), dengan skornya, sebagai JSON')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .requiredOption('--id <n>', 'id laporan', intOption(1))
    .option('--ambang <skor>', 'skor paling rendah yang ditampilkan (0..1)', numberOption(0, 1), SERUPA_DEFAULTS.threshold)
    .action((opts: { db: string; id: number; ambang: number }) => {
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const db = openStore(opts.db, { readonly: true })
      try {
        console.log(JSON.stringify(similarTo(db, opts.id, { threshold: opts.ambang }), null, 2))
      } finally {
        db.close()
      }
    })
}

import type { Command } from 'commander'
import { statSync } from 'node:fs'
import { openWorkspace } from '../workspace/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { injectOutbreak } from '#main/dev/demo/outbreak.ts'
import { rebuildKabupaten } from '#main/kpi/refresh.ts'
import type { Db } from '#main/store/open.ts'
import { intOption, kabupatenOption } from './options.ts'
import { defaultStoreFile } from '../workspace/paths.ts'

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Buat atau tambah berkas data dengan pengaduan contoh yang realistis (deterministik untuk satu seed)')
    .option('--db <file>', 'berkas data SQLite (dibuat bila belum ada)', defaultStoreFile())
    .option('--kabupaten <kode>', 'kabupaten: 64.08 (Kutai Timur) atau 21.03 (Natuna)', kabupatenOption, '64.08')
    .option('--count <n>', 'jumlah pengaduan yang ditambahkan', intOption(0, 50_000_000), 20_000)
    .option('--seed <s>', 'seed pembangkit acak', intOption(0, 2 ** 31 - 1), 1)
    .option('--until <date>', 'akhir rentang tiga tahun (YYYY-MM-DD), bawaan: sekarang')
    .option('--tanpa-lonjakan', 'tanpa hari lonjakan (banjir, padam listrik): untuk mengukur alarm palsu peringatan dini')
    .option('--wabah <spec>', 'sisipkan wabah: KECAMATAN:KATEGORI:YYYY-MM-DD[:JUMLAH[:HARI]], mis. 64.08.04:kesehatan:2026-11-10 (25 laporan, 4 hari)')
    .action((opts: { db: string; kabupaten: string; count: number; seed: number; until?: string; tanpaLonjakan?: boolean; wabah?: string }) => {
      const until = opts.until ? new Date(`${opts.until}T23:59:59Z`) : undefined
      if (until && Number.isNaN(until.getTime())) throw new Error(`--until ${opts.until}: bukan tanggal YYYY-MM-DD`)
      const ws = openWorkspace(opts.db)
      try {
        let last = 0
        const result = generateDemo(ws.db, {
          kabupaten: opts.kabupaten,
          count: opts.count,
          seed: opts.seed,
          until,
          spikes: !opts.tanpaLonjakan,
          onProgress: (done, total) => {
            const now = Date.now()
            if (now - last > 1000 || done === total) {
              last = now
              process.stderr.write(`\r${done.toLocaleString('id-ID')} / ${total.toLocaleString('id-ID')} pengaduan`)
            }
          },
        })
        process.stderr.write('\n')
        const wabah = opts.wabah ? injectOutbreakSpec(ws.db, opts.kabupaten, opts.wabah, opts.seed) : undefined
        ws.db.pragma('wal_checkpoint(TRUNCATE)')
        console.log(
          JSON.stringify({ db: opts.db, kabupaten: opts.kabupaten, ...result, ...(wabah ? { wabah } : {}), bytes: statSync(opts.db).size }, null, 2),
        )
      } finally {
        ws.close()
      }
    })
}

/** `--wabah KECAMATAN:KATEGORI:YYYY-MM-DD[:JUMLAH[:HARI]]`: an outbreak on top of the generated traffic. */
function injectOutbreakSpec(db: Db, kabupaten: string, spec: string, seed: number) {
  const [kecamatan, kategoriKode, date, count = '25', days = '4'] = spec.split(':')
  const offset = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kabupaten) as number
  const start = Date.parse(`${date}T00:00:00Z`) - offset * 60_000
  if (!db.prepare('SELECT 1 FROM kecamatan WHERE kode = ? AND kabupaten_kode = ?').get(kecamatan, kabupaten)) {
    throw new Error(`--wabah: kecamatan ${kecamatan} tidak ada di kabupaten ${kabupaten}`)
  }
  const kategori = db.prepare('SELECT id FROM category WHERE kode = ? AND parent_id IS NULL').pluck().get(kategoriKode) as number | undefined
  if (kategori === undefined) throw new Error(`--wabah: kategori ${kategoriKode} tidak dikenal (kode kategori utama, mis. kesehatan, infrastruktur)`)
  if (Number.isNaN(start) || !Number(count) || !Number(days)) throw new Error(`--wabah ${spec}: bentuknya KECAMATAN:KATEGORI:YYYY-MM-DD[:JUMLAH[:HARI]]`)
  const ids = db.transaction(() => {
    const inserted = injectOutbreak(db, { kabupaten, kecamatan, kategori, start, days: Number(days), count: Number(count), seed })
    rebuildKabupaten(db, kabupaten)
    return inserted
  }).immediate()
  return { kecamatan, kategori: kategoriKode, from: date, days: Number(days), complaints: ids.length }
}

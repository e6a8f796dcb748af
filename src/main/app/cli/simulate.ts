import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { startSimulator } from '#main/dev/simulator/server.ts'
import { intOption, kabupatenOption } from './options.ts'
import { FAULT_KINDS } from '#main/dev/simulator/faults.ts'
import { injectIntoSimulator } from '#main/dev/simulator/inject.ts'

const list = (value: string) => {
  const kodes = value.split(',').map((s) => s.trim())
  for (const k of kodes) kabupatenOption(k)
  return kodes
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('Jalankan hulu tiruan (lapor-json dan Open311 GeoReport v2) dari data demo yang terus hidup, dengan gangguan sesuai permintaan')
    .option('--port <n>', 'port', intOption(0, 65535), 5190)
    .option('--host <host>', 'alamat', '127.0.0.1')
    .option('--kabupaten <kode,...>', 'kabupaten yang dilayani: 64.08, 21.03 atau keduanya (64.08,21.03)', list, ['64.08'])
    .option('--count <n>', 'jumlah pengaduan awal per kabupaten', intOption(0, 50_000_000), 20_000)
    .option('--seed <s>', 'seed pembangkit data dan perubahan', intOption(0, 2 ** 31 - 1), 1)
    .option('--rate <n>', 'perubahan per menit (laporan baru, status, balasan); 0 = diam', (v) => {
      const n = Number(v)
      if (!Number.isFinite(n) || n < 0 || n > 600_000) throw new InvalidArgumentError('harus angka 0..600000')
      return n
    }, 12)
    .option('--db <file>', 'simpan data hulu di berkas ini (bawaan: berkas sementara)')
    .option('--until <date>', 'akhir rentang tiga tahun data awal (YYYY-MM-DD), bawaan: sekarang')
    .option('--wabah <spec>', 'sisipkan wabah yang berakhir sekarang di kabupaten pertama: KECAMATAN:KATEGORI[:JUMLAH[:HARI]], mis. 64.08.13:kesehatan:25:4')
    .option('--ganda <n>', 'beri n laporan 7 hari terakhir 2–4 laporan ganda (ditulis ulang, salah ketik, pelapor lain)', intOption(0, 10_000))
    .action(async (opts: { port: number; host: string; kabupaten: string[]; count: number; seed: number; rate: number; db?: string; until?: string; wabah?: string; ganda?: number }) => {
      const until = opts.until ? new Date(`${opts.until}T23:59:59Z`) : undefined
      if (until && Number.isNaN(until.getTime())) throw new Error(`--until ${opts.until}: bukan tanggal YYYY-MM-DD`)
      const sim = await startSimulator({
        port: opts.port,
        host: opts.host,
        datasets: opts.kabupaten.map((kabupaten, i) => ({ kabupaten, count: opts.count, seed: opts.seed + i })),
        file: opts.db,
        until,
        ratePerMinute: opts.rate,
        seed: opts.seed,
        log: (line) => console.error(line),
      })
      if (opts.wabah || opts.ganda) {
        const injected = injectIntoSimulator(sim.store, { kabupaten: opts.kabupaten[0], wabah: opts.wabah, ganda: opts.ganda, seed: opts.seed })
        console.log(`Disisipkan: ${injected.outbreak.length} laporan wabah, ${injected.duplicates.flatMap((d) => d.copies).length} laporan ganda dari ${injected.duplicates.length} laporan`)
      }
      console.log(`Simulator hulu berjalan di ${sim.url} (${opts.rate} perubahan/menit)`)
      for (const kab of sim.store.kabupaten) console.log(`  lapor-json  ${sim.url}/api/v1/   token ${kab}: ${sim.tokenFor(kab)}`)
      console.log(`  Open311     ${sim.url}/open311/v2/services.json, requests.json?jurisdiction_id=${sim.store.kabupaten[0]}`)
      console.log(`  gangguan    ?fault=${FAULT_KINDS.join('|')} atau POST ${sim.url}/admin/faults {"kind":"500","count":3}`)
      const stop = async () => {
        await sim.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}

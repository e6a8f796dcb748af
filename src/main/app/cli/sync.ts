// `tanggap sync` and `tanggap source`: run a sync from the command line (progress on stderr, a JSON summary on
// stdout, exit code 1 when the run failed) and configure the sources it reads.
import type { Command } from 'commander'
import { openWorkspace } from '../workspace/open.ts'
import { defaultStoreFile } from '../workspace/paths.ts'
import { intOption, kabupatenOption } from './options.ts'
import { runSync } from '#main/sync/engine.ts'
import { DEFAULT_POLICY } from '#main/sync/http.ts'
import { GROUP_MS } from '#main/sync/page-group.ts'
import { connectorFor } from '#main/sync/connector.ts'
import { listSources, saveSource, sourceByName, tokenOf, SOURCE_KINDS, type SourceKind } from '#main/sync/sources.ts'
import type { SyncProgress } from '#main/sync/progress.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'

function progressLine(p: SyncProgress): string {
  const n = (v: number) => v.toLocaleString('id-ID')
  const left = p.remaining !== null ? `, sisa ${n(p.remaining)}` : ''
  const extra = p.message ? ` — ${p.message}` : ''
  return `[${p.source}] ${p.phase}: ${n(p.fetched)} diambil (${n(p.inserted)} baru, ${n(p.updated)} berubah, ${n(p.unchanged)} sama, ${n(p.quarantined)} karantina${left}) ${Math.round(p.ratePerSec)}/dtk${extra}`
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('Sinkronkan satu sumber sekarang: ambil perubahan sejak kursor terakhir, kirim tindakan lokal, cetak ringkasan JSON')
    .option('--db <file>', 'berkas data SQLite', defaultStoreFile())
    .requiredOption('--source <name>', 'nama sumber (lihat `tanggap source list`)')
    .option('--no-aggregates', 'jangan perbarui agregat KPI per halaman; bangun ulang sekali di akhir (muatan pertama yang besar)')
    .option('--timeout <ms>', 'batas waktu satu permintaan (ms)', intOption(100, 600_000), DEFAULT_POLICY.timeoutMs)
    .option('--retries <n>', 'percobaan ulang per permintaan', intOption(0, 50), DEFAULT_POLICY.retries)
    .option('--backoff <ms>', 'jeda awal sebelum mencoba lagi (ms, berlipat dua tiap kali)', intOption(0, 600_000), DEFAULT_POLICY.baseMs)
    .option('--max-pages <n>', 'berhenti setelah n halaman (dilanjutkan pada sinkronisasi berikutnya)', intOption(1))
    .option(
      '--group-ms <ms>',
      'tanpa aplikasi yang membuka berkas: halaman yang tiba dalam waktu ini disimpan dalam satu transaksi (ms; 0: tiap halaman sendiri)',
      intOption(0, 60_000),
      GROUP_MS,
    )
    .option('--quiet', 'tanpa baris kemajuan')
    .action(async (opts: { db: string; source: string; aggregates: boolean; timeout: number; retries: number; backoff: number; maxPages?: number; groupMs: number; quiet?: boolean }) => {
      const ws = openWorkspace(opts.db)
      const abort = new AbortController()
      const stop = () => abort.abort()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      try {
        let last = 0
        let phase = ''
        const summary = await runSync(ws.db, opts.source, {
          trigger: 'cli',
          signal: abort.signal,
          refreshAggregates: opts.aggregates,
          maxPages: opts.maxPages,
          groupMs: opts.groupMs,
          policy: { ...DEFAULT_POLICY, timeoutMs: opts.timeout, retries: opts.retries, baseMs: opts.backoff },
          onProgress: (p) => {
            const now = Date.now()
            if (opts.quiet || (now - last < 1000 && p.phase === phase && !p.message)) return
            last = now
            phase = p.phase
            process.stderr.write(progressLine(p) + '\n')
          },
        })
        console.log(JSON.stringify(summary, null, 2))
        if (summary.status !== 'ok') process.exitCode = 1
      } finally {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        ws.close()
      }
    })

  const source = program.command('source').description('Atur sumber sinkronisasi (lapor-json, open311, …)')
  source
    .command('add')
    .description('Tambah atau ubah sumber; token disimpan terpisah dan tidak pernah dicetak')
    .option('--db <file>', 'berkas data SQLite', defaultStoreFile())
    .requiredOption('--name <name>', 'nama sumber, mis. lapor-kutim')
    .requiredOption('--kind <kind>', `jenis: ${SOURCE_KINDS.join(', ')}`, (v: string) => {
      if (!(SOURCE_KINDS as readonly string[]).includes(v)) throw new Error(`--kind harus salah satu dari ${SOURCE_KINDS.join(', ')}`)
      return v as SourceKind
    })
    .requiredOption('--kabupaten <kode>', 'kabupaten sumber ini', kabupatenOption)
    .option('--url <url>', 'alamat dasar hulu, mis. http://127.0.0.1:5190')
    .option('--token-env <var>', 'baca token dari variabel lingkungan ini (lebih aman daripada --token)')
    .option('--token <token>', 'token akses (tampak di riwayat shell; lebih baik --token-env)')
    .option('--page-size <n>', 'rekaman per halaman', intOption(1, 5000))
    .option('--schedule <minutes>', 'sinkron otomatis tiap n menit', intOption(1, 10080))
    .option('--writeback', 'kirim tindakan lokal (verifikasi, disposisi, …) ke hulu')
    .option('--disabled', 'simpan tetapi jangan sinkronkan')
    .action((opts: { db: string; name: string; kind: SourceKind; kabupaten: string; url?: string; tokenEnv?: string; token?: string; pageSize?: number; schedule?: number; writeback?: boolean; disabled?: boolean }) => {
      const token = opts.tokenEnv ? process.env[opts.tokenEnv] : opts.token
      if (opts.tokenEnv && !token) throw new Error(`variabel lingkungan ${opts.tokenEnv} kosong`)
      const ws = openWorkspace(opts.db)
      try {
        // A new store gets the kabupaten's regions, units and categories first (a clear error if it is not shipped).
        seedKabupaten(ws.db, opts.kabupaten)
        const existing = sourceByName(ws.db, opts.name)
        const config = { ...(existing ? JSON.parse(existing.config_json) : {}), ...(opts.url ? { baseUrl: opts.url } : {}), ...(opts.pageSize ? { pageSize: opts.pageSize } : {}) }
        const row = saveSource(ws.db, {
          name: opts.name,
          kind: opts.kind,
          kabupaten: opts.kabupaten,
          config,
          token,
          scheduleMinutes: opts.schedule ?? existing?.schedule_minutes ?? null,
          isWriteback: opts.writeback ?? existing?.is_writeback === 1,
          isEnabled: !opts.disabled,
        })
        // Check the settings now, so a typo is found at once rather than at the first run.
        if (row.kind === 'lapor-json' || row.kind === 'open311') connectorFor(ws.db, row, null)
        console.log(JSON.stringify(publicSource(listSources(ws.db).find((s) => s.id === row.id)!), null, 2))
      } finally {
        ws.close()
      }
    })
  source
    .command('list')
    .description('Daftar sumber (tanpa token) sebagai JSON')
    .option('--db <file>', 'berkas data SQLite', defaultStoreFile())
    .action((opts: { db: string }) => {
      const ws = openWorkspace(opts.db)
      try {
        console.log(JSON.stringify(listSources(ws.db).map(publicSource), null, 2))
      } finally {
        ws.close()
      }
    })
  source
    .command('test')
    .description('Uji sambungan dan token sumber')
    .option('--db <file>', 'berkas data SQLite', defaultStoreFile())
    .requiredOption('--source <name>', 'nama sumber')
    .action(async (opts: { db: string; source: string }) => {
      const ws = openWorkspace(opts.db)
      try {
        const row = sourceByName(ws.db, opts.source)
        if (!row) throw new Error(`sumber ${opts.source} tidak ada`)
        const line = await connectorFor(ws.db, row, tokenOf(ws.db, row.id)).test({
          signal: new AbortController().signal,
          policy: { ...DEFAULT_POLICY, retries: 1, timeoutMs: 10_000 },
          onRetry: () => {},
        })
        console.log(line)
      } finally {
        ws.close()
      }
    })
}

function publicSource(s: ReturnType<typeof listSources>[number]) {
  return {
    name: s.name,
    kind: s.kind,
    kabupaten: s.kabupaten_kode,
    config: JSON.parse(s.config_json),
    token: s.has_token ? 'tersimpan' : 'tidak ada',
    schedule_minutes: s.schedule_minutes,
    writeback: s.is_writeback === 1,
    enabled: s.is_enabled === 1,
    cursor: s.cursor,
    last_synced_at: s.last_synced_at === null ? null : new Date(s.last_synced_at).toISOString(),
  }
}

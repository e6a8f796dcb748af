// `tanggap export`: the exports of the app from the command line, for scheduled reports (a Windows task or a
// cron job that mails the monthly recap). Same files, same privacy rules as the app; the role they are made
// for is explicit (--role), and defaults to the least privileged one.
import type { Command } from 'commander'
import { Option } from 'commander'
import { existsSync } from 'node:fs'
import { openStore, type Db } from '#main/store/open.ts'
import { ensureFresh } from '#main/kpi/service.ts'
import { QUEUES } from '#main/queue/queries.ts'
import { ROLES, periodSchema, type Period, type Role } from '#shared/domain.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { exportFormatSchema, exportRequestSchema, type ExportRequest } from '#main/export/request.ts'
import { DELIMITERS } from '#main/export/csv.ts'
import { kabupatenOption } from './options.ts'
import { exportBriefingPdf } from '../server/briefing-pdf.ts'

const WHATS = [...QUEUES, 'kpi', 'recap', 'briefing'] as const

type Opts = {
  db: string
  what: string
  format: string
  out: string
  kabupaten?: string
  from?: string
  to?: string
  role: Role
  delimiter: string
  now?: string
}

/** The whole previous calendar month in the kabupaten's zone: what a monthly recap is about by default. */
export function previousMonth(now: number, utcOffsetMinutes: number): Period {
  const local = new Date(now + utcOffsetMinutes * 60_000)
  const first = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 0))
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) }
}

function period(opts: Opts): Period | undefined {
  if (opts.from === undefined && opts.to === undefined) return undefined
  if (opts.from === undefined || opts.to === undefined) throw new Error('--from dan --to harus diberikan bersama')
  const p = periodSchema.safeParse({ from: opts.from, to: opts.to })
  if (!p.success) throw new Error(`periode tidak sah (--from ${opts.from} --to ${opts.to}): ${p.error.issues.map((i) => i.message).join('; ')}`)
  return p.data
}

function request(db: Db, opts: Opts, kabupaten: string, now: number): ExportRequest {
  const offset = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kabupaten) as number | undefined
  if (offset === undefined) throw new Error(`kabupaten ${kabupaten} tidak ada di berkas data ini`)
  const p = period(opts)
  const raw =
    opts.what === 'kpi' || opts.what === 'recap'
      ? { kind: opts.what, kabupaten, period: p ?? previousMonth(now, offset) }
      : { kind: 'queue', kabupaten, queue: opts.what, period: p }
  const parsed = exportRequestSchema.safeParse(raw)
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'permintaan'}: ${i.message}`).join('; '))
  return parsed.data
}

function progressPrinter(total: number | undefined): (rows: number) => void {
  if (!process.stderr.isTTY) return () => {}
  let shown = -1
  return (rows) => {
    const pct = total ? Math.floor((100 * rows) / total) : -1
    if (pct === shown) return
    shown = pct
    process.stderr.write(`\r${rows.toLocaleString('id-ID')}${total ? ` / ${total.toLocaleString('id-ID')} baris (${pct}%)` : ' baris'}`)
  }
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Ekspor antrean, tabel KPI, rekap bulanan (xlsx/csv) atau briefing (pdf) ke berkas — untuk laporan terjadwal')
    .requiredOption('--db <file>', 'berkas data SQLite')
    .requiredOption('--what <what>', `yang diekspor: nama antrean (${QUEUES.join(', ')}), kpi, recap atau briefing`)
    .addOption(new Option('--format <format>', 'format berkas').choices(['xlsx', 'csv', 'pdf']).makeOptionMandatory())
    .requiredOption('--out <file>', 'berkas tujuan')
    .option('--kabupaten <kode>', 'kabupaten (bawaan: yang pertama di berkas data)', kabupatenOption)
    .option('--from <date>', 'awal periode (YYYY-MM-DD, tanggal lokal); kpi/recap bawaan: bulan lalu, antrean: semua')
    .option('--to <date>', 'akhir periode (YYYY-MM-DD, inklusif)')
    .addOption(new Option('--role <role>', 'peran yang menentukan isi berkas (identitas pelapor hanya untuk supervisor ke atas)').choices(ROLES).default('viewer'))
    .addOption(new Option('--delimiter <char>', 'pemisah CSV: ";" untuk Excel berbahasa Indonesia, "," untuk Excel berbahasa Inggris').choices(DELIMITERS).default(';'))
    .option('--now <iso>', 'saat "sekarang" untuk tenggat dan tunggakan (bawaan: jam sekarang)')
    .action(async (opts: Opts) => {
      if (!(WHATS as readonly string[]).includes(opts.what)) throw new Error(`--what ${opts.what}: tidak dikenal (pilihan: ${WHATS.join(', ')})`)
      if (opts.what === 'briefing' && opts.format !== 'pdf') throw new Error('briefing hanya diekspor sebagai pdf (--format pdf)')
      if (opts.what !== 'briefing' && opts.format === 'pdf') throw new Error(`--format pdf hanya untuk --what briefing; ${opts.what} diekspor sebagai xlsx atau csv`)
      if (!existsSync(opts.db)) throw new Error(`berkas data ${opts.db} tidak ada`)
      const now = opts.now ? Date.parse(opts.now) : Date.now()
      if (Number.isNaN(now)) throw new Error(`--now ${opts.now}: bukan waktu ISO 8601`)
      const started = performance.now()
      const db = openStore(opts.db)
      try {
        ensureFresh(db, now)
        const kabupaten = opts.kabupaten ?? (db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().get() as string | undefined)
        if (!kabupaten) throw new Error('berkas data belum berisi kabupaten')

        if (opts.what === 'briefing') {
          const offset = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kabupaten) as number | undefined
          if (offset === undefined) throw new Error(`kabupaten ${kabupaten} tidak ada di berkas data ini`)
          const p = period(opts) ?? previousMonth(now, offset)
          // The slides are public-facing whatever --role says: the briefing API never carries identities.
          const made = await exportBriefingPdf({ dbFile: opts.db, kabupaten, from: p.from, to: p.to, out: opts.out })
          console.log(JSON.stringify({ file: opts.out, what: 'briefing', format: 'pdf', ...made, ms: Math.round(performance.now() - started) }))
          return
        }

        const req = request(db, opts, kabupaten, now)
        const format = exportFormatSchema.parse({ format: opts.format, delimiter: opts.delimiter })
        // Nothing else uses the connection here, so the rows stream from it directly.
        const doc = buildDoc({ db, reader: db, role: opts.role, now, username: `tanggap export (${process.env.USER ?? process.env.USERNAME ?? 'CLI'})` }, req)
        const total = doc.sheets.reduce((n, s) => n + (s.count ?? 0), 0)
        const { rows, bytes } = await writeDoc(doc, format, opts.out, { onProgress: progressPrinter(total) })
        if (process.stderr.isTTY) process.stderr.write('\n')
        console.log(JSON.stringify({ file: opts.out, what: opts.what, format: format.format, role: opts.role, rows, bytes, ms: Math.round(performance.now() - started) }))
      } finally {
        db.close()
      }
    })
}

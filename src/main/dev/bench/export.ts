// `tanggap bench export`: how long a big export takes and how much memory it needs, per format. Each format runs
// in a fresh child process (so one run's garbage cannot hide in the next one's peak) along the same path as a
// background job: rows streamed from a reader connection, written in chunks with pauses. The child also
// measures how long the event loop was held up, which is what an official using the app meanwhile would feel.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { openReader, openStore } from '#main/store/open.ts'
import { buildDoc, writeDoc } from '#main/export/run.ts'
import { exportRequestSchema } from '#main/export/request.ts'
import type { ExportFormat } from '#main/export/request.ts'
import type { Role } from '#shared/domain.ts'

export type ExportRun = {
  format: ExportFormat
  rows: number
  bytes: number
  seconds: number
  /** CPU time (user + system) of the export: unlike wall time, hardly changed by other load on the machine. */
  cpu_seconds: number
  rows_per_second: number
  /** RSS before the export started, at its quarter points, and the process's peak (MiB). */
  rss_mb: { before: number; at_25: number; at_50: number; at_75: number; peak: number }
  /** Longest and 99th-percentile hold-up of the event loop during the export (ms). */
  event_loop_ms: { max: number; p99: number }
}

const mb = (bytes: number) => Math.round(bytes / 1048576)

/** One export in this process; prints its ExportRun as JSON (the child side of the bench). */
export async function benchOneExport(opts: { db: string; kabupaten: string; queue: string; format: ExportFormat; role: Role; out: string }): Promise<ExportRun> {
  const db = openStore(opts.db)
  const reader = openReader(db)
  reader?.pragma('cache_size = -8192')
  try {
    const request = exportRequestSchema.parse({ kind: 'queue', kabupaten: opts.kabupaten, queue: opts.queue })
    const before = process.memoryUsage().rss
    const doc = buildDoc({ db, reader, role: opts.role, now: Date.now(), username: 'bench' }, request)
    const total = doc.sheets[0].count ?? 0
    const marks: Record<'at_25' | 'at_50' | 'at_75', number> = { at_25: 0, at_50: 0, at_75: 0 }
    const onProgress = (rows: number) => {
      const rss = process.memoryUsage().rss
      if (!marks.at_25 && rows >= total / 4) marks.at_25 = mb(rss)
      if (!marks.at_50 && rows >= total / 2) marks.at_50 = mb(rss)
      if (!marks.at_75 && rows >= (3 * total) / 4) marks.at_75 = mb(rss)
    }
    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    const { rows, bytes } = await writeDoc(doc, { format: opts.format, delimiter: ';' }, opts.out, { onProgress })
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    loop.disable()
    return {
      format: opts.format,
      rows,
      bytes,
      seconds: Math.round(seconds * 10) / 10,
      cpu_seconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      rows_per_second: Math.round(rows / seconds),
      rss_mb: { before: mb(before), ...marks, peak: Math.round(process.resourceUsage().maxRSS / 1024) },
      event_loop_ms: { max: Math.round(loop.max / 1e6), p99: Math.round(loop.percentile(99) / 1e6) },
    }
  } finally {
    reader?.close()
    db.close()
  }
}

/** Runs each format in a child process (`tanggap bench export --one FORMAT …`) and collects the results. */
export async function benchExports(opts: { db: string; kabupaten: string; queue: string; formats: ExportFormat[]; role: Role }): Promise<ExportRun[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-bench-export-'))
  try {
    const runs: ExportRun[] = []
    for (const format of opts.formats) {
      const args = [process.argv[1], 'bench', 'export', '--db', opts.db, '--kabupaten', opts.kabupaten, '--queue', opts.queue, '--role', opts.role]
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [...args, '--one', format, '--out', join(dir, `bench.${format}`)], { stdio: ['ignore', 'pipe', 'inherit'] })
        let text = ''
        child.stdout.on('data', (d: Buffer) => (text += d))
        child.on('error', reject)
        child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`bench ekspor ${format} gagal (kode ${code})`))))
      })
      runs.push(JSON.parse(out) as ExportRun)
      rmSync(join(dir, `bench.${format}`), { force: true })
    }
    return runs
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

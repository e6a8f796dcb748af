// `tanggap bench sync`: how fast a full sync of N complaints is, against the physical limit. The simulator runs in
// its own process (the upstream is another machine in real life), the store is a fresh file each time.
// Measured on the same rows: over HTTP with aggregates kept current page by page; over HTTP with one rebuild at
// the end; from a file of the same pages (no network); and the raw insert rate of better-sqlite3 (prepared
// statements, one transaction, no validation, no aggregates) as the limit.
import { spawn, type ChildProcess } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { openStore, type Db } from '../store/open.ts'
import { seedKabupaten } from '../regions/seed.ts'
import { resourcePath } from '../resources.ts'
import { saveSource, sourceByName } from '../sync/sources.ts'
import { runSync } from '../sync/engine.ts'
import { Ingester, type IngestItem } from '../sync/ingest.ts'
import { requestJson } from '../sync/http.ts'
import { mapComplaint } from '../sync/connectors/lapor-json/map.ts'
import { upsertCategories, upsertUnits } from '../sync/connectors/lapor-json/references.ts'
import { defaultToken } from '../simulator/server.ts'

export type SyncBenchOptions = { count: number; kabupaten: string; pageSize: number; simDb?: string; keep?: boolean; log?: (line: string) => void }

const UNTIL = '2026-11-20'

/** Starts `tanggap simulate` as a child and resolves its URL once it listens. */
async function startSimulatorProcess(opts: SyncBenchOptions, file: string): Promise<{ url: string; child: ChildProcess }> {
  const bin = resourcePath('..', 'bin', 'tanggap.js')
  const child = spawn(process.execPath, [bin, 'simulate', '--port', '0', '--rate', '0', '--kabupaten', opts.kabupaten, '--count', String(opts.count), '--until', UNTIL, '--db', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stderr!.on('data', (d: Buffer) => opts.log?.(d.toString().trim()))
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /berjalan di (http:\/\/\S+)/.exec(line)
    if (m) return { url: m[1], child }
  }
  throw new Error('simulator berhenti sebelum siap')
}

function freshStore(dir: string, name: string, url: string, opts: SyncBenchOptions): Db {
  const db = openStore(join(dir, name))
  seedKabupaten(db, opts.kabupaten)
  saveSource(db, { name: 'bench', kind: 'lapor-json', kabupaten: opts.kabupaten, config: { baseUrl: url, pageSize: opts.pageSize }, token: defaultToken(opts.kabupaten) })
  return db
}

const rate = (n: number, ms: number) => Math.round(n / Math.max(0.001, ms / 1000))

export async function benchSync(opts: SyncBenchOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-bench-sync-'))
  const simFile = opts.simDb ?? join(dir, 'upstream.db')
  const made = existsSync(simFile) ? 0 : Date.now()
  const sim = await startSimulatorProcess(opts, simFile)
  const generateMs = made ? Date.now() - made : null
  try {
    // 1. Over HTTP, dashboards current after every page (what the app does).
    opts.log?.('sinkron penuh lewat HTTP, agregat per halaman…')
    const a = freshStore(dir, 'a.db', sim.url, opts)
    const withAgg = await runSync(a, 'bench', { trigger: 'cli', refreshAggregates: true })
    // 2. Over HTTP, one rebuild of the aggregates at the end (a first load).
    opts.log?.('sinkron penuh lewat HTTP, agregat dibangun sekali di akhir…')
    const b = freshStore(dir, 'b.db', sim.url, opts)
    const noAgg = await runSync(b, 'bench', { trigger: 'cli', refreshAggregates: false })
    b.close()

    // 3. The same pages from a file: the pipeline without the network.
    opts.log?.('halaman yang sama dari berkas…')
    const pagesFile = join(dir, 'pages.ndjson')
    const out = createWriteStream(pagesFile)
    const headers = { Authorization: `Bearer ${defaultToken(opts.kabupaten)}` }
    const get = async (path: string) => (await requestJson(`${sim.url}/api/v1${path}`, { headers })).body as { data: unknown[]; next_cursor: string | null; has_more: boolean }
    const refs = { categories: (await get('/categories')).data, units: (await get('/units')).data }
    for (let cursor: string | null = null; ; ) {
      const page = await get(`/complaints?limit=${opts.pageSize}${cursor ? `&updated_since=${cursor}` : ''}`)
      for (const r of page.data) out.write(JSON.stringify(r) + '\n')
      if (!page.has_more) break
      cursor = page.next_cursor
    }
    out.end()
    await once(out, 'finish')
    const c = freshStore(dir, 'c.db', sim.url, opts)
    upsertCategories(c, refs.categories as never)
    upsertUnits(c, opts.kabupaten, refs.units as never)
    const ingester = new Ingester(c, sourceByName(c, 'bench')!)
    const fileStarted = Date.now()
    let batch: IngestItem[] = []
    let fromFile = 0
    let mapMs = 0
    const flush = () => {
      ingester.ingest(batch, { cursor: null, refreshAggregates: true })
      fromFile += batch.length
      batch = []
    }
    for await (const line of createInterface({ input: createReadStream(pagesFile) })) {
      const t = performance.now()
      const raw = JSON.parse(line)
      const m = mapComplaint(raw)
      mapMs += performance.now() - t
      batch.push(m.ok ? { record: m.record, raw } : { error: m.reason, raw })
      if (batch.length === opts.pageSize) flush()
    }
    if (batch.length) flush()
    const fileMs = Date.now() - fileStarted

    // 4. The limit: the rows the sync stored (complaint, reporter, history) inserted raw into a fresh store.
    opts.log?.('batas fisik: sisip mentah baris yang sama…')
    const raw = rawInsert(a, join(dir, 'raw.db'), opts.kabupaten)
    a.close()
    c.close()
    const httpRate = rate(withAgg.fetched, withAgg.ms)
    const noAggRate = rate(noAgg.fetched, noAgg.ms)
    return {
      count: withAgg.fetched,
      page_size: opts.pageSize,
      simulator_generate_ms: generateMs,
      http_with_aggregates: { ms: withAgg.ms, complaints_per_s: httpRate, status: withAgg.status },
      http_rebuild_at_end: { ms: noAgg.ms, complaints_per_s: noAggRate, of_which_rebuild_ms: noAgg.aggregates_rebuild_ms, status: noAgg.status },
      file_with_aggregates: { ms: fileMs, complaints_per_s: rate(fromFile, fileMs), of_which_parse_and_map_ms: Math.round(mapMs) },
      raw_insert: { ms: raw.ms, complaints_per_s: rate(raw.complaints, raw.ms), rows: raw.rows },
      ratio_http_to_raw: Math.round((100 * httpRate) / rate(raw.complaints, raw.ms)) / 100,
      ratio_file_to_raw: Math.round((100 * rate(fromFile, fileMs)) / rate(raw.complaints, raw.ms)) / 100,
      aggregates_cost: {
        note: 'kept current page by page vs one rebuild at the end, same rows',
        per_page_ms: withAgg.ms,
        rebuild_at_end_ms: noAgg.ms,
        extra_ms: withAgg.ms - noAgg.ms,
        extra_share: Math.round((100 * (withAgg.ms - noAgg.ms)) / Math.max(1, noAgg.ms)) / 100,
      },
      goal: { http_to_raw_at_least: 0.5 },
    }
  } finally {
    sim.child.kill('SIGTERM')
    if (!opts.keep) rmSync(dir, { recursive: true, force: true })
  }
}

/** Raw better-sqlite3 inserts of the rows a sync stored: one prepared statement per table, one transaction. */
function rawInsert(from: Db, file: string, kabupaten: string): { ms: number; complaints: number; rows: number } {
  const db = openStore(file)
  seedKabupaten(db, kabupaten)
  const complaints = from.prepare('SELECT * FROM complaint ORDER BY id').all() as Record<string, unknown>[]
  const reporters = from.prepare('SELECT * FROM reporter ORDER BY complaint_id').all() as Record<string, unknown>[]
  const events = from.prepare('SELECT * FROM complaint_event ORDER BY id').all() as Record<string, unknown>[]
  const cols = (r: Record<string, unknown>) => Object.keys(r)
  const insert = (table: string, rows: Record<string, unknown>[]) => {
    if (!rows.length) return () => {}
    const c = cols(rows[0])
    const st = db.prepare(`INSERT INTO ${table} (${c.join(',')}) VALUES (${c.map(() => '?').join(',')})`)
    return () => {
      for (const r of rows) st.run(...c.map((k) => r[k]))
    }
  }
  const steps = [insert('complaint', complaints), insert('reporter', reporters), insert('complaint_event', events)]
  const started = Date.now()
  db.transaction(() => steps.forEach((s) => s()))()
  const ms = Date.now() - started
  db.close()
  return { ms, complaints: complaints.length, rows: complaints.length + reporters.length + events.length }
}

// Importing one spreadsheet: read it as a stream, find its layout, map each row, and store the rows through the
// sync engine's ingest (sync/ingest.ts) in batches, so re-importing the same file changes nothing and an older
// export never overwrites newer data. A dry run does all of it inside transactions that are rolled back.
//
// The report says, per row, what was rejected or changed and why (row number as Excel shows it, column, value,
// reason). Rejected rows are also quarantined with the source, so they show in Sinkronisasi like any bad record
// and are marked resolved when a corrected file brings the same tracking ID.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appendAudit } from '../audit/log.ts'
import { Ingester, type IngestCounts, type IngestItem } from '../sync/ingest.ts'
import { withBulkWal } from '../sync/wal.ts'
import { withFirstLoad, type FirstLoad } from '../sync/first-load.ts'
import { saveSource, sourceByName, type SourceRow } from '../sync/sources.ts'
import { beginRun, finishRun } from '../sync/runs.ts'
import type { Field, ImportMapping } from './fields.ts'
import { HEADER_SCAN_ROWS, resolveLayout, unmappedHeaders, type Layout } from './layout.ts'
import { mappingByName } from './mappings.ts'
import { checkReadable, FileReadError, kindOf, readRows, type Cell, type FileInput, type SheetRow } from './readers.ts'
import { mapRow, mapperContext, type RowIssue } from './row-mapper.ts'
import { cellText } from './values/text.ts'
import { fold } from '#main/reference/names/fold.ts'

export type ImportOptions = {
  kabupaten: string
  /** File name (for its kind and the report) and its content. */
  name: string
  input: FileInput
  /** Layout: a preset name, a saved mapping's name, or a mapping; none of them: detected from the headers. */
  preset?: string
  mappingName?: string
  mapping?: ImportMapping
  /** Sync source the complaints belong to (default `berkas-<kabupaten>`). */
  source?: string
  dryRun?: boolean
  user: SessionUser
  bus?: ChangeBus
  trigger?: 'manual' | 'cli' | 'test'
  batchSize?: number
  /** Issues listed in full in the report; beyond this only counted. */
  maxIssues?: number
  previewRows?: number
  onProgress?: (p: { rows: number; accepted: number; rejected: number }) => void
  now?: number
}

export type PreviewRow = {
  row: number
  tracking_id: string
  submitted_at: number
  judul: string
  status: string
  status_raw: string
  channel: string
  /** Names (kecamatan, desa, unit, category), as officials know them. */
  kecamatan: string | null
  desa: string | null
  unit: string | null
  kategori: string | null
  is_anonim: boolean
  is_rahasia: boolean
  /** Whether the row carries reporter identity (never shown in a preview). */
  hasReporter: boolean
}

export type ImportReport = {
  file: string
  sha256: string
  kind: 'xlsx' | 'csv'
  dryRun: boolean
  source: string
  kabupaten: string
  layout: { name: string; headerRow: number; columns: { field: Field; header: string }[]; unmappedHeaders: string[] }
  rows: { read: number; empty: number; summary: number; accepted: number; rejected: number; withWarnings: number }
  stored: { inserted: number; updated: number; unchanged: number; quarantined: number; events: number }
  /** What was done to the file as a whole that the admin should check: an encoding guessed (Windows-1252),
   * merged cells filled. Empty when the file was read as it is. */
  fileWarnings: string[]
  issues: RowIssue[]
  issuesOmitted: number
  preview: PreviewRow[]
  /** Reading stopped early (a damaged file); rows before it were handled as reported. */
  stoppedAt: { row: number; reason: string } | null
  ms: number
  rowsPerSecond: number
}

class Rollback extends Error {
  constructor(readonly counts: IngestCounts) {
    super('rollback')
  }
}

export function defaultSourceName(kabupaten: string): string {
  return `berkas-${kabupaten.replace('.', '')}`
}

async function sha256Of(input: FileInput): Promise<string> {
  const hash = createHash('sha256')
  if ('bytes' in input) return hash.update(input.bytes).digest('hex')
  checkReadable(input)
  for await (const chunk of createReadStream(input.path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

// Recaps end with a total line ("JUMLAH", "Total") that is not a complaint.
const SUMMARY = /^(jumlah|total|grand total|jumlah total|rekapitulasi)\b/

function isSummaryRow(cells: Cell[]): boolean {
  const first = cells.map(cellText).find((c) => c !== '')
  return first !== undefined && SUMMARY.test(fold(first))
}

const IDENTITY_FIELDS: Field[] = ['reporter_nama', 'reporter_nik', 'reporter_phone', 'reporter_email']

/** The row as the quarantine keeps it: what is needed to fix it, without the reporter's identity (UU 27/2022). */
function rawRow(layout: Layout, cells: Cell[]): Record<string, unknown> {
  let hidden = hiddenColumns.get(layout)
  if (!hidden) hiddenColumns.set(layout, (hidden = new Set(IDENTITY_FIELDS.map((f) => layout.columns[f]).filter((i) => i !== undefined))))
  const out: Record<string, unknown> = {}
  layout.headers.forEach((h, i) => {
    const v = cells[i]
    if (v === null || v === undefined) return
    out[h || `kolom ${i + 1}`] = hidden.has(i) ? '[data pelapor disembunyikan]' : v instanceof Date ? v.toISOString() : v
  })
  return out
}
const hiddenColumns = new WeakMap<Layout, Set<number>>()

/** A row's raw form for the quarantine, built only if the row is quarantined (JSON.stringify calls toJSON): most
 * rows never are, and building it for each was a visible part of an import. */
class LazyRaw {
  constructor(
    private readonly layout: Layout,
    private readonly cells: Cell[],
  ) {}
  toJSON(): Record<string, unknown> {
    return rawRow(this.layout, this.cells)
  }
}

/** The source a file's complaints belong to: made on first commit; a dry run never creates it. */
function sourceFor(db: Db, name: string, kabupaten: string): SourceRow | null {
  const s = sourceByName(db, name)
  if (s && s.kabupaten_kode !== kabupaten) throw new Error(`sumber ${name} milik kabupaten ${s.kabupaten_kode}, bukan ${kabupaten}`)
  return s
}

export async function importFile(db: Db, opts: ImportOptions): Promise<ImportReport> {
  const started = performance.now()
  const now = opts.now ?? Date.now()
  const kind = kindOf(opts.name)
  if (!kind) throw new FileReadError(`${opts.name}: hanya berkas .xlsx atau .csv yang dapat diimpor`)
  const dryRun = opts.dryRun ?? false
  // Refused before anything is read: a source of another kabupaten.
  sourceFor(db, opts.source ?? defaultSourceName(opts.kabupaten), opts.kabupaten)

  let mapping = opts.mapping
  if (opts.mappingName) {
    const saved = mappingByName(db, opts.mappingName)
    if (!saved) throw new Error(`pemetaan tersimpan "${opts.mappingName}" tidak ada`)
    mapping = saved.mapping
  }

  const sha256 = await sha256Of(opts.input)
  const notes: string[] = []
  const rows = readRows(opts.input, kind, mapping?.sheet, notes, opts.name)[Symbol.asyncIterator]()
  try {
    const run = (firstLoad: FirstLoad | null = null) => importRows(db, opts, { rows, mapping, sha256, kind, dryRun, started, now, notes, firstLoad })
    // From the CLI (no server on this thread) the WAL is checkpointed less often (sync/wal.ts), and a first load
    // builds the indexes of the complaints, their deadline rows and history once at its end (sync/first-load.ts).
    return await (opts.trigger === 'cli' && !dryRun ? withBulkWal(db, () => withFirstLoad(db, run)) : run())
  } finally {
    // Stopped early (a layout not recognised, the store refused): close the file and the reader's temp files.
    await rows.return?.(undefined)
  }
}

type Reading = {
  rows: AsyncIterator<SheetRow>
  mapping: ImportMapping | undefined
  sha256: string
  kind: 'xlsx' | 'csv'
  dryRun: boolean
  started: number
  now: number
  /** The reader's notes on the file (encoding guessed, merged cells filled), filled as it reads. */
  notes: string[]
  /** A first load's indexes set aside (sync/first-load.ts), put back between batches when another connection writes. */
  firstLoad: FirstLoad | null
}

async function importRows(db: Db, opts: ImportOptions, { rows, mapping, sha256, kind, dryRun, started, now, notes, firstLoad }: Reading): Promise<ImportReport> {
  const batchSize = opts.batchSize ?? 2000
  const maxIssues = opts.maxIssues ?? 1000
  const previewRows = opts.previewRows ?? 20
  const sourceName = opts.source ?? defaultSourceName(opts.kabupaten)
  let source = sourceFor(db, sourceName, opts.kabupaten)
  const first: SheetRow[] = []
  while (first.length < HEADER_SCAN_ROWS) {
    const n = await rows.next()
    if (n.done) break
    first.push(n.value)
  }
  const layout = resolveLayout(first, { preset: opts.preset, mapping, mappingName: opts.mappingName })
  const ctx = mapperContext(db, opts.kabupaten, layout.mapping, layout.headers, layout.columns)

  const report: ImportReport = {
    file: opts.name,
    sha256,
    kind,
    dryRun,
    source: sourceName,
    kabupaten: opts.kabupaten,
    layout: {
      name: layout.name,
      headerRow: layout.headerRow,
      columns: (Object.entries(layout.columns) as [Field, number][]).map(([field, i]) => ({ field, header: layout.headers[i] })),
      unmappedHeaders: unmappedHeaders(layout),
    },
    rows: { read: 0, empty: 0, summary: 0, accepted: 0, rejected: 0, withWarnings: 0 },
    stored: { inserted: 0, updated: 0, unchanged: 0, quarantined: 0, events: 0 },
    fileWarnings: notes, // the same array: notes the reader adds while reading appear here
    issues: [],
    issuesOmitted: 0,
    preview: [],
    stoppedAt: null,
    ms: 0,
    rowsPerSecond: 0,
  }
  const addIssue = (i: RowIssue) => {
    if (report.issues.length < maxIssues) report.issues.push(i)
    else report.issuesOmitted++
  }

  let runId: number | null = null
  let ingester: Ingester | null = null
  const commitSource = () => {
    source ??= saveSource(db, { name: sourceName, kind: 'file', kabupaten: opts.kabupaten }, now)
    // The run row of a file import: its counters move with each batch, like a sync page's (cursor_from holds
    // the file name, since a file has no cursor).
    runId ??= beginRun(db, source.id, opts.trigger ?? 'manual', opts.name, now)
    ingester ??= new Ingester(db, source)
    return ingester
  }
  const store = (items: IngestItem[]): IngestCounts => {
    if (!dryRun) return commitSource().ingest(items, { runId, bus: opts.bus, now })
    // Preview: the source may not exist yet; make it inside a transaction that is rolled back with everything.
    try {
      return db.transaction(() => {
        const s = source ?? saveSource(db, { name: sourceName, kind: 'file', kabupaten: opts.kabupaten }, now)
        throw new Rollback(new Ingester(db, s).ingest(items, { dryRun: true, now }))
      }).immediate()
    } catch (err) {
      if (err instanceof Rollback) return err.counts
      throw err
    }
  }

  const seen = new Map<string, number>()
  const rejectedRows = new Set<number>()
  let batch: IngestItem[] = []
  let stored = false
  const flush = () => {
    if (!batch.length) return
    const c = store(batch)
    stored = true
    report.stored.inserted += c.inserted
    report.stored.updated += c.updated
    report.stored.unchanged += c.unchanged
    report.stored.events += c.events
    // Rows the mapper rejected were sent as errors and come back here too; only the others are new problems.
    for (const p of c.problems) {
      const row = Number(/^baris (\d+)/.exec(p.ref ?? '')?.[1] ?? 0)
      if (rejectedRows.has(row)) continue
      report.rows.accepted--
      report.rows.rejected++
      addIssue({ row, column: null, field: null, value: p.tracking_id, reason: p.reason, severity: 'error' })
    }
    report.stored.quarantined += c.quarantined
    batch = []
    opts.onProgress?.({ rows: report.rows.read, accepted: report.rows.accepted, rejected: report.rows.rejected })
  }

  const handle = (r: SheetRow) => {
    if (r.row <= layout.headerRow) return
    report.rows.read++
    if (r.cells.every((c) => cellText(c) === '')) {
      report.rows.empty++
      return
    }
    if (isSummaryRow(r.cells)) {
      report.rows.summary++
      return
    }
    const ref = `baris ${r.row}`
    const mapped = mapRow(ctx, r.row, r.cells)
    for (const i of mapped.issues) addIssue(i)
    if (!mapped.ok) {
      report.rows.rejected++
      rejectedRows.add(r.row)
      const reason = mapped.issues.filter((i) => i.severity === 'error').map((i) => `${i.column ?? i.field}: ${i.reason}`).join('; ')
      const tracking = layout.columns.tracking_id !== undefined ? cellText(r.cells[layout.columns.tracking_id] ?? null) : ''
      batch.push({ error: `${ref}: ${reason}`, raw: rawRow(layout, r.cells), ref, tracking_id: tracking || undefined })
    } else {
      const rec = mapped.record
      report.rows.accepted++
      if (mapped.issues.length) report.rows.withWarnings++
      const dup = seen.get(rec.tracking_id)
      if (dup !== undefined) {
        addIssue({ row: r.row, column: null, field: 'tracking_id', value: rec.tracking_id, reason: `ID tracking sama dengan baris ${dup}; versi yang lebih baru yang dipakai`, severity: 'warning' })
      } else seen.set(rec.tracking_id, r.row)
      if (report.preview.length < previewRows) {
        report.preview.push({
          row: r.row,
          tracking_id: rec.tracking_id,
          submitted_at: rec.submitted_at,
          judul: rec.judul,
          status: rec.status ?? '',
          status_raw: rec.status_raw,
          channel: rec.channel,
          kecamatan: rec.location?.kecamatan_kode ?? null,
          desa: rec.location?.desa_kode ?? null,
          unit: rec.unit ?? null,
          kategori: rec.kategori ?? null,
          is_anonim: rec.is_anonim,
          is_rahasia: rec.is_rahasia,
          hasReporter: !!rec.reporter,
        })
      }
      batch.push({ record: rec, raw: new LazyRaw(layout, r.cells), ref })
    }
    if (batch.length >= batchSize) flush()
  }

  try {
    for (const r of first) handle(r)
    for (let n = await rows.next(); !n.done; n = await rows.next()) {
      handle(n.value)
      // Between batches: an app that opened the store in the moment before a first load checked, and has now said
      // so, may read; the indexes come back now rather than at the end.
      if (stored && firstLoad) {
        stored = false
        if (await firstLoad.yieldToOthers()) firstLoad = null
      }
    }
    flush()
  } catch (err) {
    if (!(err instanceof FileReadError)) {
      // Not the file's fault (the store refused, a bug): the run is closed as failed, never left 'running'.
      if (runId !== null) finishRun(db, runId, { status: 'failed', error: err instanceof Error ? err.message : String(err), retries: 0, pushed: 0 })
      throw err
    }
    // What was read before the damage is kept (it is idempotent to import again); the report says where it stopped.
    flush()
    report.stoppedAt = { row: report.rows.read + layout.headerRow, reason: err.message }
  }

  // The preview names places and units as officials know them, not by code.
  const kecNama = db.prepare('SELECT nama FROM kecamatan WHERE kode = ?').pluck()
  const desaNama = db.prepare('SELECT nama FROM desa WHERE kode = ?').pluck()
  const unitNama = db.prepare('SELECT nama FROM unit WHERE kode = ?').pluck()
  const katNama = db.prepare('SELECT nama FROM category WHERE kode = ?').pluck()
  for (const p of report.preview) {
    p.kecamatan = p.kecamatan && ((kecNama.get(p.kecamatan) as string | undefined) ?? p.kecamatan)
    p.desa = p.desa && ((desaNama.get(p.desa) as string | undefined) ?? p.desa)
    p.unit = p.unit && ((unitNama.get(p.unit) as string | undefined) ?? p.unit)
    p.kategori = p.kategori && ((katNama.get(p.kategori) as string | undefined) ?? p.kategori)
  }

  report.ms = Math.round(performance.now() - started)
  report.rowsPerSecond = Math.round((report.rows.read / Math.max(1, report.ms)) * 1000)
  if (!dryRun) {
    commitSource() // an import of a file without data rows is still on record
    const s = source!
    db.transaction(() => {
      finishRun(db, runId!, { status: report.stoppedAt ? 'failed' : 'ok', error: report.stoppedAt?.reason ?? null, retries: 0, pushed: 0 })
      const { preview: _preview, ...kept } = report
      db.prepare(
        `INSERT INTO import_file (run_id, source_id, file_name, file_sha256, layout, rows, accepted, rejected, report_json, imported_by, imported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(runId, s.id, opts.name, sha256, layout.name, report.rows.read, report.rows.accepted, report.rows.rejected, JSON.stringify(kept), opts.user.username, now)
      appendAudit(
        db,
        opts.user,
        {
          action: 'import.file',
          entity: 'sync_source',
          entityId: sourceName,
          after: { file: opts.name, sha256, layout: layout.name, rows: report.rows, stored: report.stored },
        },
        now,
      )
    }).immediate()
  }
  return report
}

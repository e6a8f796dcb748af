// One export from request to file, used by the background jobs (API) and the CLI alike. The file is written
// under a temporary name beside the target and renamed at the end, so a cancelled or failed export never
// leaves a half-written file under the name the user chose (or overwrites a good one there).
import { createWriteStream } from 'node:fs'
import { rename, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Db } from '../store/open.ts'
import type { Role } from '#shared/domain.ts'
import { queueDoc } from './queue.ts'
import type { QueueTotals } from '../queue/request.ts'
import { kpiDoc } from './kpi.ts'
import { recapDoc } from './recap.ts'
import { auditDoc } from './audit.ts'
import { writeXlsx } from './xlsx.ts'
import { writeCsv } from './csv.ts'
import { throwIfCancelled, type ExportDoc, type WriteOptions } from './table.ts'
import { auditHead as readAuditHead, auditHeadLine } from '#main/audit/head.ts'
import type { ExportFormatOptions, ExportRequest } from './request.ts'

export type ExportContext = {
  /** The main connection: validation, counts, KPI tables. */
  db: Db
  /** A connection of its own for streaming a queue's rows (null: read them from db at once). */
  reader: Db | null
  role: Role
  now: number
  username: string
  /** Who asks, for what only some may read (the audit log of a profile limited to some kabupaten); the CLI: null. */
  user?: { username: string; kabupaten: readonly string[] | null } | null
  /** A queue's counts read beforehand, off the app's thread (queue.ts queueExportTotals). */
  totals?: QueueTotals | null
}

/** Checks the request against the store (unknown kabupaten …) and prepares the rows; throws a clear error. */
export function buildDoc(ctx: ExportContext, request: ExportRequest): ExportDoc {
  // Read before the document: the head printed is the log as it stood when the rows were read.
  const auditHead = auditHeadLine(readAuditHead(ctx.db))
  return { ...docFor(ctx, request), auditHead }
}

function docFor(ctx: ExportContext, request: ExportRequest): ExportDoc {
  switch (request.kind) {
    case 'queue':
      return queueDoc(ctx, request)
    case 'kpi':
      return kpiDoc(ctx, request)
    case 'recap':
      return recapDoc(ctx, request)
    case 'audit':
      return auditDoc(ctx, request)
  }
}

/** `shownAs`: the name the user knows a temporary file by (serve mode's downloads), for the message if it fails. */
export async function writeDoc(doc: ExportDoc, format: ExportFormatOptions, file: string, opts: WriteOptions & { shownAs?: string } = {}): Promise<{ rows: number; bytes: number }> {
  const partial = `${file}.part`
  const out = createWriteStream(partial)
  try {
    const rows = format.format === 'xlsx' ? await writeXlsx(doc, out, opts) : await writeCsv(doc, out, format.delimiter, opts)
    // Cancelled after the last pause (a short export, a workspace closing): no file, as the user asked.
    throwIfCancelled(opts.signal)
    await rename(partial, file)
    return { rows, bytes: (await stat(file)).size }
  } catch (err) {
    // Closed before it is removed: on Windows a file deleted while still open stays in its folder until closed.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()).destroy())
    await rm(partial, { force: true })
    throw isFileError(err) ? new Error(fileProblem(err, file, opts.shownAs)) : err
  }
}

function isFileError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string'
}

/** What went wrong with the file, in the words of someone saving one (the job's error, the CLI's message). A
 *  temporary file (`shownAs`) is named as the user knows it: its folder on the server is none of theirs. */
function fileProblem(err: NodeJS.ErrnoException, file: string, shownAs?: string): string {
  const where = shownAs === undefined ? `Berkas ekspor ${file} tidak dapat ditulis` : `Berkas ekspor ${shownAs} tidak dapat ditulis di folder sementara server`
  const folder = shownAs === undefined ? `folder ${dirname(file)}` : 'folder itu'
  switch (err.code) {
    case 'ENOENT':
      return `${where}: ${folder} tidak ada (lagi)`
    case 'ENOSPC':
    case 'EDQUOT':
      return `${where}: disk penuh`
    case 'EACCES':
    case 'EPERM':
      return `${where}: tidak ada izin menulis di ${folder}`
    case 'EROFS':
      return `${where}: disk hanya dapat dibaca`
    default:
      return `${where} (${err.code ?? err.message})`
  }
}

export const EXTENSION = { xlsx: 'xlsx', csv: 'csv' } as const
export const CONTENT_TYPE = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const

/** "tanggap-antrean-verifikasi-64.08-2026-11-23.xlsx": what the file is, for which kabupaten, as of when. */
export function suggestedFileName(request: ExportRequest, format: ExportFormatOptions['format'], today: string): string {
  const what =
    request.kind === 'queue'
      ? `antrean-${request.queue}`
      : request.kind === 'audit'
        ? 'log-audit'
        : request.kind === 'kpi'
        ? `kinerja-${request.period.from}_${request.period.to}`
        : `rekap-${request.period.from.slice(0, 7) === request.period.to.slice(0, 7) ? request.period.from.slice(0, 7) : `${request.period.from}_${request.period.to}`}`
  return `tanggap-${what}-${request.kabupaten}-${today}.${EXTENSION[format]}`
}

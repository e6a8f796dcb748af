// Exports as background jobs: started by an API call, written while the app goes on answering (rows stream
// from a reader connection of their own, in chunks with pauses), watched by progress, cancellable, and then
// either saved where the desktop user chose or kept in a temporary folder for serve mode's download route.
// A job belongs to the profile that started it: only that profile sees, cancels or downloads it.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import { openReader } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appendAudit } from '../audit/log.ts'
import { maySeeIdentity } from '../privacy/mask.ts'
import { buildDoc, suggestedFileName, writeDoc } from './run.ts'
import { ExportCancelled, localDate, totalRows } from './table.ts'
import type { ExportFormatOptions, ExportRequest } from './request.ts'
import type { Role } from '#shared/domain.ts'
import type { QueueTotals } from '../queue/request.ts'

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled'

export type ExportJobState = {
  id: string
  status: JobStatus
  fileName: string
  format: ExportFormatOptions['format']
  rowsDone: number
  /** Null when not known beforehand. */
  rowsTotal: number | null
  bytes: number | null
  startedAt: number
  finishedAt: number | null
  error: string | null
  /** Desktop: the path the user chose. Serve mode: null, the file is fetched from `downloadPath`. */
  savedTo: string | null
  /** Serve mode, once done: the HTTP path of the file (see server/export-download.ts). */
  downloadPath: string | null
}

type Job = {
  state: ExportJobState
  userId: number
  role: Role
  file: string
  isTemporary: boolean
  controller: AbortController
  /** Settles when the file is written, thrown away or failed, and the reader is closed. */
  ended: Promise<void>
  /** Called once on the next change (watchers re-register). */
  waiting: Set<() => void>
}

/** Two cores are shared by everyone on the machine: more parallel exports would only slow each other down. */
export const MAX_RUNNING = 2
/** A finished job's state (and a downloadable file) is kept this long. */
export const KEEP_MS = 60 * 60_000
/** Progress is announced at most this often. */
const NOTIFY_MS = 200

export type StartExport = {
  user: SessionUser
  request: ExportRequest
  format: ExportFormatOptions
  /** Desktop: the chosen path. Without it the file goes to a temporary folder for download. */
  destination?: string
  now?: number
  /** A queue export's counts, read beforehand at `now` (api/routers/export.ts reads them off the app's thread). */
  totals?: QueueTotals | null
}

export type ExportJobs = ReturnType<typeof createJobs>

function createJobs(db: Db) {
  const jobs = new Map<string, Job>()
  let tempDir: string | null = null

  const notify = (job: Job) => {
    const waiting = [...job.waiting]
    job.waiting.clear()
    for (const wake of waiting) wake()
  }

  const own = (id: string, user: SessionUser | null): Job => {
    const job = jobs.get(id)
    // Someone else's job is "not found", not "forbidden": its existence is not theirs to know.
    if (!job || !user || job.userId !== user.id) throw new DomainError('NOT_FOUND', `Ekspor ${id} tidak ditemukan`)
    return job
  }

  const forget = (job: Job) => {
    jobs.delete(job.state.id)
    if (job.isTemporary) rmSync(job.file, { force: true })
  }

  const finish = (job: Job, status: JobStatus, patch: Partial<ExportJobState> = {}) => {
    Object.assign(job.state, patch, { status, finishedAt: Date.now() })
    if (status === 'done' && job.isTemporary) job.state.downloadPath = `/export/${job.state.id}`
    notify(job)
    setTimeout(() => forget(job), KEEP_MS).unref()
  }

  return {
    /** Validates the request against the store (a clear error if it cannot be done), then runs it in the background. */
    start(opts: StartExport): ExportJobState {
      const running = [...jobs.values()].filter((j) => j.state.status === 'running').length
      if (running >= MAX_RUNNING) {
        throw new DomainError('BUSY', `Sudah ${running} ekspor berjalan; tunggu salah satunya selesai atau batalkan`)
      }
      const now = opts.now ?? Date.now()
      const isTemporary = opts.destination === undefined
      // Made again when gone: a cleaner of /tmp (systemd-tmpfiles) may remove it under a server that runs for weeks.
      if (isTemporary && (tempDir === null || !existsSync(tempDir))) tempDir = temporaryDir()
      const reader = opts.request.kind === 'queue' ? openReader(db) : null
      // The reader only streams rows in order: a small page cache keeps the export's memory flat.
      reader?.pragma('cache_size = -8192')
      let doc
      try {
        doc = buildDoc({ db, reader, role: opts.user.role, now, username: `${opts.user.nama} (${opts.user.username})`, user: opts.user, totals: opts.totals }, opts.request)
      } catch (err) {
        reader?.close()
        throw err
      }
      const id = randomUUID()
      const offset = doc.utcOffsetMinutes
      const fileName = suggestedFileName(opts.request, opts.format.format, localDate(now, offset))
      const job: Job = {
        state: {
          id,
          status: 'running',
          fileName,
          format: opts.format.format,
          rowsDone: 0,
          rowsTotal: totalRows(doc) ?? null,
          bytes: null,
          startedAt: now,
          finishedAt: null,
          error: null,
          savedTo: opts.destination ?? null,
          downloadPath: null,
        },
        userId: opts.user.id,
        role: opts.user.role,
        file: opts.destination ?? join(tempDir!, `${id}-${fileName}`),
        isTemporary,
        controller: new AbortController(),
        ended: Promise.resolve(),
        waiting: new Set(),
      }
      jobs.set(id, job)
      // Who took which personal data out of the app, and when (UU 27/2022): the audit log records every export.
      appendAudit(db, opts.user, {
        action: 'export',
        entity: 'export',
        entityId: id,
        after: { request: opts.request, format: opts.format.format, rows: job.state.rowsTotal, hasIdentity: opts.request.kind === 'queue' && maySeeIdentity(opts.user.role) },
      })

      let lastNotice = 0
      const onProgress = (rows: number) => {
        job.state.rowsDone = rows
        if (Date.now() - lastNotice < NOTIFY_MS) return
        lastNotice = Date.now()
        notify(job)
      }
      job.ended = writeDoc(doc, opts.format, job.file, { signal: job.controller.signal, onProgress, sharesThread: true, shownAs: isTemporary ? fileName : undefined })
        .then(({ rows, bytes }) => finish(job, 'done', { rowsDone: rows, rowsTotal: rows, bytes }))
        .catch((err: unknown) =>
          err instanceof ExportCancelled ? finish(job, 'cancelled') : finish(job, 'failed', { error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => reader?.close())
      return { ...job.state }
    },

    get(id: string, user: SessionUser | null): ExportJobState {
      return { ...own(id, user).state }
    },

    cancel(id: string, user: SessionUser | null): ExportJobState {
      const job = own(id, user)
      if (job.state.status === 'running') {
        job.controller.abort()
        if (user) appendAudit(db, user, { action: 'export.cancel', entity: 'export', entityId: id })
      }
      return { ...job.state }
    },

    /** The job's state now and at every change, until it has finished (or the caller stops listening). */
    async *watch(id: string, user: SessionUser | null, signal?: AbortSignal): AsyncGenerator<ExportJobState> {
      const job = own(id, user)
      while (!signal?.aborted) {
        yield { ...job.state }
        if (job.state.status !== 'running') return
        await new Promise<void>((resolve) => {
          job.waiting.add(resolve)
          signal?.addEventListener('abort', () => resolve(), { once: true })
        })
      }
    },

    /** A finished serve-mode file, for its owner whose role is still the one it was made for. */
    download(id: string, user: SessionUser | null): { path: string; fileName: string; format: ExportFormatOptions['format'] } | null {
      const job = jobs.get(id)
      if (!job || !user || job.userId !== user.id || user.role !== job.role) return null
      if (job.state.status !== 'done' || !job.isTemporary) return null
      return { path: job.file, fileName: job.state.fileName, format: job.state.format }
    },

    /** Stops every running job and, once each has put its file away, removes the temporary folder (the
     *  workspace is closing). Removed any sooner, a job's file could still be opening in it. */
    async close(): Promise<void> {
      for (const job of jobs.values()) job.controller.abort()
      const dir = tempDir
      tempDir = null
      await Promise.all([...jobs.values()].map((j) => j.ended))
      if (dir) removeTemporaryDir(dir)
    },
  }
}

// Serve-mode files wait in temporary folders until downloaded and expired; whatever is left goes when the
// process ends (one listener for all stores).
const temporaryDirs = new Set<string>()
let hasExitHook = false

function temporaryDir(): string {
  if (!hasExitHook) process.once('exit', () => [...temporaryDirs].forEach(removeTemporaryDir))
  hasExitHook = true
  let dir
  try {
    dir = mkdtempSync(join(tmpdir(), 'tanggap-export-'))
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message
    throw new DomainError('PRECONDITION', `Folder sementara ekspor di server tidak dapat dibuat di ${tmpdir()} (${code}): periksa ruang disk dan izinnya`)
  }
  temporaryDirs.add(dir)
  return dir
}

function removeTemporaryDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  temporaryDirs.delete(dir)
}

const registries = new WeakMap<Db, ExportJobs>()

/** The jobs of one open store (the desktop app can switch stores; each keeps its own). */
export function exportJobs(db: Db): ExportJobs {
  let jobs = registries.get(db)
  if (!jobs) registries.set(db, (jobs = createJobs(db)))
  return jobs
}

// The history of sync runs (sync_run): one row per run, opened before the first request and closed with its
// outcome. A run left 'running' by a process that died (kill -9, power cut) is recognised and closed as
// 'interrupted' when the next run starts; its counters are exact, since they moved with each committed page.
import { hostname } from 'node:os'
import type { Db } from '../store/open.ts'

export type RunStatus = 'running' | 'ok' | 'failed' | 'interrupted' | 'cancelled'
export type RunTrigger = 'manual' | 'schedule' | 'cli' | 'test'

export type RunRow = {
  id: number
  source_id: number
  trigger: RunTrigger
  status: RunStatus
  started_at: number
  heartbeat_at: number
  finished_at: number | null
  owner: string | null
  cursor_from: string | null
  cursor_to: string | null
  error: string | null
} & RunCounts

/** The counters a run keeps as it goes; its row, its progress and its summary all carry them. */
export type RunCounts = {
  pages: number
  fetched: number
  inserted: number
  updated: number
  unchanged: number
  quarantined: number
  retries: number
  pushed: number
}

/** A run whose process stopped sending heartbeats this long ago is dead, even on another machine. */
export const STALE_MS = 2 * 60_000
const OWNER = `${hostname()}:${process.pid}`

function isAlive(owner: string | null): boolean | null {
  if (!owner) return null
  const [host, pid] = [owner.slice(0, owner.lastIndexOf(':')), Number(owner.slice(owner.lastIndexOf(':') + 1))]
  if (host !== hostname()) return null
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class RunBusyError extends Error {}

/** Opens a run for the source, closing runs of dead processes first; refuses if one is really running. */
export function beginRun(db: Db, sourceId: number, trigger: RunTrigger, cursor: string | null, now = Date.now()): number {
  return db.transaction(() => {
    const open = db.prepare("SELECT id, owner, heartbeat_at FROM sync_run WHERE source_id = ? AND status = 'running'").all(sourceId) as Pick<RunRow, 'id' | 'owner' | 'heartbeat_at'>[]
    for (const r of open) {
      const alive = isAlive(r.owner)
      if (alive === true || (alive === null && now - r.heartbeat_at < STALE_MS)) throw new RunBusyError(`sinkronisasi #${r.id} sumber ini masih berjalan`)
      db.prepare("UPDATE sync_run SET status = 'interrupted', finished_at = heartbeat_at, error = ? WHERE id = ?").run(
        'proses berhenti mendadak (dihentikan paksa, listrik padam, atau aplikasi ditutup); data sampai halaman terakhir yang tersimpan tetap utuh',
        r.id,
      )
    }
    return Number(
      db
        .prepare("INSERT INTO sync_run (source_id, trigger, status, started_at, heartbeat_at, owner, cursor_from) VALUES (?, ?, 'running', ?, ?, ?, ?)")
        .run(sourceId, trigger, now, now, OWNER, cursor).lastInsertRowid,
    )
  }).immediate()
}

export function heartbeat(db: Db, runId: number, now = Date.now()): void {
  db.prepare('UPDATE sync_run SET heartbeat_at = ? WHERE id = ?').run(now, runId)
}

export function finishRun(db: Db, runId: number, outcome: { status: Exclude<RunStatus, 'running'>; error?: string | null; retries: number; pushed: number }, now = Date.now()): RunRow {
  db.prepare('UPDATE sync_run SET status = ?, error = ?, retries = ?, pushed = ?, finished_at = ?, heartbeat_at = ?, cursor_to = (SELECT cursor FROM sync_source WHERE id = sync_run.source_id) WHERE id = ?').run(
    outcome.status,
    outcome.error ?? null,
    outcome.retries,
    outcome.pushed,
    now,
    now,
    runId,
  )
  return db.prepare('SELECT * FROM sync_run WHERE id = ?').get(runId) as RunRow
}

export function listRuns(db: Db, opts: { sourceId?: number; limit?: number } = {}): RunRow[] {
  return db
    .prepare(`SELECT * FROM sync_run ${opts.sourceId ? 'WHERE source_id = @source' : ''} ORDER BY id DESC LIMIT @limit`)
    .all(opts.sourceId ? { source: opts.sourceId, limit: opts.limit ?? 50 } : { limit: opts.limit ?? 50 }) as RunRow[]
}

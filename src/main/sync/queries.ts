// What the Sinkronisasi screen reads: sources with their state, runs, the quarantine, the write-back outbox.
// Secrets never leave (only whether a token is set); quarantined payloads are personal data, redacted by role.
import type { Db } from '../store/open.ts'
import { maskPersonalNumbers, maySeeIdentity } from '../privacy/mask.ts'
import { redactPayload } from '../privacy/payload.ts'
import type { Role } from '#shared/domain.ts'
import { listRuns, type RunRow } from './runs.ts'
import { listSources } from './sources.ts'

export type SourceView = {
  id: number
  name: string
  kind: string
  kabupaten: string
  baseUrl: string | null
  pageSize: number | null
  hasToken: boolean
  scheduleMinutes: number | null
  isWriteback: boolean
  isEnabled: boolean
  lastSyncedAt: number | null
  lastRun: RunRow | null
  lastOkAt: number | null
  complaints: number
  quarantineOpen: number
  outbox: { pending: number; conflict: number; failed: number; sent: number }
}

export function sourceViews(db: Db, kabupaten?: string): SourceView[] {
  const count = (sql: string, id: number) => db.prepare(sql).pluck().get(id) as number
  return listSources(db)
    .filter((s) => !kabupaten || s.kabupaten_kode === kabupaten)
    .map((s) => {
      const config = JSON.parse(s.config_json) as { baseUrl?: string; pageSize?: number }
      const outbox = Object.fromEntries(
        (db.prepare('SELECT state, count(*) AS n FROM sync_outbox WHERE source_id = ? GROUP BY state').all(s.id) as { state: string; n: number }[]).map((r) => [r.state, r.n]),
      )
      return {
        id: s.id,
        name: s.name,
        kind: s.kind,
        kabupaten: s.kabupaten_kode,
        baseUrl: typeof config.baseUrl === 'string' ? config.baseUrl : null,
        pageSize: typeof config.pageSize === 'number' ? config.pageSize : null,
        hasToken: s.has_token === 1,
        scheduleMinutes: s.schedule_minutes,
        isWriteback: s.is_writeback === 1,
        isEnabled: s.is_enabled === 1,
        lastSyncedAt: s.last_synced_at,
        lastRun: listRuns(db, { sourceId: s.id, limit: 1 })[0] ?? null,
        lastOkAt: db.prepare("SELECT max(finished_at) FROM sync_run WHERE source_id = ? AND status = 'ok'").pluck().get(s.id) as number | null,
        complaints: count('SELECT count(*) FROM complaint WHERE source = (SELECT name FROM sync_source WHERE id = ?)', s.id),
        quarantineOpen: count('SELECT count(*) FROM sync_quarantine WHERE source_id = ? AND resolved_at IS NULL', s.id),
        outbox: { pending: outbox.pending ?? 0, conflict: outbox.conflict ?? 0, failed: outbox.failed ?? 0, sent: outbox.sent ?? 0 },
      }
    })
}

export type RunView = RunRow & { source: string }

export function runViews(db: Db, opts: { kabupaten?: string; sourceId?: number; limit: number }): RunView[] {
  return db
    .prepare(
      `SELECT r.*, s.name AS source FROM sync_run r JOIN sync_source s ON s.id = r.source_id
       WHERE (@kab IS NULL OR s.kabupaten_kode = @kab) AND (@source IS NULL OR r.source_id = @source) ORDER BY r.id DESC LIMIT @limit`,
    )
    .all({ kab: opts.kabupaten ?? null, source: opts.sourceId ?? null, limit: opts.limit }) as RunView[]
}

export type QuarantineView = {
  id: number
  source: string
  tracking_id: string | null
  ref: string | null
  reason: string
  first_seen_at: number
  last_seen_at: number
  seen_count: number
  resolved_at: number | null
  run_id: number | null
  bytes: number
}

export function quarantineViews(db: Db, opts: { kabupaten?: string; sourceId?: number; includeResolved: boolean; limit: number; offset: number }) {
  const where = `WHERE (@kab IS NULL OR s.kabupaten_kode = @kab) AND (@source IS NULL OR q.source_id = @source) AND (@all = 1 OR q.resolved_at IS NULL)`
  const params = { kab: opts.kabupaten ?? null, source: opts.sourceId ?? null, all: opts.includeResolved ? 1 : 0 }
  const from = 'FROM sync_quarantine q JOIN sync_source s ON s.id = q.source_id'
  return {
    // sql-vetted: from and where are constant texts with @parameters
    total: db.prepare(`SELECT count(*) ${from} ${where}`).pluck().get(params) as number,
    // sql-vetted: from and where are constant texts with @parameters
    rows: db
      .prepare(
        `SELECT q.id, s.name AS source, q.tracking_id, q.ref, q.reason, q.first_seen_at, q.last_seen_at, q.seen_count, q.resolved_at, q.run_id,
           length(q.raw_json) AS bytes ${from} ${where} ORDER BY q.resolved_at IS NOT NULL, q.last_seen_at DESC, q.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: opts.limit, offset: opts.offset }) as QuarantineView[],
  }
}

/** The payload as received, pretty-printed, with identity hidden where the role or an anonim flag requires: by
 *  structure, at any depth and under any spelling of the keys (privacy/payload.ts). */
export function quarantineRaw(db: Db, id: number, role: Role): { id: number; raw: string; redacted: boolean } | null {
  const row = db.prepare('SELECT raw_json FROM sync_quarantine WHERE id = ?').get(id) as { raw_json: string } | undefined
  if (!row) return null
  let value: unknown
  try {
    value = JSON.parse(row.raw_json)
  } catch {
    // Not even JSON: we cannot tell whether it is anonim, so personal numbers are masked for everyone.
    return { id, raw: maskPersonalNumbers(row.raw_json), redacted: true }
  }
  const out = redactPayload(value, { identity: maySeeIdentity(role) })
  return { id, raw: JSON.stringify(out.value, null, 2), redacted: out.redacted }
}

export type OutboxView = {
  id: number
  source: string
  complaint_id: number
  tracking_id: string
  kind: string
  to_status: string | null
  unit_nama: string | null
  actor: string
  created_at: number
  state: string
  attempts: number
  next_attempt_at: number
  last_error: string | null
  sent_at: number | null
}

export function outboxViews(db: Db, opts: { kabupaten?: string; states: string[]; limit: number }): OutboxView[] {
  return db
    .prepare(
      `SELECT o.id, s.name AS source, o.complaint_id, c.tracking_id, e.kind, e.to_status, u.nama AS unit_nama, e.actor, o.created_at, o.state,
         o.attempts, o.next_attempt_at, o.last_error, o.sent_at
       FROM sync_outbox o JOIN sync_source s ON s.id = o.source_id JOIN complaint c ON c.id = o.complaint_id JOIN complaint_event e ON e.id = o.event_id
       LEFT JOIN unit u ON u.id = e.to_unit_id
       WHERE (@kab IS NULL OR s.kabupaten_kode = @kab) AND o.state IN (SELECT value FROM json_each(@states))
       ORDER BY o.id DESC LIMIT @limit`,
    )
    .all({ kab: opts.kabupaten ?? null, states: JSON.stringify(opts.states), limit: opts.limit }) as OutboxView[]
}

// Write-back: local actions on complaints of a write-back source go upstream. The outbox row is made by a trigger
// in the action's own transaction (0006_sync.sql), so an action cannot be lost between acting and queueing; each
// row carries a client-generated id the upstream deduplicates on, so a push repeated after a crash or a lost
// answer is applied once. A row whose complaint changed upstream since the official acted becomes a conflict for
// a person to decide (force or discard), never a silent overwrite.
import type { Db } from '../store/open.ts'
import type { WriteAction } from './connectors/lapor-json/contract.ts'
import type { Connector, PullContext } from './connector.ts'
import { UpstreamError } from './http.ts'
import type { SourceRow } from './sources.ts'

export type OutboxAction = {
  outboxId: number
  clientId: string
  trackingId: string
  baseVersion: number | null
  action: WriteAction
  /** Upstream id of the target unit (disposition). */
  unitRef: string | null
  reason: string | null
  content: string | null
  actor: string
  at: number
}

export type PushOutcome =
  | { kind: 'sent'; version: number; duplicate: boolean; response: unknown }
  | { kind: 'conflict'; currentVersion: number | null; message: string }
  | { kind: 'rejected'; message: string }

export type PushSummary = { sent: number; conflicts: number; failed: number; waiting: number }

type Row = {
  id: number
  client_id: string
  complaint_id: number
  base_version: number | null
  attempts: number
  kind: string
  to_status: string | null
  to_unit_id: number | null
  reason: string | null
  body: string | null
  actor: string
  at: number
  tracking_id: string
  unit_upstream: string | null
  unit_nama: string | null
}

/** The upstream action a local history entry stands for, or why it has none. */
export function actionOf(r: Row): { action: WriteAction } | { error: string } {
  switch (r.kind) {
    case 'disposition':
      return r.unit_upstream ? { action: 'disposition' } : { error: `unit ${r.unit_nama ?? r.to_unit_id} belum dipetakan ke unit hulu` }
    case 'note':
      return { action: 'note' }
    case 'tindak_lanjut':
      return { action: 'tindak_lanjut' }
    case 'status':
      switch (r.to_status) {
        case 'belum_ditindaklanjuti':
          return { action: 'verify' }
        case 'tunda':
        case 'bukan_wewenang':
        case 'arsip':
          return { action: r.to_status }
      }
      return { error: `perubahan status ke ${r.to_status} tidak dikirim ke hulu` }
  }
  return { error: `riwayat jenis ${r.kind} tidak dikirim ke hulu` }
}

/** Retry later, more slowly each time: 1, 2, 4 … up to 60 minutes. */
const retryDelay = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000

export async function pushOutbox(db: Db, source: SourceRow, connector: Connector, ctx: PullContext, now = Date.now()): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, conflicts: 0, failed: 0, waiting: 0 }
  const rows = db
    .prepare(
      `SELECT o.id, o.client_id, o.complaint_id, o.base_version, o.attempts, o.state, o.next_attempt_at, e.kind, e.to_status, e.to_unit_id, e.reason, e.body, e.actor, e.at,
              c.tracking_id, u.upstream_id AS unit_upstream, u.nama AS unit_nama
       FROM sync_outbox o JOIN complaint_event e ON e.id = o.event_id JOIN complaint c ON c.id = o.complaint_id
       LEFT JOIN unit u ON u.id = e.to_unit_id
       WHERE o.source_id = ? AND o.state IN ('pending', 'conflict') ORDER BY o.id`,
    )
    .all(source.id) as (Row & { state: 'pending' | 'conflict'; next_attempt_at: number })[]
  // Actions on one complaint go in order: one that waits (retry later, conflict) holds back those after it.
  const blocked = new Set<number>()
  const mark = db.prepare('UPDATE sync_outbox SET state = ?, last_error = ?, response_json = ?, sent_at = ?, attempts = attempts + 1 WHERE id = ?')
  for (const r of rows) {
    if (r.state === 'conflict' || blocked.has(r.complaint_id) || r.next_attempt_at > now) {
      blocked.add(r.complaint_id)
      if (r.state === 'pending') summary.waiting++
      continue
    }
    const what = actionOf(r)
    if ('error' in what) {
      mark.run('failed', what.error, null, null, r.id)
      summary.failed++
      continue
    }
    let outcome: PushOutcome
    try {
      outcome = await connector.push!(
        {
          outboxId: r.id,
          clientId: r.client_id,
          trackingId: r.tracking_id,
          baseVersion: r.base_version,
          action: what.action,
          unitRef: r.unit_upstream,
          reason: r.reason,
          content: r.body,
          actor: r.actor,
          at: r.at,
        },
        ctx,
      )
    } catch (e) {
      if (!(e instanceof UpstreamError) || e.kind === 'aborted' || e.status === 401 || e.status === 403) throw e
      // The upstream is unreachable: this row waits, and so does everything after it (same outage).
      db.prepare('UPDATE sync_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?').run(now + retryDelay(r.attempts + 1), e.message, r.id)
      summary.waiting += rows.length - rows.indexOf(r)
      break
    }
    db.transaction(() => {
      if (outcome.kind === 'sent') {
        mark.run('sent', null, JSON.stringify(outcome.response), now, r.id)
        if (r.base_version !== null) {
          // The upstream moved from base to this version by our action alone (it checked base), so our copy is that
          // version too; later actions on it, queued against base, were made knowing this one.
          db.prepare('UPDATE complaint SET upstream_version = ? WHERE id = ? AND upstream_version = ?').run(outcome.version, r.complaint_id, r.base_version)
          db.prepare("UPDATE sync_outbox SET base_version = ? WHERE complaint_id = ? AND state = 'pending' AND base_version = ? AND id > ?").run(
            outcome.version,
            r.complaint_id,
            r.base_version,
            r.id,
          )
          for (const later of rows) {
            if (later.complaint_id === r.complaint_id && later.id > r.id && later.base_version === r.base_version) later.base_version = outcome.version
          }
        }
        summary.sent++
      } else if (outcome.kind === 'conflict') {
        mark.run('conflict', outcome.message, JSON.stringify({ current_version: outcome.currentVersion }), null, r.id)
        blocked.add(r.complaint_id)
        summary.conflicts++
      } else {
        mark.run('failed', outcome.message, null, null, r.id)
        summary.failed++
      }
    }).immediate()
  }
  return summary
}

/** A person's answer to a conflict: send anyway over the upstream's change, or drop the action upstream. */
export function resolveConflict(db: Db, outboxId: number, choice: 'force' | 'discard'): boolean {
  const res =
    choice === 'force'
      ? db.prepare("UPDATE sync_outbox SET state = 'pending', base_version = NULL, next_attempt_at = 0, last_error = NULL WHERE id = ? AND state IN ('conflict', 'failed')").run(outboxId)
      : db.prepare("UPDATE sync_outbox SET state = 'discarded' WHERE id = ? AND state IN ('conflict', 'failed', 'pending')").run(outboxId)
  return res.changes === 1
}

// Claim locks (0004_triage.sql): who is working on a complaint right now. A claim lasts 30 minutes from the last
// touch; the holder renews it by claiming again. Another operator is refused; a supervisor may take it over.
// A claim is always asked for (the Antrean's "Ambil" button), never taken by merely opening a complaint.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { can } from '#shared/roles.ts'
import { appendAudit } from '../audit/log.ts'

export const CLAIM_MS = 30 * 60_000

export type Claim = { complaint_id: number; user_id: number; nama: string; claimed_at: number; expires_at: number }

export function activeClaim(db: Db, complaintId: number, now = Date.now()): Claim | null {
  const row = db
    .prepare(
      `SELECT c.complaint_id, c.user_id, u.nama, c.claimed_at, c.expires_at FROM complaint_claim c JOIN app_user u ON u.id = c.user_id
       WHERE c.complaint_id = ? AND c.expires_at > ?`,
    )
    .get(complaintId, now) as Claim | undefined
  return row ?? null
}

/** A claim attempt's answer: the claim, or who holds it when someone else does (not an error: a normal answer). */
export type ClaimAttempt = { ok: true; claim: Claim } | { ok: false; heldBy: string; since: number; until: number }

/**
 * Claims (or renews one's own claim on) a complaint. Someone else's claim is an answer, not a failure: the screen
 * shows who holds it without the browser logging a refused request. Taking it over is refused below supervisor.
 */
export function tryClaim(db: Db, user: SessionUser, complaintId: number, opts: { takeover?: boolean } = {}, now = Date.now()): ClaimAttempt {
  return db.transaction((): ClaimAttempt => {
    if (!db.prepare('SELECT 1 FROM complaint WHERE id = ?').get(complaintId)) {
      throw new DomainError('NOT_FOUND', `Laporan ${complaintId} tidak ditemukan`)
    }
    const held = activeClaim(db, complaintId, now)
    if (held && held.user_id !== user.id) {
      if (!opts.takeover) return { ok: false, heldBy: held.nama, since: held.claimed_at, until: held.expires_at }
      if (!can(user.role, 'takeOverClaim')) {
        throw new DomainError('FORBIDDEN', `Peran ${user.role} tidak boleh mengambil alih klaim; perlu supervisor`)
      }
      appendAudit(db, user, { action: 'complaint.claim_takeover', entity: 'complaint', entityId: complaintId, before: { holder: held.nama }, after: { holder: user.nama } }, now)
    } else if (!held) {
      // A new claim (not the renewal of one's own, which the screen repeats while the complaint stays open).
      appendAudit(db, user, { action: 'complaint.claim', entity: 'complaint', entityId: complaintId, after: { holder: user.nama } }, now)
    }
    db.prepare('INSERT OR REPLACE INTO complaint_claim (complaint_id, user_id, claimed_at, expires_at) VALUES (?, ?, ?, ?)').run(
      complaintId,
      user.id,
      held && held.user_id === user.id ? held.claimed_at : now,
      now + CLAIM_MS,
    )
    return { ok: true, claim: activeClaim(db, complaintId, now)! }
  }).immediate()
}

/** tryClaim for callers that treat someone else's claim as a failure (CONFLICT). */
export function claim(db: Db, user: SessionUser, complaintId: number, opts: { takeover?: boolean } = {}, now = Date.now()): Claim {
  const attempt = tryClaim(db, user, complaintId, opts, now)
  if (!attempt.ok) throw new DomainError('CONFLICT', `Sedang ditangani ${attempt.heldBy}`)
  return attempt.claim
}

export function release(db: Db, user: SessionUser, complaintId: number): boolean {
  return db.transaction(() => {
    const released = db.prepare('DELETE FROM complaint_claim WHERE complaint_id = ? AND user_id = ?').run(complaintId, user.id).changes > 0
    if (released) appendAudit(db, user, { action: 'complaint.release', entity: 'complaint', entityId: complaintId })
    return released
  }).immediate()
}

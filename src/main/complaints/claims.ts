// Claim locks (0004_triage.sql): who is working on a complaint right now. A claim lasts 30 minutes from the last
// touch; the holder renews it by claiming again. Another operator is refused; a supervisor may take it over.
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

export function claim(db: Db, user: SessionUser, complaintId: number, opts: { takeover?: boolean } = {}, now = Date.now()): Claim {
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM complaint WHERE id = ?').get(complaintId)) {
      throw new DomainError('NOT_FOUND', `Laporan ${complaintId} tidak ditemukan`)
    }
    const held = activeClaim(db, complaintId, now)
    if (held && held.user_id !== user.id) {
      if (!opts.takeover) throw new DomainError('CONFLICT', `Sedang ditangani ${held.nama}`)
      if (!can(user.role, 'takeOverClaim')) {
        throw new DomainError('FORBIDDEN', `Peran ${user.role} tidak boleh mengambil alih klaim; perlu supervisor`)
      }
      appendAudit(db, user, { action: 'complaint.claim_takeover', entity: 'complaint', entityId: complaintId, before: { holder: held.nama }, after: { holder: user.nama } }, now)
    } else if (!held) {
      // A new claim (not the renewal of one's own, which the screen repeats while the complaint is open).
      appendAudit(db, user, { action: 'complaint.claim', entity: 'complaint', entityId: complaintId, after: { holder: user.nama } }, now)
    }
    db.prepare('INSERT OR REPLACE INTO complaint_claim (complaint_id, user_id, claimed_at, expires_at) VALUES (?, ?, ?, ?)').run(
      complaintId,
      user.id,
      held && held.user_id === user.id ? held.claimed_at : now,
      now + CLAIM_MS,
    )
    return activeClaim(db, complaintId, now)!
  }).immediate()
}

export function release(db: Db, user: SessionUser, complaintId: number): boolean {
  return db.transaction(() => {
    const released = db.prepare('DELETE FROM complaint_claim WHERE complaint_id = ? AND user_id = ?').run(complaintId, user.id).changes > 0
    if (released) appendAudit(db, user, { action: 'complaint.release', entity: 'complaint', entityId: complaintId })
    return released
  }).immediate()
}

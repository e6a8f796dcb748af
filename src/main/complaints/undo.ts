// Undoing a reassignment ("Urungkan" on the Antrean's banner): a real action, not a screen trick. The complaint is
// moved back to the unit it came from, with its own history event and audit entry (complaint.reassign_undo) that
// say it was undone, in the same transaction as the KPI refresh, exactly like the move itself.
// Only the latest change of the complaint can be undone, only by whoever made it and only for a short while: once
// anyone has acted on it since (or someone else holds it), moving it back would overwrite their work.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { roleAtLeast } from '#shared/domain.ts'
import { OPEN_STATUSES, type Status } from '#shared/status.ts'
import { PERMISSIONS } from '#shared/roles.ts'
import { appendAudit } from '../audit/log.ts'
import { activeClaim } from './claims.ts'
import { ActionBatch, type ActionResult } from './batch.ts'
import { withdrawDecision } from '../routing/decisions.ts'

/** How long after a reassignment it may be undone: the banner offers it for 8 s; this leaves a slow link room. */
export const UNDO_MS = 2 * 60_000

/** Audit actions that only say who works on a complaint; they do not stand between a move and its undo. */
const CLAIM_ACTIONS = "('complaint.claim', 'complaint.claim_takeover', 'complaint.release')"

type Move = { auditId: number; at: number; userId: number; fromUnit: number | null; toUnit: number | null; reason: string | null }

/** The latest change of a complaint in the audit log, if it was a disposition. */
function lastMove(db: Db, id: number): Move | null {
  const last = db
    .prepare(
      // sql-vetted: CLAIM_ACTIONS is a constant list of this module
      `SELECT id, at, user_id, action, before_json, after_json, reason FROM audit_log
       WHERE entity = 'complaint' AND entity_id = ? AND action NOT IN ${CLAIM_ACTIONS} ORDER BY id DESC LIMIT 1`,
    )
    .get(String(id)) as { id: number; at: number; user_id: number; action: string; before_json: string | null; after_json: string | null; reason: string | null } | undefined
  if (!last || last.action !== 'complaint.disposition') return null
  const unitOf = (json: string | null) => {
    const v = json === null ? null : (JSON.parse(json) as { unit_id?: unknown }).unit_id
    return typeof v === 'number' ? v : null
  }
  return { auditId: last.id, at: last.at, userId: last.user_id, fromUnit: unitOf(last.before_json), toUnit: unitOf(last.after_json), reason: last.reason }
}

type Row = { id: number; kabupaten_kode: string; status: Status; unit_id: number | null }

export function undoReassign(db: Db, user: SessionUser, ids: number[], now = Date.now()): ActionResult {
  if (!roleAtLeast(user.role, PERMISSIONS.reassign)) {
    throw new DomainError('FORBIDDEN', `Peran ${user.role} tidak boleh mengurungkan pemindahan disposisi; perlu ${PERMISSIONS.reassign}`)
  }
  const batch = new ActionBatch()
  const get = db.prepare('SELECT id, kabupaten_kode, status, unit_id FROM complaint WHERE id = ?')
  const unitName = db.prepare('SELECT coalesce(singkatan, nama) FROM unit WHERE id = ?').pluck()
  db.transaction(() => {
    for (const id of [...new Set(ids)]) {
      const row = get.get(id) as Row | undefined
      if (!row) {
        batch.refuse(id, 'laporan tidak ditemukan')
        continue
      }
      const move = lastMove(db, id)
      const why = !move
        ? 'perubahan terakhirnya bukan pemindahan disposisi'
        : move.userId !== user.id
          ? 'pemindahan terakhirnya bukan dilakukan oleh Anda'
          : move.fromUnit === null
            ? 'disposisi pertama tidak dapat diurungkan; pindahkan ke unit lain bila perlu'
            : move.toUnit !== row.unit_id
              ? 'unitnya sudah berubah lagi'
              : now - move.at > UNDO_MS
                ? `batas waktu urungkan (${UNDO_MS / 60_000} menit) sudah lewat`
                : !OPEN_STATUSES.includes(row.status)
                  ? `berstatus ${row.status}; tidak lagi terbuka`
                  : null
      const claim = activeClaim(db, id, now)
      const held = claim && claim.user_id !== user.id ? `sedang ditangani ${claim.nama}` : null
      if (why || held || !move) {
        batch.refuse(id, why ?? held ?? '')
        continue
      }
      const back = move.fromUnit!
      const away = unitName.get(row.unit_id) as string
      const reason = `Pemindahan ke ${away} diurungkan; kembali ke ${unitName.get(back) as string}`
      // The move counted a re-disposition; its undo takes it back, so the complaint is not reported as misrouted
      // (disposition_count ≥ 2, the Dikembalikan queue and the KPI) for a move that no longer stands.
      db.prepare('UPDATE complaint SET unit_id = ?, disposition_count = max(disposition_count - 1, 1), updated_at = ? WHERE id = ?').run(back, now, id)
      withdrawDecision(db, id, move.at)
      db.prepare(
        `INSERT INTO complaint_event (complaint_id, kind, at, actor, from_unit_id, to_unit_id, reason) VALUES (?, 'disposition', ?, ?, ?, ?, ?)`,
      ).run(id, now, user.nama, row.unit_id, back, reason)
      appendAudit(
        db,
        user,
        {
          action: 'complaint.reassign_undo',
          entity: 'complaint',
          entityId: id,
          before: { status: row.status, unit_id: row.unit_id },
          after: { status: row.status, unit_id: back },
          reason,
        },
        now,
      )
      batch.done(row.kabupaten_kode, id)
    }
    batch.refresh(db, now)
  }).immediate()
  return batch.finish(db, now)
}

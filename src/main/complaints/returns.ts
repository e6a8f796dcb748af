// A supervisor's decision on a liaison's return ("bukan wewenang kami", liaison/actions.ts): accepted, the complaint
// is disposed to the right unit (a supervisor's reassignment, through performAction, so history, KPI, audit and
// routing's correction example are the same as for any reassignment); rejected, it goes back to the unit's inbox
// with the reason (liaison.inbox shows ditolakKembali). Open returns are listed for the command centre here too,
// with the liaisons' requests for more time.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { appendAudit } from '../audit/log.ts'
import { performAction } from './actions.ts'
import { complaintPrivacy, redactText, viewFor } from '../privacy/policy.ts'
import { reportersOf } from '../privacy/reporters.ts'
import { assertKabupaten } from '../users/scope.ts'

export type DecideInput = { id: number; terima: boolean; alasan: string; unitId?: number }

export function decideReturn(db: Db, user: SessionUser, input: DecideInput, now = Date.now()): { complaintId: number; terima: boolean; unitId: number | null } {
  let result!: { complaintId: number; terima: boolean; unitId: number | null }
  db.transaction(() => {
    const r = db
      .prepare(
        `SELECT r.id, r.unit_id, r.unit_tujuan_id, c.kabupaten_kode, c.unit_id AS held, c.tracking_id FROM liaison_return r JOIN complaint c ON c.id = r.complaint_id
         WHERE r.complaint_id = ? AND r.decided_at IS NULL`,
      )
      .get(input.id) as { id: number; unit_id: number; unit_tujuan_id: number | null; kabupaten_kode: string; held: number | null; tracking_id: string } | undefined
    if (!r) throw new DomainError('NOT_FOUND', `Laporan ${input.id} tidak sedang dikembalikan oleh unit`)
    assertKabupaten(user, r.kabupaten_kode)
    const mark = db.prepare('UPDATE liaison_return SET decided_at = ?, decided_by = ?, decided_by_nama = ?, accepted = ?, decision_alasan = ?, decision_unit_id = ? WHERE id = ?')
    if (input.terima) {
      const unitId = input.unitId ?? r.unit_tujuan_id
      if (!unitId) throw new DomainError('INVALID', `Pilih unit tujuan untuk laporan ${r.tracking_id}`)
      // Nested in this transaction (a savepoint): the disposition and the decision land together or not at all.
      const done = performAction(db, user, { action: 'disposition', ids: [input.id], unitId, reason: `Pengembalian unit diterima: ${input.alasan}` }, now)
      if (done.refused.length) throw new DomainError('PRECONDITION', `Laporan ${r.tracking_id} tidak dapat dipindahkan: ${done.refused[0].reason}`)
      mark.run(now, user.id, user.nama, 1, input.alasan, unitId, r.id)
      appendAudit(db, user, { action: 'complaint.return_accept', entity: 'complaint', entityId: input.id, before: { unit_id: r.held }, after: { unit_id: unitId, return_id: r.id }, reason: input.alasan }, now)
      result = { complaintId: input.id, terima: true, unitId }
    } else {
      mark.run(now, user.id, user.nama, 0, input.alasan, null, r.id)
      db.prepare('UPDATE complaint SET updated_at = ? WHERE id = ?').run(now, input.id)
      appendAudit(db, user, { action: 'complaint.return_reject', entity: 'complaint', entityId: input.id, after: { unit_id: r.held, return_id: r.id }, reason: input.alasan }, now)
      result = { complaintId: input.id, terima: false, unitId: r.held }
    }
  }).immediate()
  return result
}

export type PendingRequest = {
  jenis: 'kembali' | 'perpanjangan'
  complaintId: number
  nomor: string
  unit: string
  oleh: string
  pada: number
  alasan: string | null
  unitTujuan: string | null
  hariKerja: number | null
}

/** Open returns and requests for more time (the last 30 days) of a kabupaten, newest first, for the command centre. */
export function pendingRequests(db: Db, kabupaten: string, role: SessionUser['role'], now = Date.now()): PendingRequest[] {
  const rows = db
    .prepare(
      `SELECT 'kembali' AS jenis, r.complaint_id AS complaintId, c.tracking_id AS nomor, u.nama AS unit, coalesce(a.nama, '?') AS oleh, r.created_at AS pada,
              r.alasan, t.nama AS unitTujuan, NULL AS hariKerja, c.is_anonim, c.is_rahasia
       FROM liaison_return r JOIN complaint c ON c.id = r.complaint_id JOIN unit u ON u.id = r.unit_id LEFT JOIN app_user a ON a.id = r.user_id
       LEFT JOIN unit t ON t.id = r.unit_tujuan_id WHERE c.kabupaten_kode = ? AND r.decided_at IS NULL
       UNION ALL
       SELECT 'perpanjangan', x.complaint_id, c.tracking_id, u.nama, coalesce(a.nama, '?'), x.created_at, x.alasan, NULL, x.hari_kerja, c.is_anonim, c.is_rahasia
       FROM liaison_extension x JOIN complaint c ON c.id = x.complaint_id JOIN unit u ON u.id = x.unit_id LEFT JOIN app_user a ON a.id = x.user_id
       WHERE c.kabupaten_kode = ? AND x.created_at >= ?
       ORDER BY pada DESC LIMIT 500`,
    )
    .all(kabupaten, kabupaten, now - 30 * 86_400_000) as (PendingRequest & { is_anonim: number; is_rahasia: number })[]
  const view = viewFor(role, 'app')
  const reporters = reportersOf(
    db,
    rows.map((r) => r.complaintId),
  )
  return rows.map(({ is_anonim, is_rahasia, ...r }) => ({ ...r, alasan: redactText(r.alasan, complaintPrivacy(view, { is_anonim, is_rahasia }), reporters.get(r.complaintId)) }))
}

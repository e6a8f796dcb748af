// What a liaison does on its unit's complaints: write the tindak lanjut (it goes upstream through the outbox like
// every local action: the complaint_event_outbox trigger of 0006_sync.sql queues it for a write-back source), ask
// for more time, and return a complaint as "bukan wewenang kami". Each runs in one immediate transaction with its
// audit entry (audit/log.ts masks the reporter's identity in every text of an entry about a complaint).
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import { isOpenStatus, STATUS_LABEL } from '#shared/status.ts'
import { appendAudit } from '../audit/log.ts'
import { refreshComplaints, slaContext } from '../kpi/refresh.ts'
import { afterComplaintWrites } from '../routing/hooks.ts'
import { ownComplaint, type Liaison } from './scope.ts'

function unitName(db: Db, id: number): string {
  return (db.prepare('SELECT nama FROM unit WHERE id = ?').pluck().get(id) as string | undefined) ?? `unit #${id}`
}

function pendingReturn(db: Db, complaintId: number): { id: number } | undefined {
  return db.prepare('SELECT id FROM liaison_return WHERE complaint_id = ? AND decided_at IS NULL').get(complaintId) as { id: number } | undefined
}

export type ReplyResult = { id: number; eventId: number; status: string; outbox: number; kabupaten: string }

/** The unit's tindak lanjut: status 'proses', first response time, a history entry queued upstream. */
export function reply(db: Db, user: Liaison, input: { id: number; isi: string }, now = Date.now()): ReplyResult {
  return db
    .transaction(() => {
      const c = ownComplaint(db, user, input.id)
      if (c.status !== 'belum_ditindaklanjuti' && c.status !== 'proses') {
        throw new DomainError('PRECONDITION', `Laporan ${c.tracking_id} berstatus ${STATUS_LABEL[c.status as keyof typeof STATUS_LABEL] ?? c.status}; tindak lanjut hanya untuk laporan yang sedang ditangani`)
      }
      const actor = `${user.nama} (${unitName(db, c.unit_id)})`
      const addEvent = db.prepare(
        `INSERT INTO complaint_event (complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id, reason, body)
         VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?)`,
      )
      if (c.status !== 'proses') {
        addEvent.run(c.id, 'status', now, actor, c.status, 'proses', null)
      }
      const eventId = Number(addEvent.run(c.id, 'tindak_lanjut', now, actor, null, null, input.isi).lastInsertRowid)
      db.prepare(
        `UPDATE complaint SET status = 'proses', status_raw = CASE WHEN status = 'proses' THEN status_raw ELSE ? END,
           first_response_at = coalesce(first_response_at, ?), last_tl_at = ?, updated_at = ? WHERE id = ?`,
      ).run(STATUS_LABEL.proses, now, now, now, c.id)
      appendAudit(db, user, { action: 'liaison.reply', entity: 'complaint', entityId: c.id, before: { status: c.status }, after: { status: 'proses', tindak_lanjut: input.isi } }, now)
      refreshComplaints(db, c.kabupaten_kode, [c.id], slaContext(db, c.kabupaten_kode, now))
      const outbox = db.prepare('SELECT count(*) FROM sync_outbox WHERE event_id = ?').pluck().get(eventId) as number
      return { id: c.id, eventId, status: 'proses', outbox, kabupaten: c.kabupaten_kode }
    }).immediate()
}

export function requestExtension(db: Db, user: Liaison, input: { id: number; alasan: string; hariKerja: number }, now = Date.now()): { id: number; kabupaten: string } {
  return db
    .transaction(() => {
      const c = ownComplaint(db, user, input.id)
      if (!isOpenStatus(c.status)) throw new DomainError('PRECONDITION', `Laporan ${c.tracking_id} sudah tidak terbuka; perpanjangan tidak diperlukan`)
      const id = Number(
        db
          .prepare('INSERT INTO liaison_extension (complaint_id, unit_id, user_id, alasan, hari_kerja, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(c.id, c.unit_id, user.id, input.alasan, input.hariKerja, now).lastInsertRowid,
      )
      db.prepare('UPDATE complaint SET updated_at = ? WHERE id = ?').run(now, c.id)
      appendAudit(db, user, { action: 'liaison.extension', entity: 'complaint', entityId: c.id, after: { hariKerja: input.hariKerja, unit_id: c.unit_id }, reason: input.alasan }, now)
      return { id, kabupaten: c.kabupaten_kode }
    }).immediate()
}

export type ReturnResult = { id: number; complaintId: number; kabupaten: string }

/**
 * "Bukan wewenang kami": the complaint stays with the unit until a supervisor decides (complaints/returns.ts), and
 * is in the command centre's Dikembalikan queue from this moment (queue/queries.ts reads open liaison_return rows).
 * The row is a labelled routing example (liaison/examples.ts): not this unit, and the unit named, if any.
 */
export function returnComplaint(db: Db, user: Liaison, input: { id: number; alasan: string; unitTujuanId?: number }, now = Date.now()): ReturnResult {
  const result = db
    .transaction(() => {
      const c = ownComplaint(db, user, input.id)
      if (!isOpenStatus(c.status)) throw new DomainError('PRECONDITION', `Laporan ${c.tracking_id} sudah tidak terbuka; tidak dapat dikembalikan`)
      if (pendingReturn(db, c.id)) throw new DomainError('CONFLICT', `Laporan ${c.tracking_id} sudah dikembalikan dan menunggu keputusan supervisor`)
      if (input.unitTujuanId !== undefined) {
        const t = db.prepare('SELECT kabupaten_kode, is_active FROM unit WHERE id = ?').get(input.unitTujuanId) as { kabupaten_kode: string; is_active: number } | undefined
        if (!t || t.kabupaten_kode !== c.kabupaten_kode) throw new DomainError('INVALID', `Unit tujuan #${input.unitTujuanId} bukan unit kabupaten ini`)
        if (!t.is_active) throw new DomainError('INVALID', `Unit tujuan ${unitName(db, input.unitTujuanId)} tidak aktif`)
        if (input.unitTujuanId === c.unit_id) throw new DomainError('INVALID', 'Unit tujuan sama dengan unit yang memegang laporan ini')
      }
      const id = Number(
        db
          .prepare('INSERT INTO liaison_return (complaint_id, unit_id, user_id, alasan, unit_tujuan_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(c.id, c.unit_id, user.id, input.alasan, input.unitTujuanId ?? null, now).lastInsertRowid,
      )
      db.prepare('UPDATE complaint SET updated_at = ? WHERE id = ?').run(now, c.id)
      appendAudit(
        db,
        user,
        { action: 'liaison.return', entity: 'complaint', entityId: c.id, before: { unit_id: c.unit_id }, after: { unit_tujuan_id: input.unitTujuanId ?? null, return_id: id }, reason: input.alasan },
        now,
      )
      return { id, complaintId: c.id, kabupaten: c.kabupaten_kode }
    }).immediate()
  // Routing re-reads the complaint (its suggestion is recomputed), like after any local action.
  afterComplaintWrites(db, [result.complaintId], now)
  return result
}

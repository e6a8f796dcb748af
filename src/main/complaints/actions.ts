// Local triage actions on complaints: verify, disposition (first or reassignment), tunda, bukan wewenang, arsip,
// note. Every action, single or bulk, runs in one transaction that changes the complaint, appends its history,
// refreshes its deadlines and KPI aggregates and writes the audit log, so none of them can disagree.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { roleAtLeast, type Role, type Status } from '#shared/domain.ts'
import { OPEN_STATUSES, STATUS_LABEL } from '#shared/status.ts'
import { PERMISSIONS } from '#shared/roles.ts'
import { actionPermission } from '#shared/actions.ts'
import { appendAudit } from '../audit/log.ts'
import { activeClaim } from './claims.ts'
import { ActionBatch, type ActionResult } from './batch.ts'
import { recordDecision } from '../routing/decisions.ts'
import type { ComplaintRow, DesaRow, KecamatanRow, UnitRow } from '../store/rows.ts'

export type ActionInput =
  | { action: 'verify'; ids: number[]; reason?: string }
  | { action: 'disposition'; ids: number[]; unitId: number; reason: string }
  | { action: 'tunda'; ids: number[]; reason: string }
  | { action: 'bukan_wewenang'; ids: number[]; reason: string }
  | { action: 'arsip'; ids: number[]; reason: string }
  | { action: 'note'; ids: number[]; body: string }
  | { action: 'location'; ids: number[]; kecamatan: string; desa?: string | null }


type Row = Pick<ComplaintRow, 'id' | 'kabupaten_kode' | 'kecamatan_kode' | 'desa_kode' | 'status' | 'unit_id' | 'verified_at' | 'dispositioned_at' | 'disposition_count'>

/** The least role each action needs, from the permissions the Antrean buttons read too (#shared/roles.ts). */
export function neededRole(input: ActionInput, row: Pick<Row, 'unit_id'>): Role {
  return PERMISSIONS[actionPermission(input.action, row.unit_id !== null)]
}

/** Why this action cannot apply to the complaint as it is now, or null if it can. */
type Place = { kecamatan?: Pick<KecamatanRow, 'kabupaten_kode' | 'nama'>; desa?: Pick<DesaRow, 'kecamatan_kode' | 'nama'> }
type TargetUnit = Pick<UnitRow, 'kabupaten_kode' | 'is_active'>

function refusal(input: ActionInput, row: Row, unit: TargetUnit | undefined, place: Place): string | null {
  switch (input.action) {
    case 'verify':
      return row.status === 'belum_terverifikasi' ? null : `sudah ${row.status}, tidak menunggu verifikasi`
    case 'disposition':
      if (!OPEN_STATUSES.includes(row.status)) return `berstatus ${row.status}; hanya laporan terbuka yang dapat didisposisikan`
      if (!unit || unit.kabupaten_kode !== row.kabupaten_kode) return 'unit tujuan bukan unit kabupaten ini'
      if (!unit.is_active) return 'unit tujuan tidak aktif'
      if (row.unit_id === input.unitId) return 'sudah berada di unit tujuan'
      return null
    case 'tunda':
      return row.status === 'belum_terverifikasi' || row.status === 'belum_ditindaklanjuti' ? null : `berstatus ${row.status}; tidak dapat ditunda`
    case 'bukan_wewenang':
      return row.status === 'belum_terverifikasi' || row.status === 'belum_ditindaklanjuti' ? null : `berstatus ${row.status}; tidak dapat dikembalikan`
    case 'arsip':
      return OPEN_STATUSES.includes(row.status) || row.status === 'tunda' ? null : `berstatus ${row.status}; tidak dapat diarsipkan`
    case 'note':
      return null
    case 'location':
      if (!place.kecamatan || place.kecamatan.kabupaten_kode !== row.kabupaten_kode) return `kecamatan ${input.kecamatan} bukan bagian kabupaten ini`
      if (input.desa && place.desa?.kecamatan_kode !== input.kecamatan) return `desa ${input.desa} bukan bagian kecamatan ${input.kecamatan}`
      return null
  }
}

export type { ActionResult }

export function performAction(db: Db, user: SessionUser, input: ActionInput, now = Date.now()): ActionResult {
  const ids = [...new Set(input.ids)]
  const batch = new ActionBatch()
  const get = db.prepare(
    'SELECT id, kabupaten_kode, kecamatan_kode, desa_kode, status, unit_id, verified_at, dispositioned_at, disposition_count FROM complaint WHERE id = ?',
  )
  const unit =
    input.action === 'disposition'
      ? (db.prepare('SELECT kabupaten_kode, is_active FROM unit WHERE id = ?').get(input.unitId) as TargetUnit | undefined)
      : undefined
  const place: Place =
    input.action === 'location'
      ? {
          kecamatan: db.prepare('SELECT kabupaten_kode, nama FROM kecamatan WHERE kode = ?').get(input.kecamatan) as Place['kecamatan'],
          desa: input.desa ? (db.prepare('SELECT kecamatan_kode, nama FROM desa WHERE kode = ?').get(input.desa) as Place['desa']) : undefined,
        }
      : {}
  const rows = ids.map((id) => get.get(id) as Row | undefined)
  // Role first, for the whole request: a bulk action a role may not do is refused whole, not row by row.
  for (const row of rows) {
    if (row && !roleAtLeast(user.role, neededRole(input, row))) {
      const what = input.action === 'disposition' ? 'memindahkan disposisi (reassign)' : input.action
      throw new DomainError('FORBIDDEN', `Peran ${user.role} tidak boleh ${what}; perlu ${neededRole(input, row)}`)
    }
  }
  const addEvent = db.prepare(
    `INSERT INTO complaint_event (complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id, reason, body)
     VALUES (@id, @kind, @at, @actor, @from_status, @to_status, @from_unit, @to_unit, @reason, @body)`,
  )
  db.transaction(() => {
    rows.forEach((row, i) => {
      const id = ids[i]
      if (!row) return batch.refuse(id, 'laporan tidak ditemukan')
      const claim = activeClaim(db, id, now)
      if (claim && claim.user_id !== user.id) {
        return batch.refuse(id, `sedang ditangani ${claim.nama}; ambil alih klaim lebih dulu`)
      }
      const why = refusal(input, row, unit, place)
      if (why) return batch.refuse(id, why)
      const before = { status: row.status, unit_id: row.unit_id }
      const event = { id, at: now, actor: user.nama, from_status: null as Status | null, to_status: null as Status | null, from_unit: null as number | null, to_unit: null as number | null, reason: null as string | null, body: null as string | null }
      let after: Record<string, unknown> = before
      switch (input.action) {
        case 'verify':
          db.prepare("UPDATE complaint SET status = 'belum_ditindaklanjuti', status_raw = ?, verified_at = ?, updated_at = ? WHERE id = ?").run(
            STATUS_LABEL.belum_ditindaklanjuti,
            now,
            now,
            id,
          )
          addEvent.run({ ...event, kind: 'status', from_status: row.status, to_status: 'belum_ditindaklanjuti', reason: input.reason ?? null })
          after = { status: 'belum_ditindaklanjuti', unit_id: row.unit_id }
          break
        case 'disposition': {
          // Dispositioning an unverified report verifies it too: that is what the admin's single click means.
          const status: Status = row.status === 'belum_terverifikasi' ? 'belum_ditindaklanjuti' : row.status
          recordDecision(db, { complaintId: id, kabupaten: row.kabupaten_kode, at: now, userId: user.id, fromUnitId: row.unit_id, chosenUnitId: input.unitId })
          db.prepare(
            `UPDATE complaint SET unit_id = ?, status = ?, status_raw = CASE WHEN ? <> status THEN ? ELSE status_raw END,
               verified_at = coalesce(verified_at, ?), dispositioned_at = coalesce(dispositioned_at, ?),
               first_unit_id = coalesce(first_unit_id, ?), disposition_count = disposition_count + 1, updated_at = ?
             WHERE id = ?`,
          ).run(input.unitId, status, status, STATUS_LABEL.belum_ditindaklanjuti, now, now, input.unitId, now, id)
          if (status !== row.status) addEvent.run({ ...event, kind: 'status', from_status: row.status, to_status: status })
          addEvent.run({ ...event, kind: 'disposition', from_unit: row.unit_id, to_unit: input.unitId, reason: input.reason })
          after = { status, unit_id: input.unitId }
          break
        }
        case 'tunda':
        case 'bukan_wewenang':
        case 'arsip': {
          const to = input.action
          const closes = to !== 'tunda'
          db.prepare(`UPDATE complaint SET status = ?, status_raw = ?, closed_at = CASE WHEN ? THEN ? ELSE closed_at END, updated_at = ? WHERE id = ?`).run(
            to,
            STATUS_LABEL[to],
            closes ? 1 : 0,
            now,
            now,
            id,
          )
          addEvent.run({ ...event, kind: 'status', from_status: row.status, to_status: to, reason: input.reason })
          after = { status: to, unit_id: row.unit_id }
          break
        }
        case 'note':
          db.prepare('UPDATE complaint SET updated_at = ? WHERE id = ?').run(now, id)
          addEvent.run({ ...event, kind: 'note', body: input.body })
          after = { note: input.body }
          break
        case 'location': {
          // Tagging the place during triage: the monev visits found missing locations behind unresolved reports.
          const desa = input.desa ?? null
          db.prepare('UPDATE complaint SET kecamatan_kode = ?, desa_kode = ?, updated_at = ? WHERE id = ?').run(input.kecamatan, desa, now, id)
          const label = `Kecamatan ${place.kecamatan!.nama}${desa ? `, ${place.desa!.nama}` : ''}`
          addEvent.run({ ...event, kind: 'location', body: label })
          Object.assign(before, { kecamatan_kode: row.kecamatan_kode, desa_kode: row.desa_kode })
          after = { kecamatan_kode: input.kecamatan, desa_kode: desa }
          break
        }
      }
      appendAudit(
        db,
        user,
        { action: `complaint.${input.action}`, entity: 'complaint', entityId: id, before, after, reason: 'reason' in input ? (input.reason ?? null) : null },
        now,
      )
      batch.done(row.kabupaten_kode, id)
    })
    batch.refresh(db, now)
  }).immediate()
  return batch.finish(db, now)
}

// Write-back as the upstream sees it: an action on a complaint, applied once per client_id (a repeat returns the
// first result), refused with 409 when the complaint changed since the version the official saw.
import type { Status } from '#shared/domain.ts'
import { OPEN_STATUSES } from '#shared/status.ts'
import { STATUS_RAW } from '../demo/lifecycle.ts'
import { wireActionSchema, type WriteAction } from '#main/sync/connectors/lapor-json/contract.ts'
import type { SimStore } from './store.ts'
import { eventWireId, fromWireId } from './wire.ts'

export type Reply = { status: number; body: unknown }

const OPEN = [...OPEN_STATUSES]
const err = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply => ({ status, body: { error: { code, message, ...extra } } })

/** Which statuses an action may start from, and where it leads (null: status unchanged). */
const RULES: Record<WriteAction, { from: Status[] | null; to: Status | null }> = {
  verify: { from: ['belum_terverifikasi'], to: 'belum_ditindaklanjuti' },
  disposition: { from: OPEN, to: null },
  tunda: { from: ['belum_terverifikasi', 'belum_ditindaklanjuti'], to: 'tunda' },
  bukan_wewenang: { from: ['belum_terverifikasi', 'belum_ditindaklanjuti'], to: 'bukan_wewenang' },
  arsip: { from: [...OPEN, 'tunda'], to: 'arsip' },
  tindak_lanjut: { from: ['belum_ditindaklanjuti', 'proses'], to: 'proses' },
  note: { from: null, to: null },
}

export function applyAction(sim: SimStore, kabupaten: string, trackingId: string, input: unknown): Reply {
  const parsed = wireActionSchema.safeParse(input)
  if (!parsed.success) {
    return err(400, 'invalid_action', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
  const a = parsed.data
  const db = sim.db
  return db.transaction((): Reply => {
    const done = db.prepare('SELECT tracking_id, result_json FROM sim_action WHERE client_id = ?').get(a.client_id) as { tracking_id: string; result_json: string } | undefined
    if (done) {
      if (done.tracking_id !== trackingId) return err(409, 'client_id_reused', `client_id ${a.client_id} sudah dipakai untuk laporan ${done.tracking_id}`)
      return { status: 200, body: { data: { ...JSON.parse(done.result_json), duplicate: true } } }
    }
    const c = db
      .prepare('SELECT id, status, unit_id, upstream_version FROM complaint WHERE tracking_id = ? AND kabupaten_kode = ?')
      .get(trackingId, kabupaten) as { id: number; status: Status; unit_id: number | null; upstream_version: number } | undefined
    if (!c) return err(404, 'not_found', `laporan ${trackingId} tidak ada`)
    if (a.base_version !== null && a.base_version !== c.upstream_version) {
      return err(409, 'conflict', `laporan ${trackingId} sudah berubah (versi ${c.upstream_version}, tindakan dibuat pada versi ${a.base_version})`, {
        current_version: c.upstream_version,
      })
    }
    const rule = RULES[a.action]
    if (rule.from && !rule.from.includes(c.status)) return err(422, 'invalid_state', `tindakan ${a.action} tidak berlaku untuk laporan berstatus ${STATUS_RAW[c.status]}`)
    let unit = c.unit_id
    if (a.action === 'disposition') {
      const target = a.unit_id ? fromWireId(a.unit_id, 'U') : null
      const ok = target !== null && db.prepare('SELECT 1 FROM unit WHERE id = ? AND kabupaten_kode = ?').get(target, kabupaten)
      if (!ok) return err(422, 'unknown_unit', `unit ${a.unit_id ?? '(kosong)'} tidak dikenal`)
      unit = target
    }
    const at = Date.parse(a.at)
    const to = rule.to
    const kind = a.action === 'disposition' ? 'disposition' : a.action === 'note' ? 'note' : a.action === 'tindak_lanjut' ? 'tindak_lanjut' : 'status'
    const eventId = Number(
      db
        .prepare(
          `INSERT INTO complaint_event (complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id, reason, body)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.id, kind, at, a.actor, to ? c.status : null, to, kind === 'disposition' ? c.unit_id : null, kind === 'disposition' ? unit : null,
          a.reason ?? null, a.content ?? null).lastInsertRowid,
    )
    db.prepare('INSERT INTO sim_event_client (event_id, client_id) VALUES (?, ?)').run(eventId, a.client_id)
    const status = to ?? c.status
    db.prepare(
      `UPDATE complaint SET status = ?, status_raw = ?, unit_id = ?, updated_at = ?, upstream_updated_at = ?, upstream_version = upstream_version + 1,
         closed_at = CASE WHEN ? IN ('selesai', 'arsip', 'bukan_wewenang') THEN ? ELSE closed_at END WHERE id = ?`,
    ).run(status, STATUS_RAW[status], unit, Date.now(), sim.tick(), status, at, c.id)
    const result = { client_id: a.client_id, tracking_id: trackingId, version: c.upstream_version + 1, history_id: eventWireId(eventId) }
    db.prepare('INSERT INTO sim_action (client_id, tracking_id, result_json) VALUES (?, ?, ?)').run(a.client_id, trackingId, JSON.stringify(result))
    return { status: 201, body: { data: { ...result, duplicate: false } } }
  }).immediate()
}

// Hand-built complaint histories: a complaint row whose columns follow from its events exactly as sync writes
// them (sync/milestones.ts), so a test states only the history and the expected verdicts.
import type { Db } from '#main/store/open.ts'
import { milestonesOf, type EventFact } from '#main/sync/milestones.ts'
import type { EventKind, Status } from '#shared/domain.ts'

export const wita = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`)

/** A time as WITA wall clock ('2025-07-07 09:00') or as ms UTC. */
type When = string | number
const ms = (w: When) => (typeof w === 'number' ? w : wita(w))

export type Step =
  | { kind: 'disposition'; at: When; unit: string | number }
  | { kind: 'status'; at: When; from: Status; to: Status }
  | { kind: 'tindak_lanjut'; at: When }
  | { kind: 'pelapor_reply'; at: When }

export function unitId(db: Db, kode: string): number {
  const id = db.prepare('SELECT id FROM unit WHERE kode = ?').pluck().get(kode) as number | undefined
  if (id === undefined) throw new Error(`no unit ${kode}`)
  return id
}

/** Inserts a Kutai Timur complaint with this history (times are WITA wall clock) and its current status. */
export function addHistory(db: Db, tracking: string, submitted: When, status: Status, steps: Step[]): number {
  const submittedAt = ms(submitted)
  const facts: (EventFact & { from_status: Status | null; from_unit_id: number | null })[] = []
  let holder: number | null = null
  for (const s of steps) {
    const at = ms(s.at)
    if (s.kind === 'disposition') {
      const to = typeof s.unit === 'number' ? s.unit : unitId(db, s.unit)
      facts.push({ kind: 'disposition', at, to_status: null, from_status: null, to_unit_id: to, from_unit_id: holder })
      holder = to
    } else if (s.kind === 'status') facts.push({ kind: 'status', at, from_status: s.from, to_status: s.to, to_unit_id: null, from_unit_id: null })
    else facts.push({ kind: s.kind as EventKind, at, to_status: null, from_status: null, to_unit_id: null, from_unit_id: null })
  }
  const m = milestonesOf(facts, status)
  const id = Number(
    db
      .prepare(
        `INSERT INTO complaint (kabupaten_kode, tracking_id, source, judul, isi, klasifikasi, channel, status, status_raw,
           unit_id, submitted_at, verified_at, dispositioned_at, first_response_at, closed_at, disposition_count,
           updated_at, last_tl_at, last_reply_at, first_unit_id, is_anonim)
         VALUES ('64.08', ?, 'test', 'uji', 'uji', 'pengaduan', 'web', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      )
      .run(tracking, status, status, m.last_unit_id, submittedAt, m.verified_at, m.dispositioned_at, m.first_response_at, m.closed_at,
        m.disposition_count, submittedAt, m.last_tl_at, m.last_reply_at, m.first_unit_id).lastInsertRowid,
  )
  const add = db.prepare(
    `INSERT INTO complaint_event (complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id)
     VALUES (?, ?, ?, 'uji', ?, ?, ?, ?)`,
  )
  add.run(id, 'submitted', submittedAt, null, 'belum_terverifikasi', null, null)
  for (const f of facts) add.run(id, f.kind, f.at, f.from_status, f.to_status, f.from_unit_id, f.to_unit_id)
  return id
}

// The notable cases of a briefing: a few complaints an operator picks for the Bupati, with a talking point each,
// stored per kabupaten and period (0010_briefing.sql). Picking is audited like every other local action.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { Period } from '#shared/domain.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { Calendar } from '../calendar/calendar.ts'
import { appendAudit } from '../audit/log.ts'
import { publicNote } from '../privacy/public-view.ts'
import { publicCases, type PublicCase } from './cases.ts'
import { MAX_NOTABLE } from '#shared/briefing.ts'
import type { ComplaintRow } from '../store/rows.ts'


export type NotableCase = PublicCase & { position: number; note: string | null }

export type NotableChoice = { complaintId: number; note?: string | null }

type StoredChoice = { complaint_id: number; position: number; note: string | null }

function stored(db: Db, kabupaten: string, period: Period): StoredChoice[] {
  return db
    .prepare(
      `SELECT complaint_id, position, note FROM briefing_case
       WHERE kabupaten_kode = ? AND period_from = ? AND period_to = ? ORDER BY position`,
    )
    .all(kabupaten, period.from, period.to) as StoredChoice[]
}

/** The chosen cases in their order, as a public view shows them (a case made rahasia later shows no title). */
export function notableCases(db: Db, cal: Calendar, kabupaten: string, period: Period, now: number): NotableCase[] {
  const choices = stored(db, kabupaten, period)
  if (choices.length === 0) return []
  const ids = choices.map((c) => c.complaint_id)
  const cases = new Map(publicCases(db, cal, now, ids).map((c) => [c.id, c]))
  const identities = db.prepare('SELECT nama, nik, phone, email FROM reporter WHERE complaint_id = ?')
  return choices.flatMap((choice) => {
    const c = cases.get(choice.complaint_id)
    if (!c) return []
    const who = identities.get(choice.complaint_id) as Parameters<typeof publicNote>[1] | undefined
    return [{ ...c, position: choice.position, note: publicNote(choice.note, who ?? null) }]
  })
}

/**
 * Replaces the chosen cases of a kabupaten and period. A rahasia report cannot be chosen (its title may not be
 * shown in a meeting), nor one of another kabupaten; either refusal names the tracking ID and changes nothing.
 */
export function setNotableCases(db: Db, user: SessionUser, kabupaten: string, period: Period, choices: NotableChoice[], now = Date.now()): void {
  if (choices.length > MAX_NOTABLE) {
    throw new DomainError('INVALID', `Paling banyak ${MAX_NOTABLE} kasus pilihan per briefing`)
  }
  const ids = choices.map((c) => c.complaintId)
  if (new Set(ids).size !== ids.length) throw new DomainError('INVALID', 'Kasus yang sama dipilih dua kali')
  const find = db.prepare('SELECT id, tracking_id, kabupaten_kode, is_rahasia FROM complaint WHERE id = ?')
  db.transaction(() => {
    for (const id of ids) {
      const c = find.get(id) as Pick<ComplaintRow, 'id' | 'tracking_id' | 'kabupaten_kode' | 'is_rahasia'> | undefined
      if (!c) throw new DomainError('NOT_FOUND', `Laporan ${id} tidak ditemukan`)
      if (c.kabupaten_kode !== kabupaten) {
        throw new DomainError('INVALID', `Laporan #${c.tracking_id} bukan milik kabupaten ${kabupaten}`)
      }
      if (c.is_rahasia) {
        throw new DomainError('INVALID', `Laporan #${c.tracking_id} bersifat rahasia dan tidak boleh tampil di briefing`)
      }
    }
    const before = stored(db, kabupaten, period)
    db.prepare('DELETE FROM briefing_case WHERE kabupaten_kode = ? AND period_from = ? AND period_to = ?').run(kabupaten, period.from, period.to)
    const insert = db.prepare(
      `INSERT INTO briefing_case (kabupaten_kode, period_from, period_to, complaint_id, position, note, chosen_by, chosen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    choices.forEach((c, i) => insert.run(kabupaten, period.from, period.to, c.complaintId, i + 1, c.note?.trim() || null, user.id, now))
    appendAudit(
      db,
      user,
      {
        action: 'briefing.set_notable',
        entity: 'briefing',
        entityId: `${kabupaten}/${period.from}/${period.to}`,
        before,
        after: stored(db, kabupaten, period),
      },
      now,
    )
  }).immediate()
}

// Linking duplicates: an operator says complaint X reports the same problem as main complaint M. Chains are
// flattened (M is never itself a duplicate: linking to a duplicate links to its main, and a main's own duplicates
// move with it), both must be of the same kabupaten, and every link and unlink is audited in the same transaction.
import type { Db } from '#main/store/open.ts'
import type { SessionUser } from '#main/users/session.ts'
import { DomainError } from '#main/errors.ts'
import { appendAudit } from '#main/audit/log.ts'

type Ref = { id: number; tracking_id: string; kabupaten_kode: string }

function complaintRef(db: Db, id: number): Ref {
  const row = db.prepare('SELECT id, tracking_id, kabupaten_kode FROM complaint WHERE id = ?').get(id) as Ref | undefined
  if (!row) throw new DomainError('NOT_FOUND', `Laporan dengan id ${id} tidak ada.`)
  return row
}

const mainOf = (db: Db, id: number) => db.prepare('SELECT main_id FROM complaint_duplicate WHERE complaint_id = ?').pluck().get(id) as number | undefined

export type LinkResult = { id: number; mainId: number; moved: number[] }

/** Links complaint `id` as a duplicate of `mainId` (or of the main `mainId` is itself linked to). */
export function linkDuplicate(db: Db, user: SessionUser, id: number, mainId: number, score: number | null = null, now = Date.now()): LinkResult {
  const link = db.transaction((): LinkResult => {
      const dup = complaintRef(db, id)
      const main = complaintRef(db, mainOf(db, mainId) ?? mainId)
      if (dup.id === main.id) throw new DomainError('INVALID', `Laporan ${dup.tracking_id} tidak dapat menjadi duplikat dirinya sendiri.`)
      if (dup.kabupaten_kode !== main.kabupaten_kode) {
        throw new DomainError('INVALID', `Laporan ${dup.tracking_id} dan ${main.tracking_id} berasal dari kabupaten yang berbeda; tidak dapat ditautkan.`)
      }
      const before = mainOf(db, dup.id) ?? null
      // The duplicate's own duplicates follow it to the new main.
      const moved = db.prepare('SELECT complaint_id FROM complaint_duplicate WHERE main_id = ?').pluck().all(dup.id) as number[]
      db.prepare('UPDATE complaint_duplicate SET main_id = ? WHERE main_id = ?').run(main.id, dup.id)
      db.prepare(
        `INSERT INTO complaint_duplicate (complaint_id, main_id, score, linked_by, linked_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (complaint_id) DO UPDATE SET main_id = excluded.main_id, score = excluded.score, linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
      ).run(dup.id, main.id, score, user.id, now)
      appendAudit(
        db,
        user,
        {
          action: 'complaint.link_duplicate',
          entity: 'complaint',
          entityId: dup.id,
          before: before === null ? null : { main: complaintRef(db, before).tracking_id },
          after: { main: main.tracking_id, ...(moved.length ? { moved: moved.length } : {}) },
        },
        now,
      )
      return { id: dup.id, mainId: main.id, moved }
  })
  return link.immediate()
}

/** Ends the link of complaint `id` to its main; false when it was not linked. */
export function unlinkDuplicate(db: Db, user: SessionUser, id: number, now = Date.now()): boolean {
  const unlink = db.transaction((): boolean => {
      const dup = complaintRef(db, id)
      const main = mainOf(db, dup.id)
      if (main === undefined) return false
      db.prepare('DELETE FROM complaint_duplicate WHERE complaint_id = ?').run(dup.id)
      appendAudit(db, user, { action: 'complaint.unlink_duplicate', entity: 'complaint', entityId: dup.id, before: { main: complaintRef(db, main).tracking_id }, after: null }, now)
      return true
  })
  return unlink.immediate()
}

export type DuplicateLinks = {
  main: { id: number; tracking_id: string } | null
  /** With the unit holding each, so that an action on the main can be applied to them too (a second disposition is a reassignment). */
  duplicates: { id: number; tracking_id: string; score: number | null; unit_id: number | null }[]
}

/** The main of complaint `id` (null when it is not a duplicate) and its own duplicates. */
export function duplicateLinks(db: Db, id: number): DuplicateLinks {
  const main = db
    .prepare('SELECT c.id, c.tracking_id FROM complaint_duplicate d JOIN complaint c ON c.id = d.main_id WHERE d.complaint_id = ?')
    .get(id) as { id: number; tracking_id: string } | undefined
  const duplicates = db
    .prepare('SELECT c.id, c.tracking_id, d.score, c.unit_id FROM complaint_duplicate d JOIN complaint c ON c.id = d.complaint_id WHERE d.main_id = ? ORDER BY c.submitted_at, c.id')
    .all(id) as DuplicateLinks['duplicates']
  return { main: main ?? null, duplicates }
}

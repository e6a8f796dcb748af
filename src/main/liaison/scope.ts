// What a liaison (penghubung) profile may see and touch: the complaints held by its units and their sub-units
// (a kabupaten's OPD liaison answers for its bidang and UPT; a kecamatan's for its desa). Every liaison read and
// action goes through here; the API lets a penghubung profile call nothing but liaison.* (app/api/trpc.ts).
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from '../users/session.ts'

export type Liaison = SessionUser & { units: number[] }

/** The units and every unit below them (unit.parent_id), ids ascending. */
export function unitsUnder(db: Db, roots: readonly number[]): number[] {
  if (roots.length === 0) return []
  const rows = db
    .prepare(
      `WITH RECURSIVE tree(id) AS (SELECT value FROM json_each(?) UNION SELECT u.id FROM unit u JOIN tree t ON u.parent_id = t.id)
       SELECT id FROM tree ORDER BY id`,
    )
    .pluck()
    .all(JSON.stringify(roots)) as number[]
  return rows
}

export function isLiaison(user: SessionUser): user is Liaison {
  return user.role === 'penghubung' && Array.isArray(user.units) && user.units.length > 0
}

export function asLiaison(user: SessionUser): Liaison {
  if (!isLiaison(user)) throw new DomainError('FORBIDDEN', `Profil ${user.username} bukan penghubung unit atau belum diberi unit`)
  return user
}

export type OwnComplaint = {
  id: number
  kabupaten_kode: string
  status: string
  unit_id: number
  is_anonim: number
  is_rahasia: number
  tracking_id: string
}

/** The complaint if one of the liaison's units (or sub-units) holds it now; refused otherwise, with the same words
 *  whether it exists or not, so a liaison cannot probe other units' complaints by id. */
export function ownComplaint(db: Db, user: Liaison, id: number): OwnComplaint {
  const c = db
    .prepare('SELECT id, kabupaten_kode, status, unit_id, is_anonim, is_rahasia, tracking_id FROM complaint WHERE id = ?')
    .get(id) as (Omit<OwnComplaint, 'unit_id'> & { unit_id: number | null }) | undefined
  if (!c || c.unit_id === null || !unitsUnder(db, user.units).includes(c.unit_id)) {
    throw new DomainError('FORBIDDEN', `Laporan #${id} tidak berada di unit Anda`)
  }
  return c as OwnComplaint
}

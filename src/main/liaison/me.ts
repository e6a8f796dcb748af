// Who the signed-in liaison is and which units it answers for; the units of its kabupaten (names only, public) for
// the "belongs to" choice of a return.
import type { Db } from '../store/open.ts'
import type { Liaison } from './scope.ts'

export type UnitRef = { id: number; kode: string; nama: string; jenis: string; parentId: number | null }

export function liaisonMe(db: Db, user: Liaison) {
  const units = db
    .prepare('SELECT id, kode, nama, kind AS jenis, parent_id AS parentId, kabupaten_kode FROM unit WHERE id IN (SELECT value FROM json_each(?)) ORDER BY nama')
    .all(JSON.stringify(user.units)) as (UnitRef & { kabupaten_kode: string })[]
  const kode = units[0]?.kabupaten_kode ?? user.kabupaten?.[0] ?? ''
  const nama = (db.prepare('SELECT nama FROM kabupaten WHERE kode = ?').pluck().get(kode) as string | undefined) ?? kode
  return {
    nama: user.nama,
    username: user.username,
    role: user.role,
    units: units.map(({ kabupaten_kode: _k, ...u }) => u),
    kabupaten: { kode, nama },
  }
}

/** The active units of the liaison's kabupaten, for naming where a returned complaint belongs. */
export function kabupatenUnits(db: Db, user: Liaison): UnitRef[] {
  return db
    .prepare(
      `SELECT id, kode, nama, kind AS jenis, parent_id AS parentId FROM unit
       WHERE is_active = 1 AND kind <> 'pemkab' AND kabupaten_kode IN (SELECT value FROM json_each(?)) ORDER BY nama`,
    )
    .all(JSON.stringify(user.kabupaten ?? [])) as UnitRef[]
}

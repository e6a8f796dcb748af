// Reads of the unit tree (Pemkab -> OPD -> bidang/UPT, kecamatan and desa offices).
import type { Db } from '#main/store/open.ts'
import type { UnitRow } from '#main/store/rows.ts'

/** A unit as lists show it: everything but its kabupaten (asked for) and upstream id (sync's business). */
export type UnitListing = Omit<UnitRow, 'kabupaten_kode' | 'upstream_id'>

export function listUnits(db: Db, kabupaten: string): UnitListing[] {
  return db
    .prepare(
      `SELECT id, parent_id, kind, kode, nama, singkatan, region_kode, is_confirmed, is_active
       FROM unit WHERE kabupaten_kode = ? ORDER BY kind <> 'pemkab', kind <> 'opd', nama`,
    )
    .all(kabupaten) as UnitListing[]
}

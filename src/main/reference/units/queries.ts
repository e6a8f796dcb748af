// Reads of the unit tree (Pemkab -> OPD -> bidang/UPT, kecamatan and desa offices).
import type { Db } from '#main/store/open.ts'
import type { UnitKind } from '#shared/domain.ts'

export type UnitRow = {
  id: number
  parent_id: number | null
  kind: UnitKind
  kode: string
  nama: string
  singkatan: string | null
  region_kode: string | null
  is_confirmed: 0 | 1
  is_active: 0 | 1
}

export function listUnits(db: Db, kabupaten: string): UnitRow[] {
  return db
    .prepare(
      `SELECT id, parent_id, kind, kode, nama, singkatan, region_kode, is_confirmed, is_active
       FROM unit WHERE kabupaten_kode = ? ORDER BY kind <> 'pemkab', kind <> 'opd', nama`,
    )
    .all(kabupaten) as UnitRow[]
}

// Reads of the region tables: kabupaten, kecamatan, desa and their boundaries.
import { DomainError } from '#main/errors.ts'
import type { Db } from '#main/store/open.ts'
import type { KabupatenRow } from '#main/store/rows.ts'

export type { KabupatenRow }

export function listKabupaten(db: Db): KabupatenRow[] {
  return db.prepare('SELECT * FROM kabupaten ORDER BY kode').all() as KabupatenRow[]
}

export function getKabupaten(db: Db, kode: string): KabupatenRow {
  const row = db.prepare('SELECT * FROM kabupaten WHERE kode = ?').get(kode) as KabupatenRow | undefined
  if (!row) throw new DomainError('NOT_FOUND', `Kabupaten ${kode} tidak ada di berkas data ini`)
  return row
}

export type RegionRow = { kode: string; nama: string; lat: number; lon: number }

export function listKecamatan(db: Db, kabupaten: string): RegionRow[] {
  return db.prepare('SELECT kode, nama, lat, lon FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode').all(kabupaten) as RegionRow[]
}

export function listDesa(db: Db, kecamatan: string): (RegionRow & { jenis: string })[] {
  return db.prepare('SELECT kode, nama, jenis, lat, lon FROM desa WHERE kecamatan_kode = ? ORDER BY kode').all(kecamatan) as (RegionRow & {
    jenis: string
  })[]
}

/** GeoJSON FeatureCollection of a kabupaten's kecamatan, or of one kecamatan's desa. */
export function boundaries(db: Db, level: 'kecamatan' | 'desa', parentKode: string) {
  const rows = (
    level === 'kecamatan'
      ? db.prepare('SELECT kode, nama, lat, lon, geometry FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode').all(parentKode)
      : db.prepare('SELECT kode, nama, jenis, lat, lon, geometry FROM desa WHERE kecamatan_kode = ? ORDER BY kode').all(parentKode)
  ) as (RegionRow & { jenis?: string; geometry: string })[]
  return {
    type: 'FeatureCollection' as const,
    // The source as its licence asks it be named; the screens put it in words of their language ("Batas wilayah: …").
    attribution: 'cahyadsn/wilayah_boundaries (MIT), kode Kemendagri',
    features: rows.map(({ geometry, ...props }) => ({
      type: 'Feature' as const,
      properties: props,
      geometry: JSON.parse(geometry) as { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown },
    })),
  }
}

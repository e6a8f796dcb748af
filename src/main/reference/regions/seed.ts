// Seeds a kabupaten into the store: its kecamatan and desa (Kemendagri codes, names and boundaries from
// resources/geo, MIT © Cahya DSN, see resources/geo/LICENSE-source-data.txt), its unit tree and the category tree.
// Idempotent: seeding twice changes nothing.
import polylabel from 'polylabel'
import type { Db } from '#main/store/open.ts'
import { readJson } from '#main/resources.ts'
import { kabupatenSeed } from '../kabupaten.ts'
import { seedUnits } from '../units/seed.ts'
import { seedCategories } from '../categories/seed.ts'
import { seedOfficialHolidays } from '#main/calendar/holiday-import.ts'

type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }
type Feature = { properties: { kode: string; nama: string; jenis?: 'desa' | 'kelurahan'; kecamatan_kode?: string }; geometry: Geometry }

/** Label point: the pole of inaccessibility of the largest part, so a label sits inside even a crescent. */
export function labelPoint(geometry: Geometry): [lon: number, lat: number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let best = polygons[0]
  let bestArea = -1
  for (const p of polygons) {
    const area = Math.abs(ringArea(p[0]))
    if (area > bestArea) [best, bestArea] = [p, area]
  }
  const [lon, lat] = polylabel(best, 0.0005)
  return [lon, lat]
}

function ringArea(ring: number[][]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1])
  return sum / 2
}

function readFeatures(file: string): Feature[] {
  return readJson<{ features: Feature[] }>('geo', file).features
}

export function seedKabupaten(db: Db, kode: string): void {
  const k = kabupatenSeed(kode)
  const exists = db.prepare('SELECT 1 FROM kabupaten WHERE kode = ?').get(kode)
  if (exists) return
  const kecamatan = readFeatures(k.kecamatan_geojson)
  const desa = readFeatures(k.desa_geojson)
  db.transaction(() => {
    db.prepare(
      `INSERT INTO kabupaten (kode, nama, provinsi_kode, provinsi, ibukota, time_zone, utc_offset_minutes)
       VALUES (@kode, @nama, @provinsi_kode, @provinsi, @ibukota, @time_zone, @utc_offset_minutes)`,
    ).run(k)
    const insKec = db.prepare('INSERT INTO kecamatan (kode, kabupaten_kode, nama, lat, lon, geometry) VALUES (?, ?, ?, ?, ?, ?)')
    for (const f of kecamatan) {
      const [lon, lat] = labelPoint(f.geometry)
      insKec.run(f.properties.kode, kode, f.properties.nama, lat, lon, JSON.stringify(f.geometry))
    }
    const insDesa = db.prepare('INSERT INTO desa (kode, kecamatan_kode, nama, jenis, lat, lon, geometry) VALUES (?, ?, ?, ?, ?, ?, ?)')
    for (const f of desa) {
      const [lon, lat] = labelPoint(f.geometry)
      insDesa.run(f.properties.kode, f.properties.kecamatan_kode, f.properties.nama, f.properties.jenis, lat, lon, JSON.stringify(f.geometry))
    }
    seedCategories(db)
    seedUnits(db, k)
    // National days off (SKB table); only adds, so a date an admin switched off stays off.
    seedOfficialHolidays(db)
  }).immediate()
}

// The kabupaten tanggap ships data for (resources/seed/kabupaten.json): what each one's regions, units and
// boundaries are seeded from.
import { readJson } from '#main/resources.ts'
import type { KabupatenRow } from '#main/store/rows.ts'

/** The kabupaten row as stored, plus what its regions, units and boundaries are seeded from. */
export type KabupatenSeed = KabupatenRow & {
  capital_kecamatan: string[]
  wilayah: string
  kecamatan_geojson: string
  desa_geojson: string
  units: string
}

export function kabupatenSeeds(): KabupatenSeed[] {
  return readJson<{ kabupaten: KabupatenSeed[] }>('seed', 'kabupaten.json').kabupaten
}

export function kabupatenSeed(kode: string): KabupatenSeed {
  const seed = kabupatenSeeds().find((k) => k.kode === kode)
  if (!seed) {
    const known = kabupatenSeeds().map((k) => `${k.kode} (${k.nama})`).join(', ')
    throw new Error(`Kabupaten ${kode} tidak dikenal. Yang tersedia: ${known}`)
  }
  return seed
}

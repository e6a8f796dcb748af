// The unit tree of a kabupaten: Pemkab -> OPD -> bidang (resources/seed/units-<kode>.json), plus one unit per
// kecamatan office and per desa/kelurahan government, since a disposition can go to any of them.
import type { Db } from '#main/store/open.ts'
import { readJson } from '#main/resources.ts'
import type { KabupatenSeed } from '../regions/seed.ts'

type OpdSeed = {
  key: string
  nama: string
  singkatan: string
  confirmed: boolean
  bidang?: [key: string, nama: string, confirmed?: boolean][]
}

export function seedUnits(db: Db, k: KabupatenSeed): void {
  const tree = readJson<{ pemkab: string; opd: OpdSeed[] }>('seed', k.units)
  const insert = db.prepare(
    `INSERT INTO unit (kabupaten_kode, parent_id, kind, kode, nama, singkatan, region_kode, is_confirmed)
     VALUES (@kab, @parent, @kind, @kode, @nama, @singkatan, @region, @confirmed)`,
  )
  const add = (row: { parent: number | null; kind: string; kode: string; nama: string; singkatan?: string | null; region?: string | null; confirmed: boolean }) =>
    Number(
      insert.run({
        kab: k.kode,
        parent: row.parent,
        kind: row.kind,
        kode: row.kode,
        nama: row.nama,
        singkatan: row.singkatan ?? null,
        region: row.region ?? null,
        confirmed: row.confirmed ? 1 : 0,
      }).lastInsertRowid,
    )
  const pemkab = add({ parent: null, kind: 'pemkab', kode: k.kode, nama: tree.pemkab, confirmed: true })
  for (const opd of tree.opd) {
    const opdId = add({ parent: pemkab, kind: 'opd', kode: `${k.kode}/${opd.key}`, nama: opd.nama, singkatan: opd.singkatan, confirmed: opd.confirmed })
    for (const [key, nama, confirmed] of opd.bidang ?? []) {
      add({ parent: opdId, kind: 'bidang', kode: `${k.kode}/${opd.key}/${key}`, nama, confirmed: confirmed ?? false })
    }
  }
  const kecamatan = db.prepare('SELECT kode, nama FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode').all(k.kode) as { kode: string; nama: string }[]
  const desaOf = db.prepare('SELECT kode, nama, jenis FROM desa WHERE kecamatan_kode = ? ORDER BY kode')
  for (const kec of kecamatan) {
    const kecId = add({ parent: pemkab, kind: 'kecamatan', kode: `${k.kode}/kec/${kec.kode}`, nama: `Kecamatan ${kec.nama}`, region: kec.kode, confirmed: true })
    for (const d of desaOf.all(kec.kode) as { kode: string; nama: string; jenis: string }[]) {
      const label = d.jenis === 'kelurahan' ? 'Kelurahan' : 'Desa'
      add({ parent: kecId, kind: 'desa', kode: `${k.kode}/desa/${d.kode}`, nama: `${label} ${d.nama}`, region: d.kode, confirmed: true })
    }
  }
}

// Where demo complaints happen: real kecamatan and desa from the store with a stable skew (the capital much
// busier, the rest by a per-kecamatan weight that does not depend on the seed), points jittered inside the desa,
// and the local names citizens mention (roads, schools, puskesmas, ports) for the texts.
import type { Db } from '#main/store/open.ts'
import { Rng, Weighted, stableUnit } from './random.ts'

export type Desa = {
  kode: string
  nama: string
  /** Name as citizens write it (no "(alias)" suffix). */
  label: string
  jenis: 'desa' | 'kelurahan'
  lat: number
  lon: number
  /** Radius in degrees around (lat, lon) that stays inside the desa boundary. */
  radius: number
}

export type Kecamatan = {
  kode: string
  nama: string
  isCapital: boolean
  desa: Desa[]
  desaTable: Weighted<Desa>
}

export type Local = {
  short: string
  roads: string[]
  poros: string[]
  ports: string[]
  airports: string[]
  vessels: string[]
  markets: string[]
  pln: string
  bpjn: string
}

// Local colour per kabupaten: names citizens would actually type. Generic where unsure.
const LOCAL: Record<string, Local> = {
  '64.08': {
    short: 'Kutim',
    roads: ['Jl. Yos Sudarso', 'Jl. APT Pranoto', 'Jl. Soekarno-Hatta', 'Jl. Pendidikan', 'Jl. Jend. Sudirman', 'Jl. Diponegoro',
      'Jl. Cut Nyak Dien', 'Jl. Gajah Mada', 'Jl. Pinang', 'Jl. Kabo Jaya', 'Jl. Poros Kabo', 'Jl. Masjid', 'Jl. Mulawarman'],
    poros: ['jalan poros Sangatta–Bontang', 'jalan poros Sangatta–Bengalon', 'jalan poros Sangatta–Rantau Pulung',
      'jalan poros Muara Wahau–Kongbeng', 'jalan poros Sangkulirang–Kaliorang', 'jalan poros Kaubun–Kaliorang', 'jalan trans Kaltara'],
    ports: ['Pelabuhan Kenyamukan', 'Pelabuhan Maloy', 'dermaga Sangkulirang', 'dermaga Muara Bengkal'],
    airports: ['bandara perintis'],
    vessels: ['speedboat', 'kapal penyeberangan', 'klotok', 'kapal barang'],
    markets: ['Pasar Induk Sangatta', 'Pasar Sangatta Selatan', 'pasar Muara Wahau', 'pasar Bengalon'],
    pln: 'PLN ULP Sangatta',
    bpjn: 'BBPJN Kalimantan Timur',
  },
  '21.03': {
    short: 'Natuna',
    roads: ['Jl. Soekarno-Hatta', 'Jl. Datuk Kaya Wan Moh. Benteng', 'Jl. Pramuka', 'Jl. Yos Sudarso', 'Jl. Batu Sisir',
      'Jl. Kartini', 'Jl. Hang Tuah', 'Jl. Imam Bonjol', 'Jl. Sudirman', 'Jl. Adi Sucipto', 'Jl. Pelabuhan'],
    poros: ['jalan poros Ranai–Tanjung', 'jalan poros Ranai–Selat Lampa', 'jalan lingkar Bunguran', 'jalan poros Ranai–Kelarik',
      'jalan poros Ranai–Cemaga'],
    ports: ['Pelabuhan Selat Lampa', 'Pelabuhan Penagi', 'Pelabuhan Sedanau', 'pelabuhan Midai', 'pelabuhan Serasan', 'dermaga Subi'],
    airports: ['Bandara Raden Sadjad'],
    vessels: ['KM Bukit Raya', 'kapal perintis', 'kapal tol laut', 'speedboat', 'pompong'],
    markets: ['Pasar Ranai', 'pasar ikan Ranai', 'pasar Sedanau'],
    pln: 'PLN ULP Ranai',
    bpjn: 'BPJN Kepulauan Riau',
  },
}

export class Places {
  readonly kecamatan: Kecamatan[]
  readonly local: Local
  private readonly kecTable: Weighted<Kecamatan>

  constructor(db: Db, kabupaten: string, capital: readonly string[]) {
    this.local = LOCAL[kabupaten] ?? { ...LOCAL['64.08'], short: kabupaten }
    const kecRows = db
      .prepare('SELECT kode, nama FROM kecamatan WHERE kabupaten_kode = ? ORDER BY kode')
      .all(kabupaten) as { kode: string; nama: string }[]
    const desaRows = db
      .prepare(
        `SELECT d.kode, d.kecamatan_kode, d.nama, d.jenis, d.lat, d.lon, d.geometry FROM desa d
         JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ? ORDER BY d.kode`,
      )
      .all(kabupaten) as { kode: string; kecamatan_kode: string; nama: string; jenis: 'desa' | 'kelurahan'; lat: number; lon: number; geometry: string | null }[]

    this.kecamatan = kecRows.map((k) => {
      const desa = desaRows
        .filter((d) => d.kecamatan_kode === k.kode && d.lat != null && d.lon != null)
        .map((d) => ({
          kode: d.kode,
          nama: d.nama,
          label: d.nama.replace(/\s*\(.*\)\s*$/, ''),
          jenis: d.jenis,
          lat: d.lat,
          lon: d.lon,
          radius: Math.min(0.012, 0.7 * distanceToBoundary(d.lon, d.lat, d.geometry)),
        }))
      // Kelurahan are the town centres: busier than a village of the same kecamatan.
      const desaTable = new Weighted(desa.map((d) => [d, (d.jenis === 'kelurahan' ? 3 : 1) * (0.3 + 1.4 * stableUnit(d.kode))] as const))
      return { kode: k.kode, nama: k.nama, isCapital: capital.includes(k.kode), desa, desaTable }
    })
    // The capital takes ~40% of all located complaints; the rest share 60% by size (number of desa) and a stable
    // per-kecamatan factor, so the same kecamatan is always the busy one whatever the seed.
    const others = this.kecamatan.filter((k) => !k.isCapital)
    const capitals = this.kecamatan.filter((k) => k.isCapital)
    const otherRaw = others.map((k) => Math.pow(Math.max(1, k.desa.length), 0.6) * (0.35 + 1.3 * stableUnit('kec' + k.kode)))
    const otherSum = otherRaw.reduce((a, b) => a + b, 0) || 1
    const capRaw = capitals.map((k) => 1 + stableUnit('cap' + k.kode))
    const capSum = capRaw.reduce((a, b) => a + b, 0) || 1
    const capShare = capitals.length && others.length ? 0.4 : capitals.length ? 1 : 0
    this.kecTable = new Weighted([
      ...capitals.map((k, i) => [k, (capShare * capRaw[i]) / capSum] as const),
      ...others.map((k, i) => [k, ((1 - capShare) * otherRaw[i]) / otherSum] as const),
    ])
  }

  pickKecamatan(rng: Rng): Kecamatan {
    return this.kecTable.sample(rng)
  }

  pickDesa(rng: Rng, kec: Kecamatan): Desa | null {
    return kec.desa.length ? kec.desaTable.sample(rng) : null
  }

  /** A point inside the desa: uniform in a disc that stays within its boundary. */
  jitter(rng: Rng, d: Desa): [lat: number, lon: number] {
    const r = d.radius * Math.sqrt(rng.next())
    const a = 2 * Math.PI * rng.next()
    const lat = d.lat + r * Math.sin(a)
    const lon = d.lon + (r * Math.cos(a)) / Math.cos((d.lat * Math.PI) / 180)
    return [Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6]
  }

  school(rng: Rng, kec: Kecamatan | null): string {
    const where = kec?.nama ?? this.kecamatan[rng.int(this.kecamatan.length)].nama
    const big = kec?.isCapital ? 2 : 1
    const r = rng.next()
    if (r < 0.55) return `SDN ${String(rng.range(1, 12 * big)).padStart(3, '0')} ${where}`
    if (r < 0.8) return `SMPN ${rng.range(1, 4 * big)} ${where}`
    if (r < 0.9) return `SD Negeri ${String(rng.range(1, 12 * big)).padStart(3, '0')} ${where}`
    return `TK Negeri Pembina ${where}`
  }

  puskesmas(rng: Rng, kec: Kecamatan | null, desa: Desa | null): string {
    if (desa && rng.chance(0.25)) return `Pustu ${desa.label}`
    return `Puskesmas ${kec?.nama ?? this.kecamatan[rng.int(this.kecamatan.length)].nama}`
  }

  road(rng: Rng, kec: Kecamatan | null, desa: Desa | null): string {
    const r = rng.next()
    if (r < 0.3 && (!kec || kec.isCapital || rng.chance(0.4))) return rng.pick(this.local.roads)
    if (r < 0.5) return rng.pick(this.local.poros)
    if (r < 0.7 && desa) return `jalan ${desa.jenis} ${desa.label}`
    if (r < 0.82) return `jalan lingkungan RT ${String(rng.range(1, 35)).padStart(2, '0')}`
    if (r < 0.9) return 'jalan usaha tani'
    return `Gg. ${rng.pick(GANG)}`
  }
}

const GANG = ['Mawar', 'Melati', 'Kenanga', 'Damai', 'Sepakat', 'Harapan', 'Rukun', 'Flamboyan', 'Anggrek', 'Swadaya', 'Keluarga', 'Teratai']

/** Distance in degrees (longitude scaled to the latitude) from a point to the nearest edge of a GeoJSON polygon. */
function distanceToBoundary(lon: number, lat: number, geometry: string | null): number {
  if (!geometry) return 0.005
  const g = JSON.parse(geometry) as { type: string; coordinates: number[][][] | number[][][][] }
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][]
  const k = Math.cos((lat * Math.PI) / 180)
  let best = Infinity
  for (const poly of polygons) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const d = segmentDistance(lon * k, lat, ring[j][0] * k, ring[j][1], ring[i][0] * k, ring[i][1])
        if (d < best) best = d
      }
    }
  }
  return Number.isFinite(best) ? best : 0.005
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const len = dx * dx + dy * dy
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

// Similar reports on a hand-built store: a citizen's rewording with typos in the same desa is found; the same words
// far away or a month later, another problem in the same desa, and two reports that share only a reporter's name
// and NIK are not.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { similarTo } from '#main/serupa/similar.ts'
import { tempStore } from '../helpers.ts'
import { tanggap } from '../cli.ts'

const DAY = 86_400_000
const T = Date.parse('2026-11-10T02:00:00Z')

type Row = { judul: string; isi: string; at?: number; kecamatan?: string | null; desa?: string | null; lat?: number; lon?: number }

let seq = 0
function insert(db: Db, r: Row): number {
  return Number(
    db
      .prepare(
        `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw,
           kecamatan_kode, desa_kode, lat, lon, submitted_at, updated_at)
         VALUES ('64.08', 'test', ?, ?, ?, 'pengaduan', 'web', 'proses', 'Proses', ?, ?, ?, ?, ?, ?)`,
      )
      .run(`S-${++seq}`, r.judul, r.isi, r.kecamatan === undefined ? '64.08.04' : r.kecamatan, r.desa === undefined ? '64.08.04.2001' : r.desa, r.lat ?? null, r.lon ?? null, r.at ?? T, r.at ?? T)
      .lastInsertRowid,
  )
}

const ORIGINAL = {
  judul: 'Jalan berlubang besar di depan SD Negeri 003',
  isi: 'Jalan poros di depan SD Negeri 003 berlubang besar dan tergenang air, sudah dua motor jatuh. Mohon segera ditambal sebelum ada korban.',
}

describe('similar reports', () => {
  it('finds a rewording with typos nearby in place and time, and not what only looks alike', () => {
    const { db, file } = tempStore()
    seedKabupaten(db, '64.08')
    const original = insert(db, ORIGINAL)
    const rewording = insert(db, {
      judul: 'jln berlobang di dpn SD 003',
      isi: 'Tolong jalan poros depan SD negri 003 berlubang besr tergenang air, dua motor sdh jatuh. mohon ditambal segera',
      at: T + 2 * DAY,
    })
    const elsewhere = insert(db, { ...ORIGINAL, kecamatan: '64.08.02', desa: null })
    const monthLater = insert(db, { ...ORIGINAL, at: T + 30 * DAY })
    const otherProblem = insert(db, { judul: 'Lampu jalan mati', isi: 'Lampu penerangan jalan di gang mawar mati sejak seminggu, gelap dan rawan begal.' })
    // Two different problems, the same reporter named with NIK and phone in both.
    const named1 = insert(db, { judul: 'Bantuan sosial belum cair', isi: 'Saya Budi Santoso NIK 6408011204900001 HP 081234567890, BLT belum cair tiga bulan.' })
    const named2 = insert(db, { judul: 'Sampah menumpuk', isi: 'Saya Budi Santoso NIK 6408011204900001 HP 081234567890, sampah di pasar menumpuk seminggu.' })

    const found = similarTo(db, original).similar
    expect(found.map((s) => s.id)).toEqual([rewording])
    expect(found[0]).toMatchObject({ samePlace: 'desa', tracking_id: `S-${rewording - original + 1}` })
    expect(found[0].score).toBeGreaterThanOrEqual(0.45)
    for (const id of [elsewhere, monthLater, otherProblem, named1, named2]) expect(found.map((s) => s.id)).not.toContain(id)
    expect(similarTo(db, named1).similar.map((s) => s.id)).not.toContain(named2)
    // Symmetric enough: the rewording finds the original.
    expect(similarTo(db, rewording).similar.map((s) => s.id)).toContain(original)

    db.close()
    const cli = tanggap(['serupa', '--db', file, '--id', String(original)])
    expect(cli.status, cli.stderr).toBe(0)
    expect(cli.json<{ similar: { id: number; score: number }[] }>().similar.map((s) => s.id)).toEqual([rewording])
    const missing = tanggap(['serupa', '--db', file, '--id', '999999'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/Laporan dengan id 999999 tidak ada/)
  }, 120_000)

  it('counts two points a few hundred metres apart as the same place across a desa border', () => {
    const { db } = tempStore()
    seedKabupaten(db, '64.08')
    const a = insert(db, { ...ORIGINAL, desa: '64.08.04.2001', lat: 0.5, lon: 117.6 })
    const b = insert(db, { ...ORIGINAL, kecamatan: '64.08.02', desa: null, lat: 0.5018, lon: 117.6 }) // 200 m north
    const c = insert(db, { ...ORIGINAL, kecamatan: '64.08.02', desa: null, lat: 0.53, lon: 117.6 }) // 3.3 km
    const found = similarTo(db, a).similar
    expect(found.map((s) => s.id)).toEqual([b])
    expect(found[0].samePlace).toBe('radius')
    expect(found.map((s) => s.id)).not.toContain(c)
  })
})

// Topics that cut across categories, on a hand-built store: steady traffic with varied words flags nothing; the
// same new words ("ulat bulu") filed under Kesehatan, Lingkungan and Infrastruktur in three kecamatan over the last
// three days are one topic row with exactly those complaints — and none of it when those complaints are rahasia,
// or when a burst of new words stays inside one category (that is the category's own row).
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { detectIssues } from '#main/isu/detect.ts'
import { indexTerms } from '#main/isu/terms.ts'
import { openStore } from '#main/store/open.ts'
import { tempStore } from '../helpers.ts'

const DAY = 86_400_000
const WITA = 8 * 3600_000
const T0 = Date.parse('2026-08-01T00:00:00Z') - WITA
const NOW = T0 + 98 * DAY - 60_000

const stores = new Map<Db, string>()

type Row = { at: number; kategori: string; kecamatan: string; judul: string; isi: string; rahasia?: boolean }

let seq = 0
function insert(db: Db, rows: Row[]): number[] {
  const cat = db.prepare('SELECT id FROM category WHERE kode = ?').pluck()
  const ins = db.prepare(
    `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, category_id, status, status_raw,
       kecamatan_kode, submitted_at, updated_at, is_rahasia)
     VALUES ('64.08', 'test', ?, ?, ?, 'pengaduan', 'web', ?, 'proses', 'Proses', ?, ?, ?, ?)`,
  )
  return db
    .transaction(() => rows.map((r) => Number(ins.run(`T-${++seq}`, r.judul, r.isi, cat.get(r.kategori), r.kecamatan, r.at, r.at, r.rahasia ? 1 : 0).lastInsertRowid)))
    .immediate()
}

const STEADY: [kategori: string, judul: string, isi: string][] = [
  ['jalan', 'Jalan rusak', 'Jalan berlubang dan tergenang air, dekat pasar'],
  ['puskesmas', 'Pelayanan puskesmas', 'Antrean puskesmas lama, petugas sedikit, dekat pasar'],
  ['sekolah', 'Guru jarang hadir', 'Guru sekolah dasar sering tidak masuk kelas, dekat pasar'],
  ['sampah', 'Sampah menumpuk', 'Sampah pasar tidak diangkut sudah seminggu, dekat pasar'],
]
const KECAMATAN = ['64.08.04', '64.08.13', '64.08.02']

function steadyStore() {
  const { db, file } = tempStore()
  stores.set(db, file)
  seedKabupaten(db, '64.08')
  const rows: Row[] = []
  for (let d = 0; d < 98; d++) {
    STEADY.forEach(([kategori, judul, isi], k) => {
      for (let i = 0; i < 2; i++) rows.push({ at: T0 + d * DAY + (9 + k + i) * 3600_000, kategori, kecamatan: KECAMATAN[(d + k + i) % 3], judul, isi })
    })
  }
  insert(db, rows)
  return db
}

/** Days 95–97: 2, 4 and 6 reports of caterpillars, cycling through three categories and three kecamatan. */
function caterpillars(rahasia = false, kategori?: string): Row[] {
  const rows: Row[] = []
  let k = 0
  ;[2, 4, 6].forEach((n, i) => {
    for (let j = 0; j < n; j++, k++) {
      rows.push({
        at: T0 + (95 + i) * DAY + (8 + j) * 3600_000,
        kategori: kategori ?? ['puskesmas', 'sampah', 'jalan'][k % 3],
        kecamatan: KECAMATAN[k % 3],
        judul: ['Ulat bulu di rumah warga', 'Serangan ulat bulu', 'Ulat bulu gatal'][k % 3],
        isi: 'Banyak ulat bulu masuk rumah, anak-anak gatal',
        rahasia,
      })
    }
  })
  return rows
}

describe('topics across categories', () => {
  it('flags nothing on steady traffic, yet tests the words', () => {
    const db = steadyStore()
    const report = detectIssues(db, '64.08', NOW)
    expect(report.issues).toEqual([])
    expect(report.model.topicsTested).toBeGreaterThan(0)
    expect(report.model.topicSample).toBeGreaterThan(100)
  })

  it('flags the same new words under three categories as one topic row, with exactly its complaints', () => {
    const db = steadyStore()
    const ids = insert(db, caterpillars())
    const report = detectIssues(db, '64.08', NOW)
    const topics = report.issues.filter((i) => i.topic !== null)
    expect(topics).toHaveLength(1)
    const [t] = topics
    expect(t).toMatchObject({ level: 'kabupaten', kategori: null, kecamatan: null, desa: null, count: 12 })
    expect(t.topic!.split(' ')).toEqual(expect.arrayContaining(['ulat', 'bulu']))
    expect(t.topic!.indexOf('ulat')).toBeLessThan(t.topic!.indexOf('bulu')) // in the order citizens write them
    expect(t.complaints).toEqual(ids)
    expect(t.since).toBe(new Date(T0 + WITA + 95 * DAY).toISOString().slice(0, 10))
    expect(t.expected).toBeLessThan(1)
    expect(t.score).toBeGreaterThan(2)
  })

  it('takes no word from rahasia complaints', () => {
    const db = steadyStore()
    insert(db, caterpillars(true))
    expect(detectIssues(db, '64.08', NOW).issues.filter((i) => i.topic !== null)).toEqual([])
  })

  it('leaves a burst inside one category to that category', () => {
    const db = steadyStore()
    insert(db, caterpillars(false, 'puskesmas'))
    const report = detectIssues(db, '64.08', NOW)
    expect(report.issues.filter((i) => i.topic !== null)).toEqual([])
    expect(report.issues.some((i) => i.kategori?.nama === 'Kesehatan')).toBe(true)
  })

  it('counts the new words of a complaint whose text changed after a request, on this connection and a new one', () => {
    // The stored word lists are kept as numbers by the process (topics.ts), checked against the stored text.
    const db = steadyStore()
    const ids = insert(db, caterpillars())
    while (db.transaction(() => indexTerms(db, { limit: 5_000 })).immediate() > 0);
    expect(detectIssues(db, '64.08', NOW).issues.filter((i) => i.topic !== null)).toHaveLength(1)
    const edit = db.prepare("UPDATE complaint SET judul = '-', isi = 'dan yang di 12' WHERE id = ?")
    db.transaction(() => ids.forEach((id) => edit.run(id))).immediate()
    while (db.transaction(() => indexTerms(db, { limit: 5_000 })).immediate() > 0);
    expect(db.prepare('SELECT count(*) FROM isu_term WHERE complaint_id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(ids))).toBe(ids.length)
    const after = detectIssues(db, '64.08', NOW)
    expect(after.issues.filter((i) => i.topic !== null)).toEqual([])
    expect(after).toEqual(detectIssues(db, '64.08', NOW, {}, 'scan'))
    const other = openStore(stores.get(db)!, { readonly: true })
    try {
      expect(detectIssues(other, '64.08', NOW)).toEqual(after)
    } finally {
      other.close()
    }
  })
})

// Rising issues on a hand-built store: steady traffic for 13 weeks flags nothing; a burst of Kesehatan complaints
// in two desa of one kecamatan is flagged at the kecamatan, from the day it began, with exactly its complaints —
// from the domain and from `tanggap isu`.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { detectIssues } from '#main/isu/detect.ts'
import { tempStore } from '../helpers.ts'
import { tanggap } from '../cli.ts'

const DAY = 86_400_000
const WITA = 8 * 3600_000
/** Local midnight of 2026-08-01 in Kutai Timur, and the test's "now": the end of day 98 after it. */
const T0 = Date.parse('2026-08-01T00:00:00Z') - WITA
const NOW = T0 + 98 * DAY - 60_000

type Row = { at: number; kategori: string; kecamatan: string | null; desa: string | null; judul?: string }

let seq = 0
function insert(db: Db, rows: Row[]): number[] {
  const cat = db.prepare('SELECT id FROM category WHERE kode = ?').pluck()
  const ins = db.prepare(
    `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, category_id, status, status_raw,
       kecamatan_kode, desa_kode, submitted_at, updated_at)
     VALUES ('64.08', 'test', ?, ?, 'Mohon ditindaklanjuti', 'pengaduan', 'web', ?, 'proses', 'Proses', ?, ?, ?, ?)`,
  )
  return db.transaction(() => rows.map((r) => Number(ins.run(`T-${++seq}`, r.judul ?? 'Laporan', cat.get(r.kategori), r.kecamatan, r.desa, r.at, r.at).lastInsertRowid))).immediate()
}

/** 98 days of steady traffic: Infrastruktur in Sangatta Utara every day (2 on weekdays, 1 at the weekend),
 *  Kesehatan somewhere in Teluk Pandan every fourth day, Pendidikan in Muara Wahau every other day. */
function steadyStore() {
  const { db, file } = tempStore()
  seedKabupaten(db, '64.08')
  const rows: Row[] = []
  for (let d = 0; d < 98; d++) {
    const noon = T0 + d * DAY + 12 * 3600_000
    const weekend = (Math.floor((T0 + WITA) / DAY) + d) % 7 === 2 || (Math.floor((T0 + WITA) / DAY) + d) % 7 === 3
    for (let i = 0; i < (weekend ? 1 : 2); i++) rows.push({ at: noon + i * 60_000, kategori: 'jalan', kecamatan: '64.08.04', desa: '64.08.04.2001' })
    if (d % 4 === 0) rows.push({ at: noon, kategori: 'puskesmas', kecamatan: '64.08.13', desa: null })
    if (d % 2 === 0) rows.push({ at: noon, kategori: 'jalan', kecamatan: '64.08.02', desa: null })
  }
  insert(db, rows)
  return { db, file }
}

describe('rising issues', () => {
  it('flags nothing on steady traffic', () => {
    const { db } = steadyStore()
    const report = detectIssues(db, '64.08', NOW)
    expect(report.issues).toEqual([])
    expect(report.model.cellsTested).toBeGreaterThan(0) // Sangatta Utara's Infrastruktur has enough to be tested
    // The weekend is seen as quieter than the week.
    expect(Math.min(...report.model.weekday)).toBeLessThan(0.8)
  })

  it('flags a Kesehatan burst in one kecamatan from its first day, with its complaints, and nothing else', () => {
    const { db, file } = steadyStore()
    const desa = db.prepare("SELECT kode FROM desa WHERE kecamatan_kode = '64.08.13' ORDER BY kode LIMIT 2").pluck().all() as string[]
    // Days 95, 96 and 97 (the last three): 3, 5 and 7 reports of demam berdarah in two desa.
    const burst: Row[] = []
    ;[3, 5, 7].forEach((n, i) => {
      for (let k = 0; k < n; k++) burst.push({ at: T0 + (95 + i) * DAY + (9 + k) * 3600_000, kategori: 'puskesmas', kecamatan: '64.08.13', desa: desa[k % 2], judul: 'Demam berdarah' })
    })
    const ids = insert(db, burst)

    const report = detectIssues(db, '64.08', NOW)
    expect(report.issues.length).toBeGreaterThanOrEqual(1)
    const top = report.issues[0]
    expect(top).toMatchObject({ level: 'kecamatan', kecamatan: { kode: '64.08.13' }, desa: null, kategori: { nama: 'Kesehatan' } })
    expect(top.since).toBe(new Date(T0 + WITA + 95 * DAY).toISOString().slice(0, 10))
    // The burst and no steady complaint of those days (day 96 had one in Teluk Pandan: 96 % 4 = 0).
    const steadyInWindow = (db.prepare("SELECT id FROM complaint WHERE kecamatan_kode = '64.08.13' AND judul = 'Laporan' AND submitted_at >= ?").pluck().all(T0 + 95 * DAY) as number[])
    expect([...top.complaints].sort((a, b) => a - b)).toEqual([...ids, ...steadyInWindow].sort((a, b) => a - b))
    expect(top.count).toBe(15 + steadyInWindow.length)
    expect(top.expected).toBeLessThan(2)
    // The kabupaten's Kesehatan row is the same burst said less precisely: left out.
    expect(report.issues.some((i) => i.level === 'kabupaten' && i.kategori?.nama === 'Kesehatan')).toBe(false)
    // Nothing about the steady categories.
    expect(report.issues.every((i) => i.kategori?.nama === 'Kesehatan')).toBe(true)

    // The same from the command line, for scheduled reports.
    db.close()
    const cli = tanggap(['isu', '--db', file, '--kabupaten', '64.08', '--now', new Date(NOW).toISOString()])
    expect(cli.status, cli.stderr).toBe(0)
    const printed = cli.json<{ issues: { kecamatan: { kode: string; nama: string }; count: number; expected: number; score: number; since: string; complaints: number[] }[] }>()
    expect(printed.issues[0]).toMatchObject({ kecamatan: { kode: '64.08.13', nama: top.kecamatan!.nama }, count: top.count, since: top.since, complaints: top.complaints })
    expect(printed.issues[0].score).toBeGreaterThan(1)
  }, 120_000)

  it('a stricter false-alarm setting flags a small burst later or not at all', () => {
    const { db } = steadyStore()
    insert(db, Array.from({ length: 6 }, (_, k) => ({ at: T0 + 97 * DAY + (8 + k) * 3600_000, kategori: 'puskesmas', kecamatan: '64.08.13', desa: null })))
    const loose = detectIssues(db, '64.08', NOW, { falseAlarmsPerWeek: 2 })
    const strict = detectIssues(db, '64.08', NOW, { falseAlarmsPerWeek: 0.0001 })
    expect(loose.issues.length).toBeGreaterThan(strict.issues.length)
  })

  it('refuses an unknown kabupaten with a message naming it', () => {
    const { db } = tempStore()
    expect(() => detectIssues(db, '99.99', NOW)).toThrow(/Kabupaten 99\.99 tidak ada/)
  })
})

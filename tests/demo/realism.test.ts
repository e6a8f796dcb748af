// What a demo viewer sees should look like a real kabupaten's LAPOR! traffic: shares within loose bands,
// deadlines both met and missed, misroutes that say who got it wrong, texts in citizens' Indonesian.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { WorkCalendar, loadHolidayDays, weekdayOf } from '#main/dev/demo/calendar.ts'
import { openStore, type Db } from '#main/store/open.ts'

const UNTIL = new Date('2026-09-15T10:00:00Z')
const N = 5000
let dir: string
let db: Db
let cal: WorkCalendar

type Row = Record<string, any>
let rows: Row[]

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tanggap-demo-'))
  db = openStore(join(dir, 'demo.db'))
  generateDemo(db, { kabupaten: '64.08', count: N, seed: 3, until: UNTIL })
  generateDemo(db, { kabupaten: '21.03', count: 3000, seed: 4, until: UNTIL })
  cal = new WorkCalendar(480, 19000, 21500, loadHolidayDays())
  rows = db.prepare("SELECT * FROM complaint WHERE kabupaten_kode = '64.08'").all() as Row[]
})

afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})

const share = (pred: (r: Row) => boolean, of: Row[] = rows) => of.filter(pred).length / of.length

describe('demo data realism (Kutai Timur, 5,000 complaints)', () => {
  it('has believable shares of flags, places and klasifikasi', () => {
    expect(share((r) => r.is_anonim === 1)).toBeGreaterThan(0.1)
    expect(share((r) => r.is_anonim === 1)).toBeLessThan(0.2)
    expect(share((r) => r.is_rahasia === 1)).toBeGreaterThan(0.02)
    expect(share((r) => r.is_rahasia === 1)).toBeLessThan(0.09)
    const noPlace = share((r) => r.kecamatan_kode == null)
    expect(noPlace).toBeGreaterThan(0.08)
    expect(noPlace).toBeLessThan(0.16)
    const located = rows.filter((r) => r.kecamatan_kode != null)
    const withDesa = located.filter((r) => r.desa_kode != null)
    expect(withDesa.length / located.length).toBeGreaterThan(0.72)
    expect(withDesa.length / located.length).toBeLessThan(0.88)
    expect(share((r) => r.lat != null, withDesa)).toBeGreaterThan(0.22)
    expect(share((r) => r.lat != null, withDesa)).toBeLessThan(0.38)
    expect(share((r) => r.klasifikasi === 'pengaduan')).toBeGreaterThan(0.74)
    expect(share((r) => r.klasifikasi === 'aspirasi')).toBeGreaterThan(0.08)
    expect(share((r) => r.klasifikasi === 'permintaan_informasi')).toBeGreaterThan(0.05)
    const channels = countBy(rows, (r) => r.channel)
    expect(Math.max(...channels.values())).toBe(channels.get('web'))
    expect(channels.get('setwapres') ?? 0).toBeLessThan(channels.get('twitter')!)
  })

  it('makes the capital kecamatan much busier than the others', () => {
    const byKec = countBy(rows.filter((r) => r.kecamatan_kode), (r) => r.kecamatan_kode)
    const capital = ['64.08.04', '64.08.12'] // Sangatta Utara, Sangatta Selatan
    const capitalShare = capital.reduce((a, k) => a + (byKec.get(k) ?? 0), 0) / [...byKec.values()].reduce((a, b) => a + b, 0)
    expect(capitalShare).toBeGreaterThan(0.3)
    expect(capitalShare).toBeLessThan(0.5)
    const busiestOther = Math.max(...[...byKec].filter(([k]) => !capital.includes(k)).map(([, n]) => n))
    for (const k of capital) expect(byKec.get(k)!).toBeGreaterThan(2 * busiestOther)
    expect(byKec.size).toBe(18) // every kecamatan has some
  })

  it('ends with the usual status mix: tunda, bukan wewenang and arsip are a minority, recent ones still open, a short overdue tail', () => {
    const status = (s: string) => share((r) => r.status === s)
    expect(status('tunda')).toBeGreaterThan(0.03)
    expect(status('tunda')).toBeLessThan(0.09)
    expect(status('bukan_wewenang')).toBeGreaterThan(0.015)
    expect(status('bukan_wewenang')).toBeLessThan(0.05)
    expect(status('arsip')).toBeGreaterThan(0.01)
    expect(status('arsip')).toBeLessThan(0.04)
    expect(status('selesai')).toBeGreaterThan(0.65)
    const until = UNTIL.getTime()
    const isOpen = (r: Row) => ['belum_terverifikasi', 'belum_ditindaklanjuti', 'proses'].includes(r.status)
    const age = (r: Row) => (until - r.submitted_at) / 86_400_000
    const recent = rows.filter((r) => age(r) < 30)
    const overdue = rows.filter((r) => age(r) > 60 && age(r) <= 180)
    const old = rows.filter((r) => age(r) > 180)
    expect(share(isOpen, recent)).toBeGreaterThan(0.4)
    // Past the 60-day cap, a backlog of weeks to months late remains open, far less of it than of the recent ones;
    // beyond six months only a few long-standing cases (every story ends as LAPOR! ends it).
    expect(overdue.filter(isOpen).length).toBeGreaterThan(0)
    expect(share(isOpen, overdue)).toBeLessThan(share(isOpen, recent) / 4)
    expect(share(isOpen, old)).toBeLessThan(0.005)
  })

  it('grows over three years and is quieter at weekends and at night (local time)', () => {
    const byYear = countBy(rows, (r) => new Date(r.submitted_at).getUTCFullYear())
    expect(byYear.get(2026)! / 8.5).toBeGreaterThan(byYear.get(2024)! / 12) // 2026 runs to mid-September
    const local = (r: Row) => r.submitted_at + 480 * 60_000
    const weekend = share((r) => [0, 6].includes(weekdayOf(Math.floor(local(r) / 86_400_000))))
    expect(weekend).toBeGreaterThan(0.12)
    expect(weekend).toBeLessThan(2 / 7 - 0.05)
    const night = share((r) => new Date(local(r)).getUTCHours() < 5)
    expect(night).toBeLessThan(0.04)
    expect(Math.min(...rows.map((r) => r.submitted_at))).toBeGreaterThan(UNTIL.getTime() - 1100 * 86_400_000)
  })

  it('meets the 3-working-day verification deadline most of the time, not always', () => {
    const verified = rows.filter((r) => r.verified_at != null)
    const within = share((r) => cal.workdaysBetween(r.submitted_at, r.verified_at) <= 3, verified)
    expect(within).toBeGreaterThan(0.6)
    expect(within).toBeLessThan(0.82)
  })

  it('answers within 5 working days of disposition about 60% of the time, with slow and fast OPD', () => {
    const answered = rows.filter((r) => r.first_response_at != null)
    const within = (r: Row) => cal.workdaysBetween(r.dispositioned_at, r.first_response_at) <= 5
    expect(share(within, answered)).toBeGreaterThan(0.48)
    expect(share(within, answered)).toBeLessThan(0.72)
    const opdOf = new Map(
      (db.prepare("SELECT u.id, coalesce(p.kode, u.kode) AS opd FROM unit u LEFT JOIN unit p ON p.id = u.parent_id AND p.kind = 'opd'").all() as {
        id: number
        opd: string
      }[]).map((u) => [u.id, u.opd]),
    )
    const rates = [...groupBy(answered, (r) => opdOf.get(r.unit_id)!)].filter(([, rs]) => rs.length >= 60).map(([, rs]) => share(within, rs))
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.25)
  })

  it('misroutes some to a wrong OPD first, then re-dispositions with a reason naming it', () => {
    const redispositions = db
      .prepare(
        `SELECT e.complaint_id, e.reason, c.disposition_count, coalesce(f.singkatan, p.singkatan, f.nama) AS wrong
         FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id
         JOIN unit f ON f.id = e.from_unit_id LEFT JOIN unit p ON p.id = f.parent_id AND f.kind = 'bidang'
         WHERE e.kind = 'disposition' AND e.actor LIKE 'Admin %' AND c.kabupaten_kode = '64.08'`,
      )
      .all() as { complaint_id: number; reason: string; disposition_count: number; wrong: string }[]
    const misrouted = new Set(redispositions.map((r) => r.complaint_id))
    expect(misrouted.size / N).toBeGreaterThan(0.04)
    expect(misrouted.size / N).toBeLessThan(0.12)
    for (const r of redispositions) {
      expect(r.disposition_count).toBeGreaterThanOrEqual(2)
      expect(r.reason).toContain(r.wrong)
    }
    // The wrong unit said so in the history.
    const notes = db
      .prepare("SELECT count(DISTINCT complaint_id) FROM complaint_event WHERE kind = 'note' AND body LIKE '%kewenangan%' AND actor NOT LIKE 'Admin %'")
      .pluck()
      .get() as number
    expect(notes).toBeGreaterThanOrEqual(misrouted.size * 0.9)
  })

  it('sends each topic to the right OPD in the end (a health complaint is not answered by the education office)', () => {
    const final = (category: string) =>
      db
        .prepare(
          `SELECT DISTINCT coalesce(p.kode, u.kode) FROM complaint c JOIN category g ON g.id = c.category_id JOIN unit u ON u.id = c.unit_id
           LEFT JOIN unit p ON p.id = u.parent_id AND p.kind = 'opd'
           WHERE g.kode = ? AND c.first_response_at IS NOT NULL AND c.kabupaten_kode = '64.08'`,
        )
        .pluck()
        .all(category) as string[]
    expect(final('puskesmas')).toEqual(['64.08/dinkes'])
    expect(final('ktp')).toEqual(['64.08/disdukcapil'])
    expect(final('jalan').every((k) => /^64\.08\/(dpupr|perkim|kec|desa)/.test(k))).toBe(true)
    // Dana desa and layanan desa also go to kecamatan offices and desa governments.
    const local = db
      .prepare("SELECT count(*) FROM complaint c JOIN unit u ON u.id = c.unit_id WHERE u.kind IN ('kecamatan', 'desa') AND c.kabupaten_kode = '64.08'")
      .pluck()
      .get() as number
    expect(local).toBeGreaterThan(50)
  })

  it('routes Natuna airport and ship complaints to the right Dishub bidang', () => {
    const count = (kode: string) =>
      db.prepare('SELECT count(*) FROM complaint c JOIN unit u ON u.id = c.unit_id WHERE u.kode = ?').pluck().get(kode) as number
    expect(count('21.03/dishub/udara')).toBeGreaterThan(20)
    expect(count('21.03/dishub/laut')).toBeGreaterThan(40)
    const udaraTexts = db
      .prepare("SELECT isi FROM complaint c JOIN unit u ON u.id = c.unit_id WHERE u.kode = '21.03/dishub/udara' AND c.disposition_count = 1")
      .pluck()
      .all() as string[]
    expect(udaraTexts.filter((isi) => /pesawat|penerbangan|bandara|tiket|maskapai/i.test(isi)).length / udaraTexts.length).toBeGreaterThan(0.9)
  })

  it('writes citizens’ Indonesian: abbreviations, formal letters, ALL CAPS, paragraphs, and some personal data', () => {
    const texts = rows.map((r) => r.isi as string)
    const has = (re: RegExp) => texts.filter((t) => re.test(t)).length / texts.length
    expect(has(/\b(yg|tdk|sdh|blm|utk|dgn|krn|tlg|sy)\b/)).toBeGreaterThan(0.2)
    expect(has(/^Yth\./)).toBeGreaterThan(0.03)
    expect(texts.filter((t) => t.length > 60 && t === t.toUpperCase()).length / texts.length).toBeGreaterThan(0.02)
    expect(has(/\n\n/)).toBeGreaterThan(0.05)
    expect(Math.max(...texts.map((t) => t.length))).toBeGreaterThan(500)
    expect(Math.min(...texts.map((t) => t.length))).toBeLessThan(80)
    expect(new Set(texts).size / texts.length).toBeGreaterThan(0.9)
    const pii = has(/(?<!\d)6408\d{12}(?!\d)|(?:\+62|0)8\d{2}[- ]?\d{3,4}[- ]?\d{3,4}/)
    expect(pii).toBeGreaterThan(0.015)
    expect(pii).toBeLessThan(0.05)
    // Real place names from the store appear in the texts.
    expect(has(/Sangatta|Sangkulirang|Bengalon|Muara Wahau|Kaliorang/)).toBeGreaterThan(0.2)
    const judul = rows.map((r) => r.judul as string)
    expect(Math.max(...judul.map((j) => j.length))).toBeLessThanOrEqual(100)
    expect(judul.every((j) => j.length > 3)).toBe(true)
  })

  it('keeps a reporter identity for anonymous complaints too', () => {
    const anon = db
      .prepare("SELECT count(*) FROM complaint c JOIN reporter r ON r.complaint_id = c.id WHERE c.is_anonim = 1 AND r.nama IS NOT NULL AND c.kabupaten_kode = '64.08'")
      .pluck()
      .get() as number
    expect(anon).toBe(rows.filter((r) => r.is_anonim === 1).length)
  })
})

function countBy<K>(items: Row[], key: (r: Row) => K): Map<K, number> {
  const m = new Map<K, number>()
  for (const r of items) m.set(key(r), (m.get(key(r)) ?? 0) + 1)
  return m
}

function groupBy<K>(items: Row[], key: (r: Row) => K): Map<K, Row[]> {
  const m = new Map<K, Row[]>()
  for (const r of items) {
    const k = key(r)
    if (!m.has(k)) m.set(k, [])
    m.get(k)!.push(r)
  }
  return m
}

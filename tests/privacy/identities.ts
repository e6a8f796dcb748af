// A store where reporter identities sit in every place a public view could leak them from: the reporter table of
// thousands of demo complaints, titles that carry the reporter's own name, NIK, phone and e-mail, rahasia reports
// with telling titles, an operator's note with a phone number, and all of them overdue, recent and chosen as
// notable cases, so they reach every slide and every wall panel. `findLeaks` says which of them a text shows.
import type { Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { setNotableCases } from '#main/briefing/notable.ts'
import { refreshComplaints } from '#main/kpi/refresh.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { insertComplaints } from '../fixtures.ts'

export const PERIOD = { from: '2026-09-01', to: '2026-10-31' }
const UNTIL = new Date('2026-11-20T12:00:00Z')

const SEEDED = [
  {
    tracking_id: 'PRIV-1',
    judul: 'Jalan rusak depan rumah Siti Rahmawati, hubungi 0812-3456-7890',
    reporter: { nama: 'Siti Rahmawati', nik: '6408011204900001', phone: '081234567890', email: 'siti.rahma@example.com' },
  },
  {
    tracking_id: 'PRIV-2',
    judul: 'NIK saya 6408 0112 0490 0002 belum terdaftar di Dukcapil',
    reporter: { nama: 'Budi Santoso', nik: '6408011204900002', phone: '085298765432', email: null },
  },
  {
    tracking_id: 'PRIV-3',
    judul: 'Lampu jalan padam, kabari saya di budi.hartono@example.com atau +62 813 1122 3344',
    reporter: { nama: 'Budi Hartono', nik: '6408015507880003', phone: '081311223344', email: 'budi.hartono@example.com' },
  },
  {
    tracking_id: 'PRIV-4',
    judul: 'Dugaan pungli oknum kecamatan kode RAHASIA-UNIK-77',
    isRahasia: true,
    reporter: { nama: 'Andi Wijaya Kusuma', nik: '6408012301750004', phone: '087755554444', email: null },
  },
  {
    tracking_id: 'PRIV-5',
    judul: 'Pemotongan bantuan oleh aparat desa RAHASIA-UNIK-88',
    isRahasia: true,
    reporter: { nama: 'Maria Goreti Lestari', nik: '6408016608920005', phone: '082155556666', email: null },
  },
]
/** Text only a rahasia report or a complaint's body holds: never on a public view. */
export const SECRET_TEXTS = ['RAHASIA-UNIK-77', 'RAHASIA-UNIK-88', 'ISI-TIDAK-BOLEH-TAMPIL']

export function seedIdentities(db: Db): { ids: number[] } {
  generateDemo(db, { kabupaten: '64.08', count: 1500, seed: 21, until: UNTIL })
  const ids = insertComplaints(
    db,
    SEEDED.map((s, i) => ({ tracking_id: s.tracking_id, submitted: `2026-10-0${i + 1}T01:00:00Z`, judul: s.judul, is_rahasia: s.isRahasia ? 1 : 0 })),
  )
  const setReporter = db.prepare('UPDATE reporter SET nama = ?, nik = ?, phone = ?, email = ? WHERE complaint_id = ?')
  const touch = db.prepare("UPDATE complaint SET isi = 'Mohon ditindak. ISI-TIDAK-BOLEH-TAMPIL', updated_at = ? WHERE id = ?")
  // Newer than everything, so they lead the live feed.
  const newest = (db.prepare('SELECT max(updated_at) FROM complaint').pluck().get() as number) + 1000
  db.transaction(() => {
    SEEDED.forEach((s, i) => {
      setReporter.run(s.reporter.nama, s.reporter.nik, s.reporter.phone, s.reporter.email, ids[i])
      touch.run(Math.max(Date.now(), newest) + i, ids[i])
    })
    refreshComplaints(db, '64.08', ids)
  })()
  const operator = upsertProfile(db, 'op', 'Rina (operator)', 'operator')
  upsertProfile(db, 'dinding', 'Layar dinding', 'viewer')
  upsertProfile(db, 'sup', 'Budi (supervisor)', 'supervisor')
  setNotableCases(db, operator, '64.08', PERIOD, [
    { complaintId: ids[0], note: 'Pelapor Siti Rahmawati (+62 812-3456-7890) minta dihubungi langsung' },
    { complaintId: ids[2], note: 'NIK pelapor 6408015507880003 sudah dicek' },
  ])
  return { ids }
}

export type Identity = { nama: string; nik: string | null; phone: string | null; email: string | null }

export function identities(db: Db): Identity[] {
  return db.prepare('SELECT nama, nik, phone, email FROM reporter').all() as Identity[]
}

/** Digits as one run, whatever grouping the text uses (0812-3456-7890, 6408 0112 …, +62 812 …). */
function digitRuns(text: string): string {
  return text.replace(/(\d)[ .-](?=\d)/g, '$1')
}

/** The identities (full names of two words or more, NIK, phone in 08… or 62… form, e-mail) and secret texts found. */
export function findLeaks(text: string, people: Identity[]): string[] {
  const lower = text.toLowerCase()
  const digits = digitRuns(text)
  const found = new Set<string>()
  for (const p of people) {
    if (p.nama && p.nama.trim().split(/\s+/).length >= 2 && lower.includes(p.nama.toLowerCase())) found.add(`nama ${p.nama}`)
    if (p.nik && digits.includes(p.nik)) found.add(`NIK ${p.nik}`)
    if (p.phone && (digits.includes(p.phone) || digits.includes(`62${p.phone.slice(1)}`))) found.add(`HP ${p.phone}`)
    if (p.email && lower.includes(p.email.toLowerCase())) found.add(`surel ${p.email}`)
  }
  for (const s of SECRET_TEXTS) if (text.includes(s)) found.add(`rahasia ${s}`)
  return [...found]
}

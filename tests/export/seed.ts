// Stores for the export tests: a small hand-made one whose every number is known, and a generated one (the demo
// generator) with realistic reporters, anonim/rahasia flags, and NIK, phone numbers and names typed into texts.
import type { Db } from '#main/store/open.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { rebuildKabupaten } from '#main/kpi/refresh.ts'
import { insertComplaints } from '../fixtures.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { Role } from '#shared/domain.ts'
import { upsertProfile } from '#main/users/profiles.ts'

/** "Now" for every export test: late November 2026, after every fixture. */
export const NOW = Date.parse('2026-11-20T04:00:00Z')
export const JANUARY = { from: '2026-01-01', to: '2026-01-31' }

/**
 * January 2026 in Kutai Timur (WITA, UTC+8): five complaints with known statuses and units, one with a title
 * that would be a formula in a CSV, one whose text has line breaks, a NIK and a phone number.
 */
export function seedKnown(db: Db): void {
  seedKabupaten(db, '64.08')
  insertComplaints(db, [
    // 10:00 WITA on 5 January.
    { tracking_id: 'K1', submitted: '2026-01-05T02:00:00Z', status: 'proses', unitKode: '64.08/setda', judul: '=HYPERLINK("http://contoh.test","klik")' },
    { tracking_id: 'K2', submitted: '2026-01-06T02:30:00Z', status: 'selesai', unitKode: '64.08/setda' },
    { tracking_id: 'K3', submitted: '2026-01-07T03:00:00Z', status: 'tunda' },
    { tracking_id: 'K4', submitted: '2026-01-08T01:00:00Z', status: 'belum_terverifikasi' },
    { tracking_id: 'K5', submitted: '2026-01-09T01:00:00Z', status: 'belum_ditindaklanjuti', unitKode: '64.08/bappeda' },
  ])
  db.prepare("UPDATE complaint SET isi = ? WHERE tracking_id = 'K1'").run('Baris pertama.\nNIK saya 6408011204900001, HP 0812-3456-7890.\nTerima kasih.')
  db.prepare("UPDATE complaint SET category_id = (SELECT id FROM category WHERE kode = 'jalan') WHERE tracking_id IN ('K1', 'K2')").run()
  db.prepare("UPDATE complaint SET disposition_count = 1, dispositioned_at = submitted_at + 3600000 WHERE unit_id IS NOT NULL").run()
  rebuildKabupaten(db, '64.08')
}

export function seedDemo(db: Db, count = 1500): void {
  generateDemo(db, { kabupaten: '64.08', count, seed: 7, until: new Date(NOW) })
}

export function profile(db: Db, role: Role): SessionUser {
  return upsertProfile(db, `uji-${role}`, `Uji ${role}`, role)
}

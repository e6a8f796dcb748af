// The bundled demo: a store with both seed kabupaten and a few years of generated complaints, made on first use
// so that `npm run serve` and `npm start` show a living command centre at once.
import type { Db } from '#main/store/open.ts'
import { generateDemo } from './generate.ts'
import { rebuild } from '#main/routing/learn.ts'
import { hashPasswordSync } from '#main/auth/password.ts'
import { passwordHashOf, setPasswordHash } from '#main/users/profiles.ts'

/** The demo store's sign-in (README: "Demo"): public, like the demo's data; never used for a real store. The desktop
 *  app asks for a password from the first start, so the demo's admin gets this one instead of none. */
export const DEMO_ADMIN_PASSWORD = 'demo-tanggap'

export const DEMO_SETS = [
  { kabupaten: '64.08', count: 20_000, seed: 1 },
  { kabupaten: '21.03', count: 4_000, seed: 2 },
] as const

export function ensureDemoStore(db: Db, log: (line: string) => void = () => {}): void {
  for (const set of DEMO_SETS) {
    const has = db.prepare("SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND source = 'demo'").pluck().get(set.kabupaten) as number
    if (has > 0) continue
    log(`Membuat data demo ${set.kabupaten}: ${set.count.toLocaleString('id-ID')} pengaduan…`)
    generateDemo(db, set)
    rebuild(db, set.kabupaten) // the demo opens with routing suggestions learnt from its history
  }
  // Only while the admin has no password: one set with `tanggap user password` stays.
  const admin = passwordHashOf(db, 'admin')
  if (admin && admin.hash === null) setPasswordHash(db, 'admin', hashPasswordSync(DEMO_ADMIN_PASSWORD))
}

// Which kabupaten a profile may work on. A profile limited to some kabupaten (SessionUser.kabupaten, set with
// `tanggap user add … --kabupaten 21.03`) may neither read nor change anything of another: every API call is
// checked once, in app/api/trpc.ts, through scopeCheck() below; domains may call assertKabupaten() themselves.
import { DomainError } from '../errors.ts'
import type { Db } from '../store/open.ts'
import type { SessionUser } from './session.ts'

type Scoped = Pick<SessionUser, 'username' | 'kabupaten'>

export function inScope(user: Scoped, kode: string): boolean {
  // Absent (an older caller that builds its own SessionUser) counts as unlimited, like null.
  return !user.kabupaten || user.kabupaten.includes(kode)
}

/** Refuses a kabupaten outside the profile's list. */
export function assertKabupaten(user: Scoped, kode: string): void {
  if (!inScope(user, kode)) throw new DomainError('FORBIDDEN', `Profil ${user.username} tidak berwenang atas kabupaten ${kode}`)
}

/** What an API call names, by kind: kabupaten and region codes, complaints, sync sources, quarantine and outbox rows. */
export type ScopeRefs = {
  kabupaten: string[]
  complaints: number[]
  sources: number[]
  quarantine: number[]
  outbox: number[]
  /** Units (OPD, kecamatan offices) an action names, e.g. a disposition's target. */
  units: number[]
}

export const emptyRefs = (): ScopeRefs => ({ kabupaten: [], complaints: [], sources: [], quarantine: [], outbox: [], units: [] })

const LOOKUP: Record<Exclude<keyof ScopeRefs, 'kabupaten'>, { sql: string; what: string }> = {
  complaints: { sql: 'SELECT kabupaten_kode FROM complaint WHERE id = ?', what: 'Laporan' },
  sources: { sql: 'SELECT kabupaten_kode FROM sync_source WHERE id = ?', what: 'Sumber sinkronisasi' },
  quarantine: { sql: 'SELECT s.kabupaten_kode FROM sync_quarantine q JOIN sync_source s ON s.id = q.source_id WHERE q.id = ?', what: 'Karantina' },
  outbox: { sql: 'SELECT s.kabupaten_kode FROM sync_outbox o JOIN sync_source s ON s.id = o.source_id WHERE o.id = ?', what: 'Tindakan kirim-balik' },
  units: { sql: 'SELECT kabupaten_kode FROM unit WHERE id = ?', what: 'Unit' },
}

/**
 * Refuses a call that names anything outside the profile's kabupaten. A row that does not exist passes (the
 * procedure answers "not found" as it would for anyone), so this check tells nothing about other kabupaten.
 */
export function scopeCheck(db: Db, user: Scoped, refs: ScopeRefs): void {
  if (!user.kabupaten) return
  for (const kode of refs.kabupaten) assertKabupaten(user, kode)
  for (const kind of Object.keys(LOOKUP) as (keyof typeof LOOKUP)[]) {
    if (refs[kind].length === 0) continue
    const lookup = db.prepare(LOOKUP[kind].sql).pluck()
    for (const id of new Set(refs[kind])) {
      const kode = lookup.get(id) as string | undefined
      if (kode !== undefined && !inScope(user, kode)) {
        // The same answer as for a kabupaten named outright: the row's own kode is not revealed.
        throw new DomainError('FORBIDDEN', `Profil ${user.username} tidak berwenang atas ${LOOKUP[kind].what.toLowerCase()} #${id} (kabupaten lain)`)
      }
    }
  }
}

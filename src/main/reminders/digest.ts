// The daily digest of a unit: what falls due within the next 2 hari kerja and what is already overdue, from the
// same rows as the liaison's inbox (liaison/inbox.ts). Shown in the app (liaison.digest) and sent by e-mail
// (reminders/run.ts) with the e-mail's privacy (no rahasia content: liaison/privacy.ts LIAISON_MAIL_VIEW).
import type { Db } from '../store/open.ts'
import { SOON_HK } from '#shared/liaison.ts'
import { openRowsOfUnits, type InboxRow } from '../liaison/inbox.ts'
import { LIAISON_MAIL_VIEW, LIAISON_VIEW } from '../liaison/privacy.ts'
import type { Liaison } from '../liaison/scope.ts'
import type { PrivacyView } from '../privacy/policy.ts'

export type Digest = { segera: InboxRow[]; terlambat: InboxRow[] }

export function digestOfUnits(db: Db, units: readonly number[], now = Date.now(), view: PrivacyView = LIAISON_VIEW): Digest {
  const rows = openRowsOfUnits(db, units, now, view)
  return {
    terlambat: rows.filter((r) => r.terlambat),
    segera: rows.filter((r) => !r.terlambat && r.sisaHariKerja !== null && r.sisaHariKerja <= SOON_HK),
  }
}

export function digestForUser(db: Db, user: Liaison, now = Date.now()): Digest & { dibuat: number } {
  return { ...digestOfUnits(db, user.units, now), dibuat: now }
}

export function mailDigestOfUnits(db: Db, units: readonly number[], now = Date.now()): Digest {
  return digestOfUnits(db, units, now, LIAISON_MAIL_VIEW)
}

// Reporter identity is personal data (UU 27/2022). Citizens also type NIK and phone numbers into the complaint
// text itself, so text shown to a role that may not see identities is masked too.
// Who may see identities and rahasia content is in the shared permissions table, which the screens read too.
import { can, PERMISSIONS, type Role } from '#shared/roles.ts'

/** The least role that may see who reported a (non-anonim) complaint. */
export const IDENTITY_ROLE: Role = PERMISSIONS.seeIdentity

export function maySeeIdentity(role: Role): boolean {
  return can(role, 'seeIdentity')
}

/** The least role that may read a rahasia complaint's content. */
export const RAHASIA_ROLE: Role = PERMISSIONS.seeRahasia

export function maySeeRahasia(role: Role): boolean {
  return can(role, 'seeRahasia')
}

// A NIK is 16 digits (often typed with spaces or dots in groups); Indonesian mobile numbers start 08 or +62 8
// and run 9–13 digits, often grouped with spaces or dashes.
const NIK = /(?<!\d)\d(?:[ .-]?\d){15}(?!\d)/g
const PHONE = /(?<![\d+])(?:\+?62[ .-]?|0)8\d(?:[ .-]?\d){6,11}(?!\d)/g

export function maskPersonalNumbers(text: string): string {
  return text.replace(NIK, (m) => (m.replace(/\D/g, '').length === 16 ? '[NIK disembunyikan]' : m)).replace(PHONE, '[nomor disembunyikan]')
}

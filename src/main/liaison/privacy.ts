// The privacy rules of the liaison role (privacy/policy.ts applied to a penghubung): the unit that must act on a
// complaint reads its content, rahasia included (it cannot answer what it cannot read), but never the reporter's
// identity, and every text is masked as for any reader without identity (the reporter's own name, NIK, phone and
// e-mail typed into the text). Anything that leaves the app (the digest e-mail) shows no rahasia content at all.
import type { PrivacyView } from '../privacy/policy.ts'

export const LIAISON_VIEW: PrivacyView = { role: 'penghubung', surface: 'app', identity: false, rahasiaContent: true }

/** An e-mail leaves the Pemda's network: no rahasia content, no identity. */
export const LIAISON_MAIL_VIEW: PrivacyView = { role: 'penghubung', surface: 'export', identity: false, rahasiaContent: false }

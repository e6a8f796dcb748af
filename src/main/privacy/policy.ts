// Who may see what of a complaint, decided in one place for every screen, document and file tanggap produces.
// Reporter identity (name, NIK, phone, email) is personal data under UU 27/2022; anonim reports promise the
// reporter's identity stays hidden; rahasia reports promise the whole report stays out of public view.
//
// Callers ask viewFor(role, surface) once per request, then apply it per complaint with complaintPrivacy() and
// redactText(). The rules:
// - identity: only roles that verify reports (supervisor and up, IDENTITY_ROLE) in the app and in exports;
//   never on the wall or in a briefing (both are shown to rooms and leadership), never for anonim reports.
// - rahasia content (judul, isi, lokasi, coordinates, history texts): not on public-facing surfaces (wall,
//   briefing) for anyone, and not for the viewer role (the profile wall screens run as) anywhere.
// - wherever identity is not shown, NIK-like and phone-like numbers, e-mail addresses and the reporter's own
//   name are masked inside texts, since citizens type them into the complaint itself.
import type { Role } from '#shared/domain.ts'
import { maskPersonalNumbers, maySeeIdentity, maySeeRahasia } from './mask.ts'

export const SURFACES = ['app', 'wall', 'briefing', 'export'] as const
/** app: the interactive screens; wall: big screens in the command centre; briefing: the printed/presented
 *  summary for leadership; export: files (Excel/CSV/PDF) that leave the app. */
export type Surface = (typeof SURFACES)[number]

export type PrivacyView = {
  role: Role
  surface: Surface
  /** May see the reporter of a non-anonim complaint. */
  identity: boolean
  /** May see the content of a rahasia complaint. */
  rahasiaContent: boolean
}

const PUBLIC_FACING: readonly Surface[] = ['wall', 'briefing']

export function viewFor(role: Role, surface: Surface): PrivacyView {
  const isPublic = PUBLIC_FACING.includes(surface)
  return {
    role,
    surface,
    identity: !isPublic && maySeeIdentity(role),
    rahasiaContent: !isPublic && maySeeRahasia(role),
  }
}

export type ComplaintFlags = { is_anonim: 0 | 1 | number; is_rahasia: 0 | 1 | number }

/** What one complaint may show under a view. */
export type ComplaintPrivacy = {
  /** The reporter row may be shown. */
  identity: boolean
  /** Why the reporter is hidden (the detail pane says so), or null when shown. */
  identityHidden: 'anonim' | 'peran' | null
  /** Texts, location and coordinates may be shown at all. */
  content: boolean
  /** Texts must be masked (personal numbers, e-mail addresses, the reporter's own name). */
  maskText: boolean
}

export function complaintPrivacy(view: PrivacyView, c: ComplaintFlags): ComplaintPrivacy {
  const identityHidden = c.is_anonim === 1 ? 'anonim' : view.identity ? null : 'peran'
  return {
    identity: identityHidden === null,
    identityHidden,
    content: c.is_rahasia !== 1 || view.rahasiaContent,
    // An anonim reporter often signs the text itself ("saya Budi, HP 0812…"): masked even for supervisors.
    maskText: identityHidden !== null,
  }
}

/** The reporter as stored, used to mask their own name and numbers in the texts of their complaint. */
export type KnownReporter = { nama: string | null; nik: string | null; phone: string | null; email: string | null }

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Masks personal data in a text; the reporter's own name and NIK are masked in any spelling of case/spacing. */
export function maskText(text: string, reporter?: KnownReporter | null): string {
  let out = maskPersonalNumbers(text).replace(EMAIL, '[email disembunyikan]')
  const nama = reporter?.nama?.trim()
  // A one- or two-letter "name" would mask ordinary words; real names in LAPOR! data are longer. An absurdly long
  // one (a data error) is left out: the pattern built from it would exhaust the regular-expression engine.
  if (nama && nama.length >= 3 && nama.length <= 120) {
    const words = nama.split(/\s+/).map(escapeRegExp).join('\\s+')
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu'), '[nama disembunyikan]')
  }
  return out
}

/** A complaint's text as the view may show it: null when hidden, masked when identity is hidden. */
export function redactText(text: string | null, p: ComplaintPrivacy, reporter?: KnownReporter | null): string | null {
  if (text === null || !p.content) return null
  return p.maskText ? maskText(text, reporter) : text
}

// What a briefing slide or a wall screen may show of a complaint, whoever is signed in. Both are seen by people
// who must not see reporter identity (a meeting room, a control-room wall, a PDF that travels), so the rule is
// applied by the API that feeds them, not by the screen: never the reporter, never the text (isi), never a
// rahasia title, and a title with the reporter's own name, NIK, phone or e-mail (citizens type them anywhere)
// masked before it leaves the server.
import { maskPersonalNumbers } from './mask.ts'

export type KnownIdentity = { nama: string | null; nik: string | null; phone: string | null; email: string | null }

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g
const NAME_HIDDEN = '[nama disembunyikan]'

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The reporter's name (whole, and each part of three letters or more) and contacts, wherever they appear. */
function maskKnownIdentity(text: string, who: KnownIdentity | null): string {
  let out = text
  if (who?.email) out = out.split(who.email).join('[surel disembunyikan]')
  const nama = who?.nama?.trim()
  if (nama) {
    const parts = [nama, ...nama.split(/\s+/).filter((p) => p.replace(/\W/g, '').length >= 3)]
    for (const part of parts) {
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(part)}(?![\\p{L}\\p{N}])`, 'giu'), NAME_HIDDEN)
    }
    out = out.replace(new RegExp(`${escapeRegExp(NAME_HIDDEN)}(?:\\s+${escapeRegExp(NAME_HIDDEN)})+`, 'g'), NAME_HIDDEN)
  }
  // The known numbers in any grouping are caught by the NIK and phone patterns below.
  return out
}

/**
 * The title as a briefing or a wall may show it: null for a rahasia report (the screen says "Laporan rahasia"),
 * otherwise with personal numbers, e-mail addresses and the reporter's own name masked.
 */
export function publicTitle(judul: string | null, isRahasia: 0 | 1 | boolean, who: KnownIdentity | null): string | null {
  if (isRahasia || judul === null) return null
  return maskPersonalNumbers(maskKnownIdentity(judul, who)).replace(EMAIL, '[surel disembunyikan]')
}

/** Free text written by an official for a public view (a note on a notable case): numbers and e-mails masked. */
export function publicNote(text: string | null, who: KnownIdentity | null): string | null {
  if (text === null) return null
  return maskPersonalNumbers(maskKnownIdentity(text, who)).replace(EMAIL, '[surel disembunyikan]')
}

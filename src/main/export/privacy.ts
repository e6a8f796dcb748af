// The privacy rules of an exported complaint row. A file leaves the app (mailed, printed, put on a shared
// drive), so it gets the rules of the screens and one more: wherever the reporter's identity is withheld —
// the role may not see it, or the report is anonim — the reporter's own name is also removed from the texts,
// where citizens often write it ("Saya Budi Santoso, warga …"), along with NIK and phone numbers.
import type { Role } from '../../shared/domain.ts'
import { maskPersonalNumbers, maySeeIdentity, maySeeRahasia } from '../privacy/mask.ts'

export const HIDDEN_RAHASIA = '(rahasia)'
export const HIDDEN_NAME = '[nama disembunyikan]'
export const ANONIM = '(anonim)'

export type RowPrivacy = {
  /** Whether the file has reporter columns at all. */
  hasIdentityColumns: boolean
  /** The texts of one row as this role may read them. */
  texts(row: { is_anonim: 0 | 1; is_rahasia: 0 | 1; reporter_nama: string | null }, values: (string | null)[]): (string | null)[]
  /** Whether this row's reporter may be shown. */
  showsReporter(row: { is_anonim: 0 | 1 }): boolean
}

/** Replaces every occurrence of the name, in any letter case, by a marker. Names shorter than 4 letters are left. */
export function maskName(text: string, name: string | null): string {
  const n = name?.trim()
  if (!n || n.length < 4) return text
  const lower = text.toLowerCase()
  const needle = n.toLowerCase()
  if (!lower.includes(needle)) return text
  let out = ''
  let from = 0
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    out += text.slice(from, at) + HIDDEN_NAME
    from = at + needle.length
  }
  return out + text.slice(from)
}

export function rowPrivacy(role: Role): RowPrivacy {
  const identity = maySeeIdentity(role)
  const rahasia = maySeeRahasia(role)
  return {
    hasIdentityColumns: identity,
    showsReporter: (row) => identity && row.is_anonim === 0,
    texts(row, values) {
      if (row.is_rahasia === 1 && !rahasia) return values.map((v) => (v === null ? null : HIDDEN_RAHASIA))
      if (identity && row.is_anonim === 0) return values
      return values.map((v) => (v === null ? null : maskName(maskPersonalNumbers(v), row.reporter_nama)))
    },
  }
}

/** The Keterangan lines that tell a reader what was withheld from the file and why. */
export function privacyNotes(role: Role): string[] {
  const notes = [
    maySeeIdentity(role)
      ? 'Identitas pelapor (nama, NIK, telepon, email) disertakan karena peran pengekspor berhak melihatnya; pelapor anonim tetap tidak ditampilkan.'
      : 'Identitas pelapor tidak disertakan (peran pengekspor tidak berhak melihatnya); NIK, nomor telepon dan nama pelapor dalam teks disamarkan.',
  ]
  if (!maySeeRahasia(role)) notes.push('Isi laporan rahasia tidak disertakan (ditulis "(rahasia)").')
  if (maySeeIdentity(role)) notes.push('Berkas ini memuat data pribadi yang dilindungi UU 27/2022 tentang Pelindungan Data Pribadi: simpan dan bagikan seperlunya.')
  return notes
}

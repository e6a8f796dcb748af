// The privacy rules of an exported complaint row. A file leaves the app (mailed, printed, put on a shared
// drive), so it gets the rules of the screens and one more: wherever the reporter's identity is withheld —
// the role may not see it, or the report is anonim — the reporter's own name is also removed from the texts,
// where citizens often write it ("Saya Budi Santoso, warga …"), along with NIK and phone numbers.
import type { Role } from '#shared/domain.ts'
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

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|]/g
const names = new Map<string, RegExp>()

/**
 * Replaces the name wherever it stands as whole words, in any letter case: "Saya Eko, warga …" loses "Eko",
 * "listrik" keeps its "tri". Names of one or two letters are left (they would hit ordinary words).
 */
export function maskName(text: string, name: string | null): string {
  const n = name?.trim()
  if (!n || n.length < 3 || !text.toLowerCase().includes(n.toLowerCase())) return text
  let re = names.get(n)
  if (!re) {
    if (names.size > 10_000) names.clear() // a million rows hold many names; keep the cache small
    re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(REGEX_SPECIAL, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu')
    names.set(n, re)
  }
  return text.replace(re, HIDDEN_NAME)
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

// Searching complaint texts under the same rules as showing them. A search that matched the stored text would be
// an oracle: a viewer could confirm words of a rahasia complaint it may not read, or recover a masked NIK digit by
// digit ("3201", "32011", … matches or not). So a search matches only what the caller would see: nothing of a
// rahasia complaint's content for a role that may not read it, and the masked text (policy.ts maskText, the
// reporter's own name and numbers included) wherever the caller sees it masked.
import type { Db } from '../store/open.ts'
import { maskText, type KnownReporter, type PrivacyView } from './policy.ts'

const MASK_FN = 'tanggap_masked_text'
const registered = new WeakSet<Db>()

/** maskText as an SQL function of this connection: (text, reporter as JSON or NULL) → the masked text. */
function ensureMaskFunction(db: Db): void {
  if (registered.has(db)) return
  db.function(MASK_FN, { deterministic: true }, (text: unknown, reporter: unknown) =>
    text === null ? null : maskText(String(text), typeof reporter === 'string' ? (JSON.parse(reporter) as KnownReporter) : null),
  )
  registered.add(db)
}

/**
 * An SQL condition over complaint `c`: `column` contains the words of `like` (a LIKE pattern bound as @like, with
 * `\` as escape) as the view shows that column. The plain LIKE goes first, so the masking runs only for the few
 * rows whose stored text matches; a row matches only if its shown text does too (text that exists only in the
 * mask's placeholder, "[NIK disembunyikan]", is no finding).
 */
export function visibleTextMatch(db: Db, view: PrivacyView, column: 'c.judul' | 'c.isi'): { sql: string } {
  ensureMaskFunction(db)
  const reporter = "(SELECT json_object('nama', r.nama, 'nik', r.nik, 'phone', r.phone, 'email', r.email) FROM reporter r WHERE r.complaint_id = c.id)"
  // Rows whose content the view may not show match on their text not at all.
  const content = view.rahasiaContent ? '1' : 'c.is_rahasia = 0'
  // Texts are masked wherever the identity is hidden: always without the identity permission, else for anonim rows.
  const masked = view.identity ? 'c.is_anonim = 1' : '1'
  // sql-vetted: column is one of two fixed names; content/masked are fixed fragments; values are bound @parameters
  const sql = `(${content} AND ${column} LIKE @like ESCAPE '\\' AND (NOT (${masked}) OR ${MASK_FN}(${column}, ${reporter}) LIKE @like ESCAPE '\\'))`
  return { sql }
}

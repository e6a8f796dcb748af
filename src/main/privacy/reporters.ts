// The only reads of the reporter table outside the detail pane: looking up reporters so that their own name can
// be masked in the texts of their complaints when the reader may not see who they are.
import type { Db } from '../store/open.ts'
import { complaintPrivacy, redactText, type ComplaintFlags, type KnownReporter, type PrivacyView } from './policy.ts'

const CHUNK = 500

export function reportersOf(db: Db, ids: readonly number[]): Map<number, KnownReporter> {
  const found = new Map<number, KnownReporter>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const rows = db
      .prepare(`SELECT complaint_id, nama, nik, phone, email FROM reporter WHERE complaint_id IN (${chunk.map(() => '?').join(', ')})`)
      .all(...chunk) as (KnownReporter & { complaint_id: number })[]
    for (const { complaint_id, ...r } of rows) found.set(complaint_id, r)
  }
  return found
}

/** Applies a view to the listed text fields of complaint rows (queue pages, latest lists, export rows). */
export function redactRows<T extends ComplaintFlags & { id: number }, K extends keyof T>(db: Db, view: PrivacyView, rows: T[], fields: readonly K[]): T[] {
  const privacy = rows.map((r) => complaintPrivacy(view, r))
  const needNames = rows.filter((_, i) => privacy[i].content && privacy[i].maskText).map((r) => r.id)
  const reporters = needNames.length ? reportersOf(db, needNames) : new Map<number, KnownReporter>()
  return rows.map((r, i) => {
    const out = { ...r }
    for (const f of fields) out[f] = redactText(r[f] as string | null, privacy[i], reporters.get(r.id)) as T[K]
    return out
  })
}

// The audit log follows the same privacy rules as every other view of a complaint (privacy/policy.ts). Two steps:
// - written: an entry about a complaint never stores its reporter's identity. Every text in it (a title entered at
//   intake, a note, a reason) is stored as maskText leaves it: the reporter's own name and numbers, and any NIK,
//   phone number or e-mail address typed into it, replaced. The unmasked text stays where it always was, in the
//   complaint and its history, which the detail pane shows by role.
// - read: entries written before that rule (or texts naming someone else) are masked again by the reader's role
//   and the complaint's anonim/rahasia flags, exactly as the detail pane would show the complaint.
import type { Db } from '../store/open.ts'
import type { Role } from '#shared/roles.ts'
import { complaintPrivacy, maskText, viewFor, type KnownReporter } from '../privacy/policy.ts'
import { reportersOf } from '../privacy/reporters.ts'

/** Every string inside a JSON-able value, passed through `f`. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value)
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]))
  return value
}

function complaintIdOf(entity: string, entityId: string | number | null | undefined): number | null {
  if (entity !== 'complaint' || entityId === null || entityId === undefined) return null
  const id = Number(entityId)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/** The texts of an entry about a complaint, with its reporter's identity and personal numbers masked. */
export function withoutIdentity<T extends { before?: unknown; after?: unknown; reason?: string | null }>(db: Db, entity: string, entityId: string | number | null | undefined, e: T): T {
  const id = complaintIdOf(entity, entityId)
  if (id === null) return e
  const reporter = reportersOf(db, [id]).get(id) ?? null
  const mask = (s: string) => maskText(s, reporter)
  return {
    ...e,
    before: e.before === undefined ? undefined : mapStrings(e.before, mask),
    after: e.after === undefined ? undefined : mapStrings(e.after, mask),
    reason: e.reason === undefined || e.reason === null ? e.reason : mask(e.reason),
  }
}

type TextColumns = { entity: string; entity_id: string | null; before_json: string | null; after_json: string | null; reason: string | null }

/** Rows of the audit log as `role` may read them in the app. */
export function auditRowsFor<T extends TextColumns>(db: Db, role: Role, rows: T[]): T[] {
  const ids = [...new Set(rows.map((r) => complaintIdOf(r.entity, r.entity_id)).filter((id): id is number => id !== null))]
  if (ids.length === 0) return rows
  const flags = new Map<number, { is_anonim: number; is_rahasia: number }>()
  const read = db.prepare('SELECT is_anonim, is_rahasia FROM complaint WHERE id = ?')
  for (const id of ids) {
    const f = read.get(id) as { is_anonim: number; is_rahasia: number } | undefined
    // A complaint no longer in the store: its entries are read as if it were anonim and rahasia.
    flags.set(id, f ?? { is_anonim: 1, is_rahasia: 1 })
  }
  const view = viewFor(role, 'app')
  const reporters = reportersOf(db, ids)
  return rows.map((r) => {
    const id = complaintIdOf(r.entity, r.entity_id)
    if (id === null) return r
    const p = complaintPrivacy(view, flags.get(id)!)
    if (!p.content) return { ...r, before_json: null, after_json: null, reason: null }
    if (!p.maskText) return r
    const reporter: KnownReporter | null = reporters.get(id) ?? null
    const mask = (s: string) => maskText(s, reporter)
    const json = (j: string | null) => (j === null ? null : JSON.stringify(mapStrings(JSON.parse(j), mask)))
    return { ...r, before_json: json(r.before_json), after_json: json(r.after_json), reason: r.reason === null ? null : mask(r.reason) }
  })
}

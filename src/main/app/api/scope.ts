// The kabupaten scope of a profile, enforced for every procedure in one place (the `scoped` middleware of
// trpc.ts): what a call names is read from its raw input (any depth), checked by users/scope.ts, and a limited
// profile's call without a kabupaten is given the profile's own. Procedures say in their meta what a bare `id`
// (or `ids`) means; everything else is found by key name, so a procedure added later is covered too.
import { emptyRefs, type ScopeRefs } from '#main/users/scope.ts'
import { KABUPATEN_KODE } from '#shared/domain.ts'

export type ScopeMeta = {
  /** What the top-level `id` / `ids` of the input are. */
  ids?: 'complaint' | 'source' | 'quarantine' | 'outbox'
  /** The kabupaten may be left out (meaning "all"): a limited profile gets its own instead. */
  kabupatenOptional?: true
  /** Changes what holds for every kabupaten of the store (a threshold, the UI, backups, national days off): a
   *  profile limited to some kabupaten is refused, since its change would reach the others too. */
  global?: true
}

const REGION = /^(\d{2}\.\d{2})(\.\d{2}){0,2}$/
const ID_KIND = { complaint: 'complaints', source: 'sources', quarantine: 'quarantine', outbox: 'outbox' } as const

function numbers(v: unknown): number[] {
  const list = Array.isArray(v) ? v : [v]
  return list.filter((x): x is number => typeof x === 'number' && Number.isInteger(x))
}

/** Everything a raw input names that belongs to a kabupaten. */
export function scopeRefsOf(raw: unknown, meta: ScopeMeta | undefined): ScopeRefs {
  const refs = emptyRefs()
  if (meta?.ids && raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const top = raw as Record<string, unknown>
    refs[ID_KIND[meta.ids]].push(...numbers(top.id), ...numbers(top.ids))
  }
  const walk = (v: unknown, depth: number) => {
    if (depth > 16 || !v || typeof v !== 'object') return
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1))
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && (k === 'kabupaten' || k === 'kecamatan' || k === 'desa' || k === 'parent')) {
        const m = REGION.exec(x)
        if (m) refs.kabupaten.push(m[1])
        else if (k === 'kabupaten' && !KABUPATEN_KODE.test(x)) refs.kabupaten.push(x)
      } else if (k === 'complaintId' || k === 'complaintIds') refs.complaints.push(...numbers(x))
      else if (k === 'sourceId') refs.sources.push(...numbers(x))
      else if (k === 'unitId' || k === 'unitIds') refs.units.push(...numbers(x))
      else walk(x, depth + 1)
    }
  }
  walk(raw, 0)
  return refs
}

/** The input with the profile's kabupaten filled in where the procedure allows leaving it out. */
export function withOwnKabupaten(raw: unknown, kabupaten: readonly string[]): unknown | null {
  const input = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : raw === undefined ? {} : null
  if (input === null || input.kabupaten !== undefined) return raw
  // Several kabupaten: which one is meant must be said; one: it is that one.
  return kabupaten.length === 1 ? { ...input, kabupaten: kabupaten[0] } : null
}

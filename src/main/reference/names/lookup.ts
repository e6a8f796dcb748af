// Units (OPD, bidang, kecamatan offices) and categories named as spreadsheets name them: the full name
// ("Dinas Kesehatan"), the abbreviation ("Dinkes", "Diskominfo Staper"), our stable kode or the upstream id.
// Like places, a near miss within a typo or two is accepted when exactly one candidate is that close.
import type { Db } from '#main/store/open.ts'
import { editDistance, fold, typoBudget } from './fold.ts'

/** The shape of import's parsed values (import/values/dates.ts), so a match reads like any other cell. */
type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

type Named = { id: number; kode: string; names: string[] }

export type NameIndex = (text: string) => Parsed<{ id: number; kode: string }>

function nameIndex(rows: Named[], what: string): NameIndex {
  const exact = new Map<string, Named[]>()
  for (const r of rows) {
    for (const n of new Set([r.kode, ...r.names].filter(Boolean).map((x) => fold(x).replace(/ /g, '')))) {
      exact.set(n, [...(exact.get(n) ?? []), r])
    }
  }
  const cache = new Map<string, Parsed<{ id: number; kode: string }>>()
  return (text) => {
    const hit = cache.get(text)
    if (hit) return hit
    const key = fold(text).replace(/ /g, '')
    let result: Parsed<{ id: number; kode: string }>
    const list = exact.get(key) ?? []
    if (key === '') result = { ok: false, reason: `${what} kosong` }
    else if (list.length === 1) result = { ok: true, value: { id: list[0].id, kode: list[0].kode } }
    else if (list.length > 1) result = { ok: false, reason: `${what} "${text}" ambigu: ${list.map((r) => r.kode).join(', ')}` }
    else {
      const budget = typoBudget(key.length)
      const near = rows.filter((r) => r.names.some((n) => editDistance(key, fold(n).replace(/ /g, ''), budget) <= budget))
      result =
        near.length === 1
          ? { ok: true, value: { id: near[0].id, kode: near[0].kode } }
          : { ok: false, reason: near.length > 1 ? `${what} "${text}" ambigu: ${near.map((r) => r.kode).join(', ')}` : `${what} "${text}" tidak dikenal` }
    }
    cache.set(text, result)
    return result
  }
}

export function unitIndex(db: Db, kabupaten: string): NameIndex {
  const rows = db
    .prepare("SELECT id, kode, nama, singkatan, upstream_id FROM unit WHERE kabupaten_kode = ? AND kind <> 'pemkab'")
    .all(kabupaten) as { id: number; kode: string; nama: string; singkatan: string | null; upstream_id: string | null }[]
  // The unit kode carries the kabupaten ('64.08/dinkes'); a sheet would write only the local part.
  return nameIndex(
    rows.map((r) => ({ id: r.id, kode: r.kode, names: [r.nama, r.singkatan ?? '', r.upstream_id ?? '', r.kode.slice(r.kode.indexOf('/') + 1)] })),
    'unit/OPD',
  )
}

export function categoryIndex(db: Db): NameIndex {
  const rows = db.prepare('SELECT id, kode, nama, upstream_id FROM category').all() as { id: number; kode: string; nama: string; upstream_id: string | null }[]
  return nameIndex(rows.map((r) => ({ id: r.id, kode: r.kode, names: [r.nama, r.upstream_id ?? ''] })), 'kategori')
}

// What routing needs to know about a kabupaten, read once and cached per store: its place names (kept out of the
// features), its unit tree (labels <-> units), its category codes and the keyword rules resolved to its units.
import type { Db } from '../store/open.ts'
import type { UnitKind } from '#shared/domain.ts'
import { placeMatcher, type PlaceMatcher } from './normalize.ts'
import { resolveRules, type RuleSet } from './rules.ts'
import { topUnits } from '../kpi/refresh.ts'

export type RoutingUnit = { id: number; kind: UnitKind; kode: string; nama: string; singkatan: string | null; parent_id: number | null; is_active: 0 | 1 }

export type RoutingContext = {
  kabupaten: string
  places: PlaceMatcher
  rules: RuleSet
  units: Map<number, RoutingUnit>
  /** Active OPD/bidang/UPT units by path below the kabupaten ('dinkes', 'dinkes/yankes'). */
  byPath: Map<string, RoutingUnit>
  kecamatanUnit: Map<string, number>
  desaUnit: Map<string, number>
  /** Each unit's top-level unit under the Pemkab (a bidang's OPD, a desa's kecamatan office). */
  top: Map<number, number>
  categoryKode: Map<number, string>
  categoryNama: Map<string, string>
  /** Each unit's label in the model (labelOfUnit), made once: sliced again for every complaint, a training of
   *  1,000,000 held as many separate strings, each one more object for the garbage collector to mark. */
  unitLabel: Map<number, string>
}

const cache = new WeakMap<Db, Map<string, { key: string; ctx: RoutingContext }>>()

/** A cheap fingerprint of the unit and category tables: the context is rebuilt when they change. */
function fingerprint(db: Db, kabupaten: string): string {
  const u = db.prepare('SELECT count(*) AS n, max(id) AS m, sum(is_active) AS a FROM unit WHERE kabupaten_kode = ?').get(kabupaten) as Record<string, number>
  const c = db.prepare('SELECT count(*) AS n, max(id) AS m FROM category').get() as Record<string, number>
  return `${u.n}/${u.m}/${u.a}/${c.n}/${c.m}`
}

export function routingContext(db: Db, kabupaten: string): RoutingContext {
  let perDb = cache.get(db)
  if (!perDb) cache.set(db, (perDb = new Map()))
  const key = fingerprint(db, kabupaten)
  const had = perDb.get(kabupaten)
  if (had && had.key === key) return had.ctx
  const ctx = buildContext(db, kabupaten)
  perDb.set(kabupaten, { key, ctx })
  return ctx
}

function buildContext(db: Db, kabupaten: string): RoutingContext {
  const kab = db.prepare('SELECT nama, ibukota FROM kabupaten WHERE kode = ?').get(kabupaten) as { nama: string; ibukota: string } | undefined
  if (!kab) throw new Error(`kabupaten ${kabupaten} tidak ada di berkas data`)
  const names = [
    kab.nama.replace(/^Kabupaten\s+/i, ''),
    kab.ibukota,
    ...(db.prepare('SELECT nama FROM kecamatan WHERE kabupaten_kode = ?').pluck().all(kabupaten) as string[]),
    ...(db
      .prepare('SELECT d.nama FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ?')
      .pluck()
      .all(kabupaten) as string[]),
  ]
  const rows = db
    .prepare('SELECT id, kind, kode, nama, singkatan, parent_id, is_active, region_kode FROM unit WHERE kabupaten_kode = ?')
    .all(kabupaten) as (RoutingUnit & { region_kode: string | null })[]
  const units = new Map<number, RoutingUnit>()
  const byPath = new Map<string, RoutingUnit>()
  const kecamatanUnit = new Map<string, number>()
  const desaUnit = new Map<string, number>()
  const unitLabel = new Map<number, string>()
  for (const r of rows) {
    const { region_kode, ...unit } = r
    units.set(r.id, unit)
    const label = r.kind === 'kecamatan' ? '@kec' : r.kind === 'desa' ? '@desa' : r.kind === 'pemkab' || !r.kode.startsWith(`${kabupaten}/`) ? null : r.kode.slice(kabupaten.length + 1)
    if (label !== null) unitLabel.set(r.id, label)
    if (!r.is_active) continue
    if (r.kind === 'kecamatan' && region_kode) kecamatanUnit.set(region_kode, r.id)
    else if (r.kind === 'desa' && region_kode) desaUnit.set(region_kode, r.id)
    else if (r.kind !== 'pemkab' && r.kode.startsWith(`${kabupaten}/`)) byPath.set(r.kode.slice(kabupaten.length + 1), unit)
  }
  const categories = db.prepare('SELECT id, kode, nama FROM category').all() as { id: number; kode: string; nama: string }[]
  return {
    kabupaten,
    places: placeMatcher(names),
    rules: resolveRules((path) => byPath.has(path)),
    units,
    byPath,
    kecamatanUnit,
    desaUnit,
    top: topUnits(db, kabupaten),
    categoryKode: new Map(categories.map((c) => [c.id, c.kode])),
    categoryNama: new Map(categories.map((c) => [c.kode, c.nama])),
    unitLabel,
  }
}

/** The label a unit stands for in the model, or null for a unit that cannot be a label (the Pemkab itself). */
export function labelOfUnit(ctx: RoutingContext, unitId: number | null): string | null {
  return unitId === null ? null : (ctx.unitLabel.get(unitId) ?? null)
}

/** The unit a label means for a complaint at this place, or null (an inactive unit, a desa not yet tagged). */
export function unitOfLabel(ctx: RoutingContext, label: string, place: { kecamatan_kode: string | null; desa_kode: string | null }): number | null {
  if (label === '@kec') return (place.kecamatan_kode && ctx.kecamatanUnit.get(place.kecamatan_kode)) || null
  if (label === '@desa') return (place.desa_kode && ctx.desaUnit.get(place.desa_kode)) || null
  return ctx.byPath.get(label)?.id ?? null
}

/** Whether a label can still receive complaints here (its unit exists and is active). */
export function isLiveLabel(ctx: RoutingContext, label: string): boolean {
  return label === '@kec' || label === '@desa' || ctx.byPath.has(label)
}

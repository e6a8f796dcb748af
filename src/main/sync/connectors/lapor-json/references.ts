// LAPOR!'s reference lists onto ours: categories (a national topic tree) and the Pemda's units. An upstream entry
// is matched once (by upstream id, then region code for kecamatan/desa offices, then name) and its id is kept on
// our row, so records can refer to upstream ids. What matches nothing is added, never silently dropped.
import type { Db } from '#main/store/open.ts'
import type { WireCategory, WireUnit } from './contract.ts'
import { wireCategorySchema, wireUnitSchema } from './contract.ts'

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()

export function upsertCategories(db: Db, list: WireCategory[]): number {
  const cats = list.map((c) => wireCategorySchema.parse(c))
  return db.transaction(() => {
    const rows = db.prepare('SELECT id, nama, upstream_id FROM category').all() as { id: number; nama: string; upstream_id: string | null }[]
    const byUpstream = new Map(rows.filter((r) => r.upstream_id).map((r) => [r.upstream_id!, r.id]))
    const byName = new Map(rows.filter((r) => !r.upstream_id).map((r) => [norm(r.nama), r.id]))
    const link = db.prepare('UPDATE category SET upstream_id = ?, nama = ? WHERE id = ?')
    const add = db.prepare('INSERT INTO category (kode, nama, upstream_id) VALUES (?, ?, ?)')
    let changed = 0
    for (const c of cats) {
      const id = byUpstream.get(c.id) ?? byName.get(norm(c.name))
      if (id !== undefined) {
        changed += link.run(c.id, c.name, id).changes
        byName.delete(norm(c.name))
        byUpstream.set(c.id, id)
      } else {
        byUpstream.set(c.id, Number(add.run(`lapor-${c.id}`, c.name, c.id).lastInsertRowid))
        changed++
      }
    }
    const parent = db.prepare('UPDATE category SET parent_id = ? WHERE id = ? AND parent_id IS NOT ?')
    for (const c of cats) if (c.parent_id) parent.run(byUpstream.get(c.parent_id) ?? null, byUpstream.get(c.id), byUpstream.get(c.parent_id) ?? null)
    return changed
  }).immediate()
}

export function upsertUnits(db: Db, kabupaten: string, list: WireUnit[]): number {
  const units = list.map((u) => wireUnitSchema.parse(u))
  return db.transaction(() => {
    const rows = db.prepare('SELECT id, kind, nama, singkatan, region_kode, upstream_id FROM unit WHERE kabupaten_kode = ?').all(kabupaten) as {
      id: number
      kind: string
      nama: string
      singkatan: string | null
      region_kode: string | null
      upstream_id: string | null
    }[]
    const byUpstream = new Map(rows.filter((r) => r.upstream_id).map((r) => [r.upstream_id!, r.id]))
    const free = rows.filter((r) => !r.upstream_id)
    const pemkab = rows.find((r) => r.kind === 'pemkab')?.id ?? null
    const link = db.prepare('UPDATE unit SET upstream_id = ? WHERE id = ?')
    const add = db.prepare(
      `INSERT INTO unit (kabupaten_kode, parent_id, kind, kode, nama, singkatan, region_kode, is_confirmed, upstream_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
    )
    let changed = 0
    for (const u of units) {
      if (byUpstream.has(u.id)) continue
      const match =
        (u.region_code ? free.find((r) => r.region_kode === u.region_code && r.kind === u.kind) : undefined) ??
        free.find((r) => r.kind === u.kind && norm(r.nama) === norm(u.name)) ??
        free.find((r) => norm(r.nama) === norm(u.name))
      if (match) {
        link.run(u.id, match.id)
        free.splice(free.indexOf(match), 1)
        byUpstream.set(u.id, match.id)
      } else {
        const parent = u.parent_id ? (byUpstream.get(u.parent_id) ?? pemkab) : pemkab
        const kode = `${kabupaten}/hulu/${u.id}`
        byUpstream.set(u.id, Number(add.run(kabupaten, u.kind === 'pemkab' ? null : parent, u.kind, kode, u.name, u.short_name ?? null, u.region_code ?? null, u.id).lastInsertRowid))
      }
      changed++
    }
    return changed
  }).immediate()
}

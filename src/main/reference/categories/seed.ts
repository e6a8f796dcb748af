// The starter category tree (resources/seed/categories.json) until a sync brings LAPOR!'s own tree.
import type { Db } from '#main/store/open.ts'
import { readJson } from '#main/resources.ts'

type CategorySeed = { kode: string; nama: string; children: [kode: string, nama: string][] }

export function seedCategories(db: Db): void {
  const insert = db.prepare('INSERT OR IGNORE INTO category (parent_id, kode, nama) VALUES (?, ?, ?)')
  const idOf = db.prepare('SELECT id FROM category WHERE kode = ?').pluck()
  for (const top of readJson<{ categories: CategorySeed[] }>('seed', 'categories.json').categories) {
    insert.run(null, top.kode, top.nama)
    const parentId = idOf.get(top.kode) as number
    for (const [kode, nama] of top.children) insert.run(parentId, kode, nama)
  }
}

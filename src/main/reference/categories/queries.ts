// Reads of the category tree (LAPOR!'s topics and sub-topics).
import type { Db } from '#main/store/open.ts'
import type { CategoryRow } from '#main/store/rows.ts'

export type CategoryListing = Omit<CategoryRow, 'upstream_id'>

/** Top-level topics first, each followed by its sub-topics, so a list reads as the tree. */
export function listCategories(db: Db): CategoryListing[] {
  return db
    .prepare(
      `SELECT c.id, c.parent_id, c.kode, c.nama FROM category c LEFT JOIN category p ON p.id = c.parent_id
       ORDER BY coalesce(p.nama, c.nama), c.parent_id IS NOT NULL, c.nama`,
    )
    .all() as CategoryListing[]
}

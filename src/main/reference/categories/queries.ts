// Reads of the category tree (LAPOR!'s topics and sub-topics).
import type { Db } from '#main/store/open.ts'

export type CategoryRow = { id: number; parent_id: number | null; kode: string; nama: string }

/** Top-level topics first, each followed by its sub-topics, so a list reads as the tree. */
export function listCategories(db: Db): CategoryRow[] {
  return db
    .prepare(
      `SELECT c.id, c.parent_id, c.kode, c.nama FROM category c LEFT JOIN category p ON p.id = c.parent_id
       ORDER BY coalesce(p.nama, c.nama), c.parent_id IS NOT NULL, c.nama`,
    )
    .all() as CategoryRow[]
}

import { router, viewerProcedure } from '#main/app/api/trpc.ts'

export const categoriesRouter = router({
  /** The topic tree, top-level topics first, each followed by its sub-topics. */
  list: viewerProcedure.query(({ ctx }) =>
    ctx.db
      .prepare(
        `SELECT c.id, c.parent_id, c.kode, c.nama FROM category c LEFT JOIN category p ON p.id = c.parent_id
         ORDER BY coalesce(p.nama, c.nama), c.parent_id IS NOT NULL, c.nama`,
      )
      .all() as { id: number; parent_id: number | null; kode: string; nama: string }[],
  ),
})

import { router, viewerProcedure } from '../trpc.ts'
import { listCategories } from '#main/reference/categories/queries.ts'

export const categoriesRouter = router({
  /** The topic tree, top-level topics first, each followed by its sub-topics. */
  list: viewerProcedure.query(({ ctx }) => listCategories(ctx.db)),
})

import { z } from 'zod'
import { router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { listUnits } from '#main/reference/units/queries.ts'

export const unitsRouter = router({
  list: viewerProcedure.input(z.object({ kabupaten: kabupatenKodeSchema })).query(({ ctx, input }) => listUnits(ctx.db, input.kabupaten)),
})

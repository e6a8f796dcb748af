// The wall API: one snapshot per refresh, safe for any role (a wall runs as the viewer profile 'dinding').
import { z } from 'zod'
import { offThread, router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'
import { wallSnapshot } from '#main/wall/snapshot.ts'

export const wallRouter = router({
  snapshot: viewerProcedure
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema,
        period: periodSchema,
        /** The `now` and `maxId` of the wall's previous snapshot: what became overdue since then raises the alarm. */
        since: z.number().int().nonnegative().optional(),
        sinceId: z.number().int().nonnegative().optional(),
      }),
    )
    .query(offThread('scope', ({ ctx, input }) => wallSnapshot(ctx.db, input))),
})

import { z } from 'zod'
import { offThread, router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'
import { latestComplaints, overviewSummary } from '#main/overview/queries.ts'
import { screenFilterSchema } from '#main/kpi/filter.ts'

export const overviewRouter = router({
  summary: viewerProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, period: periodSchema, filter: screenFilterSchema }))
    .query(offThread('scope', ({ ctx, input }) => overviewSummary(ctx.db, input.kabupaten, input.period, Date.now(), input.filter))),
  latest: viewerProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, limit: z.number().int().min(1).max(100).default(10) }))
    .query(offThread('scope', ({ ctx, input }) => latestComplaints(ctx.db, input.kabupaten, input.limit, ctx.user.role))),
})

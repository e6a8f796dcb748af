import { z } from 'zod'
import { adminProcedure, router, viewerProcedure } from '../api/trpc.ts'
import { kabupatenKodeSchema, periodSchema } from '../../shared/domain.ts'
import { DIMS } from './aggregates.ts'
import { dailyTrend, kpiFor, minSample, setMinSample } from './service.ts'
import { appendAudit } from '../audit/log.ts'

export const kpiRouter = router({
  /** KPI figures per slice for a period, with the previous period and the "now" backlog. */
  table: viewerProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, dim: z.enum(DIMS), period: periodSchema }))
    .query(({ ctx, input }) => kpiFor(ctx.db, input.kabupaten, input.dim, input.period)),
  trend: viewerProcedure
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema,
        period: periodSchema,
        dim: z.enum(DIMS).default('all'),
        key: z.string().max(64).default(''),
      }),
    )
    .query(({ ctx, input }) => dailyTrend(ctx.db, input.kabupaten, input.period, input.dim, input.key)),
  minSample: viewerProcedure.query(({ ctx }) => minSample(ctx.db)),
  setMinSample: adminProcedure.input(z.object({ n: z.number().int().min(1).max(10_000) })).mutation(({ ctx, input }) =>
    ctx.db.transaction(() => {
      const before = minSample(ctx.db)
      setMinSample(ctx.db, input.n)
      appendAudit(ctx.db, ctx.user, { action: 'kpi.set_min_sample', entity: 'setting', entityId: 'kpi.min_sample', before, after: input.n })
      return input.n
    })(),
  ),
})

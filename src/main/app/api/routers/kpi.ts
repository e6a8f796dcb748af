import { z } from 'zod'
import { globalAdminProcedure, offThread, router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'
import { DIMS } from '#main/kpi/aggregates.ts'
import { isWithin, screenFilterSchema } from '#main/kpi/filter.ts'
import { dailyTrend, kpiFor, minSample, saveMinSample } from '#main/kpi/service.ts'

export const kpiRouter = router({
  /** KPI figures per slice for a period, with the previous period and the "now" backlog. */
  table: viewerProcedure
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema,
        dim: z.enum(DIMS),
        period: periodSchema,
        filter: screenFilterSchema,
        /** Only keys under this parent: a kecamatan's desa ('64.08.04'), an OPD's bidang (its unit id). */
        within: z.string().max(32).optional(),
      }),
    )
    .query(
      offThread('scope', ({ ctx, input }) => {
        const table = kpiFor(ctx.db, input.kabupaten, input.dim, input.period, Date.now(), undefined, input.filter)
        return input.within === undefined ? table : { ...table, rows: table.rows.filter((r) => isWithin(ctx.db, input.dim, r.key, input.within!)) }
      }),
    ),
  trend: viewerProcedure
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema,
        period: periodSchema,
        dim: z.enum(DIMS).default('all'),
        key: z.string().max(64).default(''),
        filter: screenFilterSchema,
      }),
    )
    .query(offThread('scope', ({ ctx, input }) => dailyTrend(ctx.db, input.kabupaten, input.period, input.dim, input.key, input.filter))),
  minSample: viewerProcedure.query(({ ctx }) => minSample(ctx.db)),
  setMinSample: globalAdminProcedure.input(z.object({ n: z.number().int().min(1).max(10_000) })).mutation(({ ctx, input }) => saveMinSample(ctx.db, ctx.user, input.n)),
})

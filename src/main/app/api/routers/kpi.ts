import { z } from 'zod'
import { adminProcedure, router, viewerProcedure } from '../trpc.ts'
import { channelSchema, kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'

/** The category/channel filter every screen shares. */
export const screenFilterSchema = z.object({ category: z.number().int().positive().optional(), channel: channelSchema.optional() }).optional()
import { DIMS } from '#main/kpi/aggregates.ts'
import { dailyTrend, kpiFor, minSample, setMinSample } from '#main/kpi/service.ts'
import { appendAudit } from '#main/audit/log.ts'
import type { Db } from '#main/store/open.ts'
import type { Dim } from '#main/kpi/aggregates.ts'

export function isWithin(db: Db, dim: Dim, key: string, parent: string): boolean {
  if (dim === 'desa') return key.startsWith(parent + '.')
  if (dim === 'unit') return String(db.prepare('SELECT parent_id FROM unit WHERE id = ?').pluck().get(Number(key)) ?? '') === parent || key === parent
  return true
}

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
    .query(({ ctx, input }) => {
      const table = kpiFor(ctx.db, input.kabupaten, input.dim, input.period, Date.now(), undefined, input.filter)
      return input.within === undefined ? table : { ...table, rows: table.rows.filter((r) => isWithin(ctx.db, input.dim, r.key, input.within!)) }
    }),
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
    .query(({ ctx, input }) => dailyTrend(ctx.db, input.kabupaten, input.period, input.dim, input.key, input.filter)),
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

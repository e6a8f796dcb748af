import { z } from 'zod'
import { router, supervisorProcedure } from '../trpc.ts'
import { listAudit } from '#main/audit/queries.ts'
import { verifyAuditChain } from '#main/audit/log.ts'

export const auditRouter = router({
  list: supervisorProcedure
    .input(
      z.object({
        action: z.string().max(64).optional(),
        username: z.string().max(64).optional(),
        entityId: z.string().max(64).optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        beforeId: z.number().int().optional(),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input, ctx.user)),
  verify: supervisorProcedure.query(({ ctx }) => verifyAuditChain(ctx.db)),
})

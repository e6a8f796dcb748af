import { z } from 'zod'
import { router, supervisorProcedure } from '../trpc.ts'
import { auditChoices, auditFilterSchema, countAudit, listAudit, presentAudit } from '#main/audit/queries.ts'
import { verifyAuditChain } from '#main/audit/log.ts'

export const auditRouter = router({
  /** Newest first; each entry with the person's name, the complaint's tracking number and the change in words. */
  list: supervisorProcedure
    .input(auditFilterSchema.extend({ beforeId: z.number().int().optional(), limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => presentAudit(ctx.db, listAudit(ctx.db, input, ctx.user))),
  count: supervisorProcedure.input(auditFilterSchema).query(({ ctx, input }) => countAudit(ctx.db, input, ctx.user)),
  choices: supervisorProcedure.query(({ ctx }) => auditChoices(ctx.db)),
  verify: supervisorProcedure.query(({ ctx }) => verifyAuditChain(ctx.db)),
})

// Early warning over the API: the rising issues of a kabupaten and the similar reports of one complaint.
import { z } from 'zod'
import { permittedProcedure, router } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { detectIssues } from '#main/isu/detect.ts'
import { similarTo } from '#main/serupa/similar.ts'

const read = permittedProcedure('read')
const readComplaint = permittedProcedure('read', { ids: 'complaint' })

export const isuRouter = router({
  list: read
    .input(z.object({ kabupaten: kabupatenKodeSchema, falseAlarmsPerWeek: z.number().min(0.001).max(50).optional() }))
    .query(({ ctx, input }) => detectIssues(ctx.db, input.kabupaten, Date.now(), { falseAlarmsPerWeek: input.falseAlarmsPerWeek })),
  similar: readComplaint.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => similarTo(ctx.db, input.id)),
})

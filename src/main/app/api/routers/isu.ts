// Early warning over the API: the rising issues of a kabupaten, the similar reports of one complaint, and the links
// of duplicates to their main complaint.
import { z } from 'zod'
import { permittedProcedure, router } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { can } from '#shared/roles.ts'
import { detectIssues } from '#main/isu/detect.ts'
import { similarTo } from '#main/serupa/similar.ts'
import { duplicateLinks, linkDuplicate, unlinkDuplicate } from '#main/serupa/links.ts'

const read = permittedProcedure('read')
const readComplaint = permittedProcedure('read', { ids: 'complaint' })
const linking = permittedProcedure('linkDuplicate', { ids: 'complaint' })
const id = z.number().int().positive()

export const isuRouter = router({
  list: read
    .input(z.object({ kabupaten: kabupatenKodeSchema, falseAlarmsPerWeek: z.number().min(0.001).max(50).optional() }))
    .query(({ ctx, input }) => detectIssues(ctx.db, input.kabupaten, Date.now(), { falseAlarmsPerWeek: input.falseAlarmsPerWeek })),
  /** Rahasia complaints are compared and shown only to those who may read them. */
  similar: readComplaint
    .input(z.object({ id }))
    .query(({ ctx, input }) => ({ ...similarTo(ctx.db, input.id, { includeRahasia: can(ctx.user.role, 'seeRahasia') }), links: duplicateLinks(ctx.db, input.id) })),
  link: linking
    .input(z.object({ id, mainId: id, score: z.number().min(0).max(1).nullable().optional() }))
    .mutation(({ ctx, input }) => linkDuplicate(ctx.db, ctx.user, input.id, input.mainId, input.score ?? null)),
  unlink: linking.input(z.object({ id })).mutation(({ ctx, input }) => ({ unlinked: unlinkDuplicate(ctx.db, ctx.user, input.id) })),
})

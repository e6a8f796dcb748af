// Routing over the API: the suggestion for one complaint (detail pane, disposition dialog), what the model of a
// kabupaten rests on, and for admins a full retraining and the misroute threshold. Suggestions use no personal
// data: numbers never become features, and for a viewer a rahasia complaint's words stay hidden.
import { z } from 'zod'
import { adminProcedure, globalAdminProcedure, router, scopedProcedure, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'
import { appendAudit } from '#main/audit/log.ts'
import { changeSetting } from '#main/settings/stored.ts'
import { complaintRouting, routingStatus } from '#main/routing/service.ts'
import { isRahasia } from '#main/complaints/queries.ts'
import { rebuild } from '#main/routing/learn.ts'
import { misrouteThreshold, setMisrouteThreshold } from '#main/routing/settings.ts'
import { uptake } from '#main/routing/decisions.ts'

export const routingRouter = router({
  suggest: scopedProcedure('viewer', { ids: 'complaint' }).input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => {
    const r = complaintRouting(ctx.db, input.id)
    const isHidden = ctx.user.role === 'viewer' && isRahasia(ctx.db, input.id)
    return isHidden ? { ...r, suggestions: r.suggestions.map((s) => ({ ...s, words: [] })) } : r
  }),
  status: viewerProcedure.input(z.object({ kabupaten: kabupatenKodeSchema })).query(({ ctx, input }) => routingStatus(ctx.db, input.kabupaten)),
  /** Per OPD: how often the suggestion was taken, and whether it was right once the complaint was selesai. */
  uptake: viewerProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, period: periodSchema }))
    .query(({ ctx, input }) => uptake(ctx.db, input.kabupaten, input.period)),
  rebuild: adminProcedure.input(z.object({ kabupaten: kabupatenKodeSchema })).mutation(({ ctx, input }) => {
    const result = rebuild(ctx.db, input.kabupaten)
    appendAudit(ctx.db, ctx.user, { action: 'routing.rebuild', entity: 'routing_model', entityId: input.kabupaten, after: result })
    ctx.bus.emit({ kabupaten: input.kabupaten, kind: 'complaints', at: Date.now(), count: result.complaints })
    return result
  }),
  setThreshold: globalAdminProcedure.input(z.object({ value: z.number().gt(0).lt(1) })).mutation(({ ctx, input }) =>
    changeSetting(ctx.db, ctx.user, 'settings.routing', 'routing.misroute_min_confidence', () => misrouteThreshold(ctx.db), () => setMisrouteThreshold(ctx.db, input.value)),
  ),
})

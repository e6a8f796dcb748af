// Routing over the API: the suggestion for one complaint (detail pane, disposition dialog), what the model of a
// kabupaten rests on, and for admins a full retraining and the misroute threshold. Suggestions use no personal
// data: numbers never become features, and for a viewer a rahasia complaint's words stay hidden.
import { z } from 'zod'
import { adminProcedure, globalAdminProcedure, router, scopedProcedure, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'
import { appendAudit } from '#main/audit/log.ts'
import { changeSetting } from '#main/settings/stored.ts'
import { complaintRouting, routingStatus } from '#main/routing/service.ts'
import { kabupatenOf } from '#main/complaints/queries.ts'
import { requestRebuild } from '#main/routing/rebuild-request.ts'
import { misrouteThreshold, setMisrouteThreshold } from '#main/routing/settings.ts'
import { uptake } from '#main/routing/decisions.ts'
import { modelReady } from '#main/routing/load.ts'

export const routingRouter = router({
  suggest: scopedProcedure('viewer', { ids: 'complaint' }).input(z.object({ id: z.number().int().positive() })).query(async ({ ctx, input }) => {
    // Right after the app starts, the upkeep reads the models in steps: the request waits rather than reading one
    // at once on the server's thread.
    await modelReady(ctx.db, kabupatenOf(ctx.db, input.id))
    return complaintRouting(ctx.db, input.id, { hideRahasiaWords: ctx.user.role === 'viewer' })
  }),
  status: viewerProcedure.input(z.object({ kabupaten: kabupatenKodeSchema })).query(async ({ ctx, input }) => {
    await modelReady(ctx.db, input.kabupaten)
    return routingStatus(ctx.db, input.kabupaten)
  }),
  /** Per OPD: how often the suggestion was taken, and whether it was right once the complaint was selesai. */
  uptake: viewerProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, period: periodSchema }))
    .query(({ ctx, input }) => uptake(ctx.db, input.kabupaten, input.period)),
  /** Asks for a full retraining, which the app's routing upkeep does in the background (routing/rebuild-request.ts);
   *  `status` says (rebuildRequestedAt) while it waits or runs. */
  rebuild: adminProcedure.input(z.object({ kabupaten: kabupatenKodeSchema })).mutation(({ ctx, input }) => {
    const requestedAt = ctx.db
      .transaction(() => {
        const at = requestRebuild(ctx.db, input.kabupaten)
        // The entry's own time is the request's: the log showed it again as a raw UTC string.
        appendAudit(ctx.db, ctx.user, { action: 'routing.rebuild', entity: 'routing_model', entityId: input.kabupaten })
        return at
      })
      .immediate()
    // Nothing changed yet for the screens: the upkeep finds the request at its next look (within half a minute) and
    // announces the new suggestions when the training is done.
    return { kabupaten: input.kabupaten, requestedAt }
  }),
  setThreshold: globalAdminProcedure.input(z.object({ value: z.number().gt(0).lt(1) })).mutation(({ ctx, input }) =>
    changeSetting(ctx.db, ctx.user, 'settings.routing', 'routing.misroute_min_confidence', () => misrouteThreshold(ctx.db), () => setMisrouteThreshold(ctx.db, input.value)),
  ),
})

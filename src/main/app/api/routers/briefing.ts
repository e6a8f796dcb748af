// The briefing API. `deck` is a public view (privacy/public-view.ts): the same safe answer for every role, since
// slides are shown in meetings and travel as PDF. Choosing the notable cases is an operator's job.
import { z } from 'zod'
import { offThread, permittedProcedure, router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'
import { briefingDeck } from '#main/briefing/deck.ts'
import { setNotableCases } from '#main/briefing/notable.ts'
import { MAX_NOTABLE } from '#shared/briefing.ts'

export const briefingRouter = router({
  deck: viewerProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, period: periodSchema }))
    .query(offThread('scope', ({ ctx, input }) => briefingDeck(ctx.db, input.kabupaten, input.period))),
  setNotable: permittedProcedure('pickNotable')
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema,
        period: periodSchema,
        cases: z
          .array(z.object({ complaintId: z.number().int().positive(), note: z.string().trim().max(300, 'catatan paling panjang 300 huruf').nullish() }))
          .max(MAX_NOTABLE, `paling banyak ${MAX_NOTABLE} kasus pilihan`),
      }),
    )
    .mutation(({ ctx, input }) => {
      setNotableCases(ctx.db, ctx.user, input.kabupaten, input.period, input.cases)
      // Every screen showing this briefing (a presenter's laptop, a second window) refetches it.
      ctx.bus.emit({ kabupaten: input.kabupaten, kind: 'reference', at: Date.now(), count: input.cases.length })
      return { count: input.cases.length }
    }),
})

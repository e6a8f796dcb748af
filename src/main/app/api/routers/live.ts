import { z } from 'zod'
import { router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'

export const liveRouter = router({
  /** Pushes a notice whenever data of the kabupaten changes; screens refetch what they show. */
  changes: viewerProcedure.input(z.object({ kabupaten: kabupatenKodeSchema })).subscription(async function* ({ ctx, input, signal }) {
    for await (const change of ctx.bus.changes(signal)) {
      if (change.kabupaten === input.kabupaten) yield change
    }
  }),
})

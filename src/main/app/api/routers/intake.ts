// Manual entry API: operators and up key in complaints received by the Pemda's own channels.
import { permittedProcedure, router } from '../trpc.ts'
import { intakeInputSchema } from '#shared/intake.ts'
import { createManualComplaint } from '#main/intake/manual.ts'

export const intakeRouter = router({
  create: permittedProcedure('intake').input(intakeInputSchema).mutation(({ ctx, input }) => createManualComplaint(ctx.db, ctx.user, input, { bus: ctx.bus })),
})

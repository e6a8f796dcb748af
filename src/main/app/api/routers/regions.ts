import { z } from 'zod'
import { router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { inScope } from '#main/users/scope.ts'
import { boundaries, listDesa, listKabupaten, listKecamatan } from '#main/reference/regions/queries.ts'

export const regionsRouter = router({
  // A profile limited to some kabupaten sees only those (users/scope.ts).
  kabupaten: viewerProcedure.query(({ ctx }) => listKabupaten(ctx.db).filter((k) => inScope(ctx.user, k.kode))),
  kecamatan: viewerProcedure.input(z.object({ kabupaten: kabupatenKodeSchema })).query(({ ctx, input }) => listKecamatan(ctx.db, input.kabupaten)),
  desa: viewerProcedure.input(z.object({ kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/) })).query(({ ctx, input }) => listDesa(ctx.db, input.kecamatan)),
  boundaries: viewerProcedure
    .input(z.object({ level: z.enum(['kecamatan', 'desa']), parent: z.string().regex(/^\d{2}\.\d{2}(\.\d{2})?$/) }))
    .query(({ ctx, input }) => boundaries(ctx.db, input.level, input.parent)),
})

// The export API: start a job (what, format, filters), follow it (subscription, or polling `status`), cancel it.
// The file itself: in the desktop app written straight to the path chosen in the native dialog; in serve mode
// fetched from the HTTP route in server/export-download.ts. Any signed-in role may export; what the file holds
// follows the role (privacy.ts), exactly as on screen.
import { z } from 'zod'
import { TRPCError } from '@trpc/server'
import { router, viewerProcedure } from '../trpc.ts'
import { exportJobs } from '#main/export/jobs.ts'
import { exportFormatSchema, exportRequestSchema } from '#main/export/request.ts'
import { suggestedFileName } from '#main/export/run.ts'
import { localDate } from '#main/export/table.ts'
import { getKabupaten } from '#main/reference/regions/queries.ts'

const jobId = z.object({ id: z.uuid('nomor ekspor tidak sah') })

export const exportRouter = router({
  start: viewerProcedure
    .input(exportFormatSchema.extend({ request: exportRequestSchema, saveAs: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      const { request, saveAs, ...format } = input
      let destination: string | undefined
      if (saveAs) {
        if (!ctx.shell) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Memilih tempat simpan hanya ada di aplikasi desktop; di peramban berkas diunduh' })
        const today = localDate(Date.now(), getKabupaten(ctx.db, request.kabupaten).utc_offset_minutes)
        const chosen = await ctx.shell.chooseSavePath(suggestedFileName(request, format.format, today))
        if (!chosen) return { job: null } // the user closed the dialog: nothing to do
        destination = chosen
      }
      return { job: exportJobs(ctx.db).start({ user: ctx.user, request, format, destination }) }
    }),
  status: viewerProcedure.input(jobId).query(({ ctx, input }) => exportJobs(ctx.db).get(input.id, ctx.user)),
  progress: viewerProcedure.input(jobId).subscription(async function* ({ ctx, input, signal }) {
    yield* exportJobs(ctx.db).watch(input.id, ctx.user, signal)
  }),
  cancel: viewerProcedure.input(jobId).mutation(({ ctx, input }) => exportJobs(ctx.db).cancel(input.id, ctx.user)),
})

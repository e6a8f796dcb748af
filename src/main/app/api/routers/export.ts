// The export API: start a job (what, format, filters), follow it (subscription, or polling `status`), cancel it.
// The file itself: in the desktop app written straight to the path chosen in the native dialog; in serve mode
// fetched from the HTTP route in server/export-download.ts. Any signed-in role may export; what the file holds
// follows the role (privacy.ts), exactly as on screen.
import { z } from 'zod'
import { TRPCError } from '@trpc/server'
import { offThread, router, viewerProcedure } from '../trpc.ts'
import { exportJobs } from '#main/export/jobs.ts'
import { exportFormatSchema, exportRequestSchema } from '#main/export/request.ts'
import { suggestedFileName } from '#main/export/run.ts'
import { queueExportTotals } from '#main/export/queue.ts'
import type { Context } from '../context.ts'
import type { SessionUser } from '#main/users/session.ts'
import { localDate } from '#main/export/table.ts'
import { getKabupaten } from '#main/reference/regions/queries.ts'

const jobId = z.object({ id: z.uuid('nomor ekspor tidak sah') })

const countInput = z.object({ request: exportRequestSchema, now: z.number().int().positive().optional() })
/** exports.count's resolver, which exports.start also runs (under exports.count's path: the read pool runs work by
 *  procedure path). */
const counts = offThread('scope', ({ ctx, input }: { ctx: Context & { user: SessionUser }; input: z.infer<typeof countInput>; path: string }) =>
  input.request.kind === 'queue' ? queueExportTotals(ctx.db, input.request, ctx.user.role, input.now ?? Date.now()) : null,
)

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
      // A queue's counts (every matching complaint counted: 929 ms on 1,000,000) are read as exports.count reads
      // them, off the server's thread where it has a read pool, at the moment the rows are then read from.
      const now = Date.now()
      const totals = await counts({ ctx, input: { request, now }, path: 'exports.count' })
      return { job: exportJobs(ctx.db).start({ user: ctx.user, request, format, destination, now, totals }) }
    }),
  /** How many complaints a queue export would hold (and without its period), as the queue's count line says; null
   *  for the other kinds (their rows are tables, not complaints). `now` fixes the moment the counts are read at. */
  count: viewerProcedure.input(countInput).query(counts),
  status: viewerProcedure.input(jobId).query(({ ctx, input }) => exportJobs(ctx.db).get(input.id, ctx.user)),
  progress: viewerProcedure.input(jobId).subscription(async function* ({ ctx, input, signal }) {
    yield* exportJobs(ctx.db).watch(input.id, ctx.user, signal)
  }),
  cancel: viewerProcedure.input(jobId).mutation(({ ctx, input }) => exportJobs(ctx.db).cancel(input.id, ctx.user)),
})

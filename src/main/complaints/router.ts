import { z } from 'zod'
import { operatorProcedure, router, viewerProcedure } from '../api/trpc.ts'
import { kabupatenKodeSchema } from '../../shared/domain.ts'
import { complaintDetail } from './queries.ts'
import { performAction, type ActionInput } from './actions.ts'
import { claim, release } from './claims.ts'
import { queuePage, QUEUES } from '../queue/queries.ts'

const ids = z.array(z.number().int().positive()).min(1, 'pilih minimal satu laporan').max(5000, 'paling banyak 5.000 laporan sekaligus')
const reason = z.string().trim().min(5, 'alasan wajib diisi (minimal 5 huruf)').max(2000)

export const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('verify'), ids, reason: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('disposition'), ids, unitId: z.number().int().positive(), reason }),
  z.object({ action: z.literal('tunda'), ids, reason }),
  z.object({ action: z.literal('bukan_wewenang'), ids, reason }),
  z.object({ action: z.literal('arsip'), ids, reason }),
  z.object({ action: z.literal('note'), ids, body: z.string().trim().min(1, 'catatan kosong').max(5000) }),
])

export const complaintsRouter = router({
  detail: viewerProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => complaintDetail(ctx.db, input.id, ctx.user.role)),
  queue: viewerProcedure
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema,
        queue: z.enum(QUEUES),
        unitId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(100),
        after: z.object({ submitted_at: z.number().int(), id: z.number().int() }).optional(),
      }),
    )
    .query(({ ctx, input }) => queuePage(ctx.db, { ...input, now: Date.now(), role: ctx.user.role })),
  act: operatorProcedure.input(actionSchema).mutation(({ ctx, input }) => {
    const result = performAction(ctx.db, ctx.user, input as ActionInput)
    if (result.done.length) {
      const kabs = ctx.db
        .prepare(`SELECT DISTINCT kabupaten_kode FROM complaint WHERE id IN (${result.done.map(() => '?').join(',')})`)
        .pluck()
        .all(...result.done) as string[]
      for (const kabupaten of kabs) ctx.bus.emit({ kabupaten, kind: 'complaints', at: Date.now(), count: result.done.length })
    }
    return result
  }),
  claim: operatorProcedure
    .input(z.object({ id: z.number().int().positive(), takeover: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => claim(ctx.db, ctx.user, input.id, { takeover: input.takeover })),
  release: operatorProcedure.input(z.object({ id: z.number().int().positive() })).mutation(({ ctx, input }) => release(ctx.db, ctx.user, input.id)),
})

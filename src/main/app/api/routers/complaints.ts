import { z } from 'zod'
import { offThread, permittedProcedure, router } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { periodSchema } from '#shared/period.ts'
import { statusSchema } from '#shared/status.ts'
import { MAX_REASON, MIN_REASON } from '#shared/actions.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import { performAction, type ActionInput, type ActionResult } from '#main/complaints/actions.ts'
import { release, tryClaim } from '#main/complaints/claims.ts'
import { undoReassign } from '#main/complaints/undo.ts'
import { decideReturn, pendingRequests } from '#main/complaints/returns.ts'
import { queueCounts, queuePage, QUEUES, SORTS } from '#main/queue/queries.ts'
import { queueQuery, queueTotals } from '#main/queue/request.ts'
import { queueIdsSchema } from '#main/export/request.ts'
import { screenFilterSchema } from '#main/kpi/filter.ts'
import type { Db } from '#main/store/open.ts'
import type { ChangeBus } from '#main/live/bus.ts'

const ids = z.array(z.number().int().positive()).min(1, 'pilih minimal satu laporan').max(5000, 'paling banyak 5.000 laporan sekaligus')
const reason = z.string().trim().min(MIN_REASON, `alasan wajib diisi (minimal ${MIN_REASON} huruf)`).max(MAX_REASON)

export const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('verify'), ids, reason: z.string().trim().max(MAX_REASON).optional() }),
  z.object({ action: z.literal('disposition'), ids, unitId: z.number().int().positive(), reason }),
  z.object({ action: z.literal('tunda'), ids, reason }),
  z.object({ action: z.literal('bukan_wewenang'), ids, reason }),
  z.object({ action: z.literal('arsip'), ids, reason }),
  z.object({ action: z.literal('note'), ids, body: z.string().trim().min(1, 'catatan kosong').max(5000) }),
  z.object({
    action: z.literal('location'),
    ids,
    kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'kode kecamatan berbentuk NN.NN.NN'),
    desa: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode desa berbentuk NN.NN.NN.NNNN').nullable().optional(),
  }),
])

const read = permittedProcedure('read', { ids: 'complaint' })
// The least role of each action is checked per complaint (performAction: a disposition of a held complaint needs
// 'reassign'); every action needs at least 'triage'.
const triage = permittedProcedure('triage', { ids: 'complaint' })
const claiming = permittedProcedure('claim', { ids: 'complaint' })

/** Tells the live channel which kabupaten changed, so other desks refetch. */
function announced(ctx: { db: Db; bus: ChangeBus }, result: ActionResult): ActionResult {
  if (result.done.length) {
    const kabs = ctx.db
      .prepare(`SELECT DISTINCT kabupaten_kode FROM complaint WHERE id IN (${result.done.map(() => '?').join(',')})`)
      .pluck()
      .all(...result.done) as string[]
    for (const kabupaten of kabs) ctx.bus.emit({ kabupaten, kind: 'complaints', at: Date.now(), count: result.done.length })
  }
  return result
}

export const complaintsRouter = router({
  detail: read.input(z.object({ id: z.number().int().positive() })).query(offThread('scope', ({ ctx, input }) => complaintDetail(ctx.db, input.id, ctx.user.role))),
  /**
   * A page of a queue and its total. A work queue is the whole work: `period` narrows it only when the user chose
   * to narrow this queue, and then `withoutPeriod` says how many the queue holds without it.
   */
  queue: read
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema,
        queue: z.enum(QUEUES),
        sort: z.enum(SORTS).default('terlama'),
        unitId: z.number().int().positive().optional(),
        kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/).optional(),
        desa: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/).optional(),
        filter: screenFilterSchema,
        period: periodSchema.optional(),
        status: statusSchema.optional(),
        search: z.string().max(100).optional(),
        ids: queueIdsSchema.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(
      offThread('scope', ({ ctx, input }) => {
        const { limit, offset, ...request } = input
        const q = queueQuery(ctx.db, request, ctx.user.role, Date.now())
        return { ...queueTotals(ctx.db, q), rows: queuePage(ctx.db, { ...q, limit, offset }) }
      }),
    ),
  queueCounts: read
    .input(z.object({ kabupaten: kabupatenKodeSchema }))
    .query(offThread('scope', ({ ctx, input }) => queueCounts(ctx.db, input.kabupaten, Date.now()))),
  act: triage.input(actionSchema).mutation(({ ctx, input }) => announced(ctx, performAction(ctx.db, ctx.user, input as ActionInput))),
  /** Moves reassigned complaints back (the banner's "Urungkan"): audited as complaint.reassign_undo. */
  undoReassign: permittedProcedure('reassign', { ids: 'complaint' }).input(z.object({ ids })).mutation(({ ctx, input }) => announced(ctx, undoReassign(ctx.db, ctx.user, input.ids))),
  /**
   * A supervisor's decision on a liaison's return (complaints/returns.ts): accept = dispose to `unitId` (or the unit
   * the liaison named); reject = back to the unit's inbox with the reason.
   */
  decideReturn: permittedProcedure('reassign', { ids: 'complaint' })
    .input(z.object({ id: z.number().int().positive(), terima: z.boolean(), alasan: reason, unitId: z.number().int().positive().optional() }))
    .mutation(({ ctx, input }) => {
      const r = decideReturn(ctx.db, ctx.user, input)
      announced(ctx, { done: [r.complaintId], refused: [] })
      return r
    }),
  /** The liaisons' open returns and recent requests for more time in a kabupaten. */
  liaisonRequests: read.input(z.object({ kabupaten: kabupatenKodeSchema })).query(({ ctx, input }) => pendingRequests(ctx.db, input.kabupaten, ctx.user.role)),
  /** Someone else's claim is an answer ({ ok: false, heldBy }), not an error: see complaints/claims.ts. */
  claim: claiming
    .input(z.object({ id: z.number().int().positive(), takeover: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => tryClaim(ctx.db, ctx.user, input.id, { takeover: input.takeover })),
  release: claiming.input(z.object({ id: z.number().int().positive() })).mutation(({ ctx, input }) => release(ctx.db, ctx.user, input.id)),
})

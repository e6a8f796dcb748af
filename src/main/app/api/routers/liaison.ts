// The liaison (penghubung) API: a unit's inbox, one complaint, its tindak lanjut, a request for more time, a return
// ("bukan wewenang kami") and the unit's numbers. Only a penghubung profile with units may call these (trpc.ts
// liaisonProcedure), and a penghubung may call nothing else (#shared/roles.ts LIAISON_PROCEDURES); every row is
// limited to its units and their sub-units (liaison/scope.ts).
import { z } from 'zod'
import { liaisonProcedure, router } from '../trpc.ts'
import { INBOX_FILTERS, MAX_EXTENSION_HK } from '#shared/liaison.ts'
import { MAX_REASON, MIN_REASON } from '#shared/actions.ts'
import { periodSchema } from '#shared/period.ts'
import { inbox } from '#main/liaison/inbox.ts'
import { liaisonDetail } from '#main/liaison/detail.ts'
import { reply, requestExtension, returnComplaint } from '#main/liaison/actions.ts'
import { unitNumbers } from '#main/liaison/numbers.ts'
import { kabupatenUnits, liaisonMe } from '#main/liaison/me.ts'
import { digestForUser } from '#main/reminders/digest.ts'
import type { ChangeBus } from '#main/live/bus.ts'

const id = z.number().int().positive()
const reason = z.string().trim().min(MIN_REASON, `alasan wajib diisi (minimal ${MIN_REASON} huruf)`).max(MAX_REASON, `alasan paling banyak ${MAX_REASON} huruf`)

/** A liaison's change reaches every screen of its kabupaten at once (the command centre's Dikembalikan queue, the
 *  liaison's other devices). */
function announced<R extends { kabupaten: string }>(ctx: { bus: ChangeBus }, r: R): R {
  ctx.bus.emit({ kabupaten: r.kabupaten, kind: 'complaints', at: Date.now(), count: 1 })
  return r
}

export const liaisonRouter = router({
  me: liaisonProcedure.query(({ ctx }) => liaisonMe(ctx.db, ctx.user)),
  /** The active units of the liaison's kabupaten (names only), for "milik unit mana" of a return. */
  units: liaisonProcedure.query(({ ctx }) => kabupatenUnits(ctx.db, ctx.user)),
  inbox: liaisonProcedure
    .input(
      z
        .object({
          filter: z.enum(INBOX_FILTERS).default('semua'),
          cursor: z.number().int().min(0).optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ filter: 'semua', limit: 50 }),
    )
    .query(({ ctx, input }) => inbox(ctx.db, ctx.user, input)),
  /** Today's digest of the unit (due within 2 hk, overdue), as the e-mail says it. */
  digest: liaisonProcedure.query(({ ctx }) => digestForUser(ctx.db, ctx.user)),
  detail: liaisonProcedure.input(z.object({ id })).query(({ ctx, input }) => liaisonDetail(ctx.db, ctx.user, input.id)),
  reply: liaisonProcedure
    .input(z.object({ id, isi: z.string().trim().min(10, 'tindak lanjut minimal 10 huruf').max(5000, 'tindak lanjut paling banyak 5.000 huruf') }))
    .mutation(({ ctx, input }) => announced(ctx, reply(ctx.db, ctx.user, input))),
  requestExtension: liaisonProcedure
    .input(z.object({ id, alasan: reason, hariKerja: z.number().int().min(1, 'minimal 1 hari kerja').max(MAX_EXTENSION_HK, `paling banyak ${MAX_EXTENSION_HK} hari kerja`) }))
    .mutation(({ ctx, input }) => announced(ctx, requestExtension(ctx.db, ctx.user, input))),
  returnComplaint: liaisonProcedure
    .input(z.object({ id, alasan: reason, unitTujuanId: id.optional() }))
    .mutation(({ ctx, input }) => announced(ctx, returnComplaint(ctx.db, ctx.user, input))),
  numbers: liaisonProcedure.input(z.object({ period: periodSchema })).query(({ ctx, input }) => unitNumbers(ctx.db, ctx.user, input.period)),
  /** A notice whenever something changed in the liaison's kabupaten (only the time: nothing about other units). */
  changes: liaisonProcedure.subscription(async function* ({ ctx, signal }) {
    const kabs = new Set(ctx.user.kabupaten ?? [])
    for await (const change of ctx.bus.changes(signal)) {
      if (kabs.has(change.kabupaten)) yield { at: change.at }
    }
  }),
})

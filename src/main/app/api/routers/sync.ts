// The sync API: sources and their state for everyone; "Sinkronkan sekarang" for operators; the quarantine and the
// outbox for operators, raw payloads for those who may see identities; conflicts decided by supervisors; source
// settings and tokens by admins (tokens go in, never out).
import { z } from 'zod'
import { TRPCError } from '@trpc/server'
import { adminProcedure, operatorProcedure, permittedProcedure, router, scopedProcedure, viewerProcedure } from '../trpc.ts'
import { assertKabupaten } from '#main/users/scope.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { appendAudit } from '#main/audit/log.ts'
import { syncService } from '#main/sync/service.ts'
import { outboxViews, quarantineRaw, quarantineViews, runViews, sourceViews } from '#main/sync/queries.ts'
import { connectorFor } from '#main/sync/connector.ts'
import { DEFAULT_POLICY } from '#main/sync/http.ts'
import { SOURCE_KINDS, saveSource, sourceById, sourceByName, tokenOf } from '#main/sync/sources.ts'
import { resolveConflict } from '#main/sync/writeback.ts'
import type { SyncProgress } from '#main/sync/progress.ts'
import { backgroundStatus } from '#main/background/status.ts'

const sourceId = z.object({ sourceId: z.number().int().positive() })

function source(db: Parameters<typeof sourceById>[0], id: number) {
  const s = sourceById(db, id)
  if (!s) throw new TRPCError({ code: 'NOT_FOUND', message: `sumber #${id} tidak ada` })
  return s
}

export const syncRouter = router({
  sources: scopedProcedure('viewer', { kabupatenOptional: true }).input(z.object({ kabupaten: kabupatenKodeSchema.optional() })).query(({ ctx, input }) => {
    const svc = syncService(ctx.db, ctx.bus)
    return sourceViews(ctx.db, input.kabupaten).map((s) => ({ ...s, isRunning: svc.isRunning(s.id), progress: svc.monitor.latest.get(s.id) ?? null }))
  }),

  /** Background work of this app (routing upkeep, sync schedule, deadline rebuilds, backups, the store check at
   *  start): the last error of each and when it is tried again. */
  background: viewerProcedure.query(({ ctx }) => backgroundStatus(ctx.db)),

  runs: scopedProcedure('viewer', { kabupatenOptional: true })
    .input(z.object({ kabupaten: kabupatenKodeSchema.optional(), sourceId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(30) }))
    .query(({ ctx, input }) => runViews(ctx.db, input)),

  /** Progress of every run as it goes (latest state first, then each update). */
  progress: scopedProcedure('viewer', { kabupatenOptional: true }).input(z.object({ kabupaten: kabupatenKodeSchema.optional() })).subscription(async function* ({ ctx, input, signal }) {
    const svc = syncService(ctx.db, ctx.bus)
    const mine = (p: SyncProgress) => !input.kabupaten || p.kabupaten === input.kabupaten
    for (const p of svc.monitor.latest.values()) if (mine(p)) yield p
    for await (const p of svc.monitor.updates(signal)) if (mine(p)) yield p
  }),

  runNow: permittedProcedure('runSync').input(sourceId).mutation(({ ctx, input }) => {
    const s = source(ctx.db, input.sourceId)
    if (!s.is_enabled) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `sumber ${s.name} dinonaktifkan` })
    if (s.kind !== 'lapor-json' && s.kind !== 'open311') throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `sumber ${s.name} (${s.kind}) diisi lewat impor, bukan sinkronisasi` })
    const svc = syncService(ctx.db, ctx.bus)
    const already = svc.isRunning(s.id)
    if (!already) appendAudit(ctx.db, ctx.user, { action: 'sync.run', entity: 'sync_source', entityId: s.id, after: { name: s.name } })
    void svc.start(s.id, 'manual')
    return { started: !already, alreadyRunning: already }
  }),

  cancel: operatorProcedure.input(sourceId).mutation(({ ctx, input }) => {
    const cancelled = syncService(ctx.db, ctx.bus).cancel(input.sourceId)
    if (cancelled) appendAudit(ctx.db, ctx.user, { action: 'sync.cancel', entity: 'sync_source', entityId: input.sourceId })
    return { cancelled }
  }),

  test: operatorProcedure.input(sourceId).mutation(async ({ ctx, input }) => {
    const s = source(ctx.db, input.sourceId)
    try {
      const message = await connectorFor(ctx.db, s, tokenOf(ctx.db, s.id)).test({
        signal: AbortSignal.timeout(20_000),
        policy: { ...DEFAULT_POLICY, retries: 1, timeoutMs: 10_000 },
        onRetry: () => {},
      })
      return { ok: true, message }
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) }
    }
  }),

  save: adminProcedure
    .input(
      z.object({
        name: z.string(),
        kind: z.enum(SOURCE_KINDS),
        kabupaten: kabupatenKodeSchema,
        baseUrl: z.string().trim().max(500).optional(),
        pageSize: z.number().int().min(1).max(5000).optional(),
        /** Only when changing it; empty keeps the stored one. */
        token: z.string().max(4096).optional(),
        scheduleMinutes: z.number().int().min(1).max(10080).nullable(),
        isWriteback: z.boolean(),
        isEnabled: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const before = sourceByName(ctx.db, input.name)
      // A source of another kabupaten is not this profile's to change (nor to move into its own).
      if (before) assertKabupaten(ctx.user, before.kabupaten_kode)
      const config = { ...(before ? JSON.parse(before.config_json) : {}), ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}), ...(input.pageSize ? { pageSize: input.pageSize } : {}) }
      try {
        return ctx.db.transaction(() => {
          const row = saveSource(ctx.db, { ...input, config, token: input.token || undefined })
          connectorFor(ctx.db, row, null) // settings a connector cannot use are refused now, not at the first run
          // The audit says that the token changed, never what it is.
          appendAudit(ctx.db, ctx.user, {
            action: before ? 'sync.source.update' : 'sync.source.add',
            entity: 'sync_source',
            entityId: row.id,
            before: before ?? null,
            after: { ...row, token: input.token ? '(diganti)' : undefined },
          })
          return { id: row.id }
        }).immediate()
      } catch (e) {
        if (e instanceof TRPCError) throw e
        throw new TRPCError({ code: 'BAD_REQUEST', message: e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message })
      }
    }),

  quarantine: scopedProcedure('operator', { kabupatenOptional: true })
    .input(
      z.object({
        kabupaten: kabupatenKodeSchema.optional(),
        sourceId: z.number().int().positive().optional(),
        includeResolved: z.boolean().default(false),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => quarantineViews(ctx.db, input)),

  quarantineRaw: scopedProcedure('operator', { ids: 'quarantine' }).input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => {
    const r = quarantineRaw(ctx.db, input.id, ctx.user.role)
    if (!r) throw new TRPCError({ code: 'NOT_FOUND', message: `karantina #${input.id} tidak ada` })
    return r
  }),

  outbox: scopedProcedure('operator', { kabupatenOptional: true })
    .input(z.object({ kabupaten: kabupatenKodeSchema.optional(), states: z.array(z.enum(['pending', 'sent', 'conflict', 'failed', 'discarded'])).default(['pending', 'conflict', 'failed']), limit: z.number().int().min(1).max(500).default(50) }))
    .query(({ ctx, input }) => outboxViews(ctx.db, input)),

  resolve: permittedProcedure('manageOutbox', { ids: 'outbox' }).input(z.object({ id: z.number().int().positive(), choice: z.enum(['force', 'discard']) })).mutation(({ ctx, input }) => {
    return ctx.db.transaction(() => {
      if (!resolveConflict(ctx.db, input.id, input.choice)) throw new TRPCError({ code: 'CONFLICT', message: `tindakan #${input.id} tidak menunggu keputusan` })
      appendAudit(ctx.db, ctx.user, { action: `sync.outbox.${input.choice}`, entity: 'sync_outbox', entityId: input.id })
      return { ok: true }
    }).immediate()
  }),
})

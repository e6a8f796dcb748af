// tRPC building blocks: one initTRPC for the whole app and one procedure per minimum role.
// Roles are checked here, on the server side of every transport (IPC, HTTP, WebSocket), never only in the UI.
import { initTRPC, TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc'
import { PERMISSIONS, liaisonMayCall, roleAtLeast, type Permission, type Role } from '#shared/roles.ts'
import { DomainError, type DomainErrorCode } from '#main/errors.ts'
import { asStoreProblem } from '#main/store/health.ts'
import { MAX_BATCH_CALLS } from '#shared/domain.ts'
import type { Context } from './context.ts'
import { scopeRefsOf, withOwnKabupaten, type ScopeMeta } from './scope.ts'
import { scopeCheck } from '#main/users/scope.ts'
import type { SessionUser } from '#main/users/session.ts'
import type { ReadShare } from './read-pool.ts'

/** Every procedure records the least role it needs, so tests can enumerate the router and check each one. */
export type ProcedureMeta = {
  minRole: Role
  scope?: ScopeMeta
  /** Only this role may call it, not the roles above (the liaison's procedures: liaisonProcedure). */
  only?: Role
}

const TRPC_CODE: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  PRECONDITION: 'PRECONDITION_FAILED',
  BUSY: 'TOO_MANY_REQUESTS',
}

/** A domain's refusal as clients know it (code, message, HTTP status); anything else unchanged. tRPC wraps what a
 *  procedure throws in an INTERNAL_SERVER_ERROR, which would hide a plain "not found" behind a 500. */
function fromDomain(error: TRPCError): TRPCError {
  if (!(error.cause instanceof DomainError)) return error
  return new TRPCError({ code: TRPC_CODE[error.cause.code], message: error.cause.message, cause: error.cause })
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  // Never send stack traces: they name files and internals to whoever calls the API over the network.
  isDev: false,
  errorFormatter({ shape, error }) {
    // zod messages are already in the user's terms (what and where); pass the issues through for forms.
    const issues = error.cause && 'issues' in error.cause ? (error.cause as { issues: unknown }).issues : undefined
    // Calls pass through `domainErrors` below; a subscription's stream can still fail with a domain error.
    const mapped = fromDomain(error)
    // tRPC's own refusal of an over-long batch (maxBatchSize in server/serve.ts), said in the user's language.
    if (error.code === 'BAD_REQUEST' && error.message === 'Batch call exceeds maximum size') {
      return { ...shape, message: `Terlalu banyak panggilan dalam satu permintaan (paling banyak ${MAX_BATCH_CALLS}); kirim terpisah` }
    }
    if (mapped === error) return { ...shape, data: { ...shape.data, issues } }
    const data = { ...shape.data, code: mapped.code, httpStatus: getHTTPStatusCodeFromError(mapped), issues }
    return { ...shape, message: mapped.message, code: TRPC_ERROR_CODES_BY_KEY[mapped.code], data }
  },
})

export const router = t.router
export const mergeRouters = t.mergeRouters

function requireRole(needed: Role) {
  return t.middleware(({ ctx, path, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Belum masuk: sesi tidak dikenal' })
    // A liaison (penghubung) may call only its allow-list (#shared/roles.ts LIAISON_PROCEDURES), whatever the
    // procedure's minimum role: a procedure added later is closed to it until someone opens it on purpose.
    if (ctx.user.role === 'penghubung') {
      if (!liaisonMayCall(path)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `Profil penghubung ${ctx.user.username} hanya dapat memakai kotak masuk unitnya (bukan ${path})` })
      }
      return next({ ctx: { ...ctx, user: ctx.user } })
    }
    if (!roleAtLeast(ctx.user.role, needed)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `Peran ${ctx.user.role} tidak boleh melakukan ini (perlu ${needed} atau lebih tinggi)`,
      })
    }
    return next({ ctx: { ...ctx, user: ctx.user } })
  })
}

/** The one place a DomainError becomes a TRPCError, for every procedure (and for server-side callers). */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next()
  if (!result.ok && result.error.cause instanceof DomainError) throw fromDomain(result.error)
  // SQLite's own English ("database disk image is malformed", "database or disk is full") becomes a message in
  // the user's words that names the file and says what to do (store/health.ts).
  if (!result.ok && result.error.cause) {
    const problem = asStoreProblem(result.error.cause, ctx.db.name)
    if (problem instanceof DomainError) throw fromDomain(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: problem }))
  }
  return result
})

/** A profile limited to some kabupaten (SessionUser.kabupaten) is refused anything its call names outside them:
 *  kabupaten and region codes, complaints, sync sources, quarantine and outbox rows (app/api/scope.ts). */
const scoped = t.middleware(async ({ ctx, meta, getRawInput, next }) => {
  const user = ctx.user
  if (!user?.kabupaten) return next()
  if (meta?.scope?.global) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `Profil ${user.username} tidak berwenang atas pengaturan yang berlaku untuk semua kabupaten (profil ini hanya untuk ${user.kabupaten.join(', ')})`,
    })
  }
  const raw = await getRawInput()
  scopeCheck(ctx.db, user, scopeRefsOf(raw, meta?.scope))
  if (!meta?.scope?.kabupatenOptional) return next()
  const input = withOwnKabupaten(raw, user.kabupaten)
  if (input === null) throw new TRPCError({ code: 'FORBIDDEN', message: `Profil ${user.username} hanya untuk kabupaten ${user.kabupaten.join(', ')}: sebutkan kabupatennya` })
  return input === raw ? next() : next({ getRawInput: async () => input })
})

const procedureFor = (role: Role, scope?: ScopeMeta) =>
  t.procedure.use(domainErrors).meta(scope ? { minRole: role, scope } : { minRole: role }).use(requireRole(role)).use(scoped)

/** A procedure for a role whose input's `id`s name rows of a kabupaten, or whose kabupaten may be left out. */
export const scopedProcedure = procedureFor

/** A liaison's procedures (liaison.*): only a penghubung profile with units; every row is limited to its units in
 *  the domain (liaison/scope.ts). Command-centre profiles use the command-centre procedures instead. */
export const liaisonProcedure = t.procedure
  .use(domainErrors)
  .meta({ minRole: 'penghubung', only: 'penghubung' })
  .use(requireRole('penghubung'))
  .use(scoped)
  .use(
  t.middleware(({ ctx, next }) => {
    const user = ctx.user
    if (!user || user.role !== 'penghubung') throw new TRPCError({ code: 'FORBIDDEN', message: 'Hanya untuk profil penghubung unit' })
    if (!user.units || user.units.length === 0) throw new TRPCError({ code: 'FORBIDDEN', message: `Profil penghubung ${user.username} belum diberi unit; minta admin menambahkannya` })
    return next({ ctx: { ...ctx, user: { ...user, units: user.units } } })
  }),
)

/** Reads that any signed-in profile may make (wall displays run as viewer). */
export const viewerProcedure = procedureFor('viewer')
export const operatorProcedure = procedureFor('operator')
export const supervisorProcedure = procedureFor('supervisor')
export const adminProcedure = procedureFor('admin')
/** An admin's change to what holds for every kabupaten: refused to a profile limited to some (ScopeMeta.global). */
export const globalAdminProcedure = procedureFor('admin', { global: true })
/** The procedure for a permission of the shared table, the one the screens' buttons read (#shared/roles.ts). */
export const permittedProcedure = (permission: Permission, scope?: ScopeMeta) => procedureFor(PERMISSIONS[permission], scope)

/**
 * A heavy read's resolver, run off the server's thread where the context has a read pool (serve mode,
 * api/read-pool.ts): the role and scope middleware have already run here; the worker runs this same procedure as
 * the same user on its own read-only connection, and identical questions within one data revision share one
 * answer. `share` says what of the caller the answer depends on ('scope': role and kabupaten only, for figures).
 * Without a pool (the desktop shell, the CLI, tests calling the router directly) the resolver runs here as it is.
 */
export function offThread<Opts extends { ctx: Context & { user: SessionUser }; input: unknown; path: string }, Out>(
  share: ReadShare,
  resolver: (opts: Opts) => Out,
): (opts: Opts) => Out | Promise<Awaited<Out>> {
  return (opts) => (opts.ctx.reads ? (opts.ctx.reads.run(opts.path, opts.input, opts.ctx.user, share, () => resolver(opts)) as Promise<Awaited<Out>>) : resolver(opts))
}

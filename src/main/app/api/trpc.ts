// tRPC building blocks: one initTRPC for the whole app and one procedure per minimum role.
// Roles are checked here, on the server side of every transport (IPC, HTTP, WebSocket), never only in the UI.
import { initTRPC, TRPCError } from '@trpc/server'
import { PERMISSIONS, roleAtLeast, type Permission, type Role } from '#shared/roles.ts'
import type { Context } from './context.ts'

/** Every procedure records the least role it needs, so tests can enumerate the router and check each one. */
export type ProcedureMeta = { minRole: Role }

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  // Never send stack traces: they name files and internals to whoever calls the API over the network.
  isDev: false,
  errorFormatter({ shape, error }) {
    // zod messages are already in the user's terms (what and where); pass the issues through for forms.
    const issues = error.cause && 'issues' in error.cause ? (error.cause as { issues: unknown }).issues : undefined
    return { ...shape, data: { ...shape.data, issues } }
  },
})

export const router = t.router
export const mergeRouters = t.mergeRouters

function requireRole(needed: Role) {
  return t.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Belum masuk: sesi tidak dikenal' })
    if (!roleAtLeast(ctx.user.role, needed)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `Peran ${ctx.user.role} tidak boleh melakukan ini (perlu ${needed} atau lebih tinggi)`,
      })
    }
    return next({ ctx: { ...ctx, user: ctx.user } })
  })
}

const procedureFor = (role: Role) => t.procedure.meta({ minRole: role }).use(requireRole(role))

/** Reads that any signed-in profile may make (wall displays run as viewer). */
export const viewerProcedure = procedureFor('viewer')
export const operatorProcedure = procedureFor('operator')
export const supervisorProcedure = procedureFor('supervisor')
export const adminProcedure = procedureFor('admin')
/** The procedure for a permission of the shared table, the one the screens' buttons read (#shared/roles.ts). */
export const permittedProcedure = (permission: Permission) => procedureFor(PERMISSIONS[permission])

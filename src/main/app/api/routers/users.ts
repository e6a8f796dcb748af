// Profiles, managed in the app by an admin (auth/accounts.ts): a profile limited to some kabupaten may not (a
// profile it made could reach the others), hence globalAdminProcedure. Every change is audited.
import { z } from 'zod'
import { globalAdminProcedure, router } from '../trpc.ts'
import { roleSchema } from '#shared/roles.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { MAX_PASSWORD_LENGTH } from '#main/auth/password.ts'
import { addUser, importUsers, listUsers, resetPassword, setDisabled, setEmail } from '#main/auth/accounts.ts'

const username = z.string().regex(/^[a-z0-9._-]{2,64}$/, 'nama pengguna: 2–64 huruf kecil, angka, titik, garis bawah atau tanda hubung')
const password = z.string().min(1, 'kata sandi kosong').max(MAX_PASSWORD_LENGTH)
const email = z.string().trim().max(200).email('alamat e-mail tidak sah')

export const usersRouter = router({
  list: globalAdminProcedure.query(({ ctx }) => listUsers(ctx.db)),
  add: globalAdminProcedure
    .input(
      z.object({
        username,
        nama: z.string().trim().min(2, 'nama minimal 2 huruf').max(100),
        role: roleSchema,
        password: password.optional(),
        unitCodes: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
        kabupaten: z.array(kabupatenKodeSchema).max(50).optional(),
        email: email.nullable().optional(),
        /** Head of the unit: receives escalations of overdue complaints. */
        kepala: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => addUser(ctx.db, ctx.user, input)),
  /** A list from a spreadsheet (xlsx/csv: username, nama, peran, unit, email), sent as base64 (≤ 5 MB). */
  importList: globalAdminProcedure
    .input(z.object({ name: z.string().min(1).max(200), dataBase64: z.string().max(7_000_000, 'berkas paling besar 5 MB') }))
    .mutation(({ ctx, input }) => importUsers(ctx.db, ctx.user, { name: input.name, data: Buffer.from(input.dataBase64, 'base64') })),
  resetPassword: globalAdminProcedure.input(z.object({ username, password })).mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.user, input.username, input.password)),
  setDisabled: globalAdminProcedure.input(z.object({ username, disabled: z.boolean() })).mutation(({ ctx, input }) => setDisabled(ctx.db, ctx.user, input.username, input.disabled)),
  setEmail: globalAdminProcedure.input(z.object({ username, email: email.nullable() })).mutation(({ ctx, input }) => setEmail(ctx.db, ctx.user, input.username, input.email)),
})

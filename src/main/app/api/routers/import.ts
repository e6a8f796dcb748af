// The file-import API: presets, saved mappings, a look at a file's first rows, dry run and commit, and the
// history of imports. A file arrives as base64 (browser upload, serve mode and desktop alike) or, for an admin at
// the desktop app, as a file of this machine picked in the shell's own open dialog (`pickFile`, a token for the
// chosen path: api/picked-files.ts). A path typed into a call is never read; every read of a picked file is audited.
import { existsSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { adminProcedure, operatorProcedure, router, scopedProcedure, supervisorProcedure } from '../trpc.ts'
import { issuePick, pickedPath } from '../picked-files.ts'
import type { Context } from '../context.ts'
import { appendAudit } from '#main/audit/log.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { can } from '#shared/roles.ts'
import { mappingSchema } from '#main/import/fields.ts'
import { HEADER_SCAN_ROWS, LayoutError, resolveLayout } from '#main/import/layout.ts'
import { assertMappingInScope, deleteMapping, listMappings, mappingByName, saveMapping } from '#main/import/mappings.ts'
import { PRESETS } from '#main/import/presets.ts'
import { FileReadError, kindOf, readRows, type FileInput, type SheetRow } from '#main/import/readers.ts'
import { importFile } from '#main/import/run.ts'
import { importHistory } from '#main/import/history.ts'
import { cellText } from '#main/import/values/text.ts'

// 64 MiB of base64 is a 48 MiB file: an xlsx of several hundred thousand complaints.
const MAX_BASE64 = 64 * 1024 * 1024

const fileSchema = z
  .object({
    name: z.string().min(1).max(300).refine((n) => kindOf(n) !== null, 'hanya berkas .xlsx atau .csv'),
    base64: z.string().max(MAX_BASE64, 'berkas terlalu besar untuk diunggah (maks. 48 MB); pakai tanggap import di baris perintah').optional(),
    /** The token `pickFile` gave for a file chosen in the desktop's open dialog. */
    picked: z.string().max(100).optional(),
    /** Named only to refuse it with a clear answer: a path is never accepted from a caller. */
    path: z.string().max(4000).optional(),
  })
  .refine((f) => f.path !== undefined || (f.base64 === undefined) !== (f.picked === undefined), 'kirim isi berkas (base64) atau berkas pilihan dialog (picked), salah satu')

type FileArg = z.infer<typeof fileSchema>

function fileInput(ctx: Pick<Context, 'user' | 'db' | 'app'>, f: FileArg, procedure: 'inspect' | 'run'): FileInput {
  if (f.path !== undefined) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'path berkas tidak diterima lewat API; unggah isinya (di aplikasi desktop: pilih berkas lewat dialog Buka)' })
  }
  if (f.base64 !== undefined) return { bytes: Buffer.from(f.base64, 'base64') }
  // A picked file is a file of the machine running tanggap: an administrator's call at the desktop app only.
  if (!ctx.user || !can(ctx.user.role, 'importByPath')) throw new TRPCError({ code: 'FORBIDDEN', message: 'membaca berkas di komputer ini hanya untuk admin; unggah isinya' })
  if (ctx.app.mode !== 'desktop') throw new TRPCError({ code: 'FORBIDDEN', message: 'berkas di komputer server hanya bisa dipilih di aplikasi desktop; unggah isinya' })
  const path = pickedPath(f.picked!, ctx.user.id)
  if (path === null) throw new TRPCError({ code: 'BAD_REQUEST', message: 'pilihan berkas tidak dikenal atau kedaluwarsa; pilih berkasnya lagi' })
  if (!existsSync(path) || !statSync(path).isFile()) throw new TRPCError({ code: 'BAD_REQUEST', message: `berkas ${path} tidak ada` })
  // Who read which file of this machine, and through what, is in the audit log whether or not it parses.
  appendAudit(ctx.db, ctx.user, { action: 'import.file.read', entity: 'file', entityId: path, after: { procedure, name: f.name } })
  return { path }
}

function asUserError(err: unknown): never {
  if (err instanceof LayoutError || err instanceof FileReadError) throw new TRPCError({ code: 'BAD_REQUEST', message: err.message, cause: err })
  throw err
}

const layoutChoice = {
  preset: z.string().max(100).optional(),
  mappingName: z.string().max(100).optional(),
  mapping: mappingSchema.optional(),
}

export const importRouter = router({
  /** The desktop's open dialog: a token for the chosen file (for inspect and run), or null when cancelled. */
  pickFile: adminProcedure.mutation(async ({ ctx }) => {
    if (ctx.app.mode !== 'desktop' || !ctx.shell?.chooseImportFile) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'Memilih berkas di komputer ini hanya ada di aplikasi desktop; di peramban unggah berkasnya' })
    }
    const path = await ctx.shell.chooseImportFile()
    if (!path) return { file: null }
    return { file: { name: basename(path), picked: issuePick(path, ctx.user.id) } }
  }),

  presets: operatorProcedure.query(() => PRESETS.map((p) => ({ name: p.name, label: p.label, description: p.description, columns: p.columns }))),

  mappings: scopedProcedure('operator', { kabupatenOptional: true }).input(z.object({ kabupaten: kabupatenKodeSchema.optional() })).query(({ ctx, input }) => listMappings(ctx.db, input.kabupaten)),

  saveMapping: supervisorProcedure
    .input(z.object({ name: z.string().trim().min(2).max(100), kabupaten: kabupatenKodeSchema.nullable(), mapping: mappingSchema }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(() => {
        assertMappingInScope(ctx.db, ctx.user, input.name, input.kabupaten)
        const saved = saveMapping(ctx.db, input, ctx.user.username)
        appendAudit(ctx.db, ctx.user, { action: 'import.mapping.save', entity: 'import_mapping', entityId: input.name, after: saved.mapping })
        return saved
      }).immediate(),
    ),

  deleteMapping: supervisorProcedure.input(z.object({ name: z.string().min(1).max(100) })).mutation(({ ctx, input }) =>
    ctx.db.transaction(() => {
      assertMappingInScope(ctx.db, ctx.user, input.name)
      const done = deleteMapping(ctx.db, input.name)
      if (done) appendAudit(ctx.db, ctx.user, { action: 'import.mapping.delete', entity: 'import_mapping', entityId: input.name })
      return { deleted: done }
    }).immediate(),
  ),

  /** The first rows of a file and its layout (or why it is not recognised, with a proposed mapping). */
  inspect: operatorProcedure.input(z.object({ file: fileSchema, sheet: z.string().max(200).optional(), ...layoutChoice })).mutation(async ({ ctx, input }) => {
    const first: SheetRow[] = []
    try {
      for await (const r of readRows(fileInput(ctx, input.file, 'inspect'), kindOf(input.file.name)!, input.sheet ?? input.mapping?.sheet, undefined, input.file.name)) {
        first.push(r)
        if (first.length >= HEADER_SCAN_ROWS) break
      }
    } catch (err) {
      asUserError(err)
    }
    const rows = first.map((r) => ({ row: r.row, cells: r.cells.map(cellText) }))
    const saved = input.mappingName ? mappingByName(ctx.db, input.mappingName) : null
    if (input.mappingName && !saved) throw new TRPCError({ code: 'NOT_FOUND', message: `pemetaan tersimpan "${input.mappingName}" tidak ada` })
    try {
      const layout = resolveLayout(first, { preset: input.preset, mapping: saved?.mapping ?? input.mapping, mappingName: input.mappingName })
      return { rows, layout: { name: layout.name, headerRow: layout.headerRow, headers: layout.headers, mapping: layout.mapping }, problem: null, suggestion: null }
    } catch (err) {
      if (!(err instanceof LayoutError)) asUserError(err)
      return { rows, layout: null, problem: err.message, suggestion: err.suggestion }
    }
  }),

  /** Dry run (operator and up) or commit (supervisor and up: an import may change many complaints at once). */
  run: operatorProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, file: fileSchema, dryRun: z.boolean(), source: z.string().max(40).optional(), ...layoutChoice }))
    .mutation(async ({ ctx, input }) => {
      if (!input.dryRun && !can(ctx.user.role, 'commitImport')) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `Peran ${ctx.user.role} hanya boleh uji coba impor; menyimpan impor perlu supervisor atau lebih tinggi` })
      }
      // The same clear answer as inspect gives, before any file is read.
      if (input.mappingName && !mappingByName(ctx.db, input.mappingName)) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `pemetaan tersimpan "${input.mappingName}" tidak ada` })
      }
      try {
        return await importFile(ctx.db, {
          kabupaten: input.kabupaten,
          name: input.file.name,
          input: fileInput(ctx, input.file, 'run'),
          preset: input.preset,
          mappingName: input.mappingName,
          mapping: input.mapping,
          source: input.source,
          dryRun: input.dryRun,
          user: ctx.user,
          bus: ctx.bus,
          trigger: 'manual',
        })
      } catch (err) {
        asUserError(err)
      }
    }),

  /** Past imports, newest first. */
  history: operatorProcedure
    .input(z.object({ kabupaten: kabupatenKodeSchema, limit: z.number().int().min(1).max(200).default(20) }))
    .query(({ ctx, input }) => importHistory(ctx.db, input.kabupaten, input.limit)),
})

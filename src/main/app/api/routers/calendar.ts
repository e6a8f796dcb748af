// The working-day calendar and deadline rules as Pengaturan shows and edits them. Anyone may read them; only an
// admin changes them (calendar/admin.ts, audited). A change is answered at once and the deadlines and KPI
// aggregates are rebuilt right after (kpi/rebuild-queue.ts); `status` says whether that is still under way.
// The minimum sample for rankings lives with the KPI router (kpi.minSample / kpi.setMinSample).
import { z } from 'zod'
import { adminProcedure, globalAdminProcedure, router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import type { Context } from '../context.ts'
import { getKabupaten } from '#main/reference/regions/queries.ts'
import { deadlineState, scheduleRebuild, type DeadlineState } from '#main/kpi/rebuild-queue.ts'
import { deadlineRulesPatchSchema, loadDeadlineRules } from '#main/calendar/store.ts'
import { addDayOff, changeDeadlineRules, importHolidayText, switchDayOff, yearOfDaysOff } from '#main/calendar/admin.ts'
import { parseDate } from '#main/calendar/days.ts'

// The same window as the holiday file: a year outside it is a typo, not a plan.
const yearSchema = z.number().int().min(2000).max(2100)

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal harus berbentuk YYYY-MM-DD')
  .refine((d) => parseDate(d) !== null, { error: (iss) => `tanggal ${String(iss.input)} tidak ada di kalender` })
  .refine((d) => yearSchema.safeParse(Number(d.slice(0, 4))).success, 'tahun harus antara 2000 dan 2100')

const kab = { kabupaten: kabupatenKodeSchema }

/** A holiday file as the renderer read it: its text, not yet parsed (JSON errors are reported with their line). */
const MAX_FILE_CHARS = 1_000_000

/** After a saved change: other open screens are told, the rebuild is queued, and the answer carries the
 *  deadline state so the screen shows "Menghitung ulang tenggat…" without asking again. */
function announce(ctx: Context, kabupaten: string): DeadlineState {
  // Open Pengaturan screens refetch the calendar now, and every screen again once the deadlines are rebuilt.
  ctx.bus.emit({ kabupaten, kind: 'reference', at: Date.now(), count: 1 })
  scheduleRebuild(ctx.db, ctx.bus, kabupaten)
  return deadlineState(ctx.db, kabupaten)
}

const afterChange = (ctx: Context, kabupaten: string, changed: boolean) => (changed ? announce(ctx, kabupaten) : deadlineState(ctx.db, kabupaten))

export const calendarRouter = router({
  /** A year's days off for a kabupaten: national (libur, cuti bersama) and its own, switched on or off. */
  daysOff: viewerProcedure.input(z.object({ ...kab, year: yearSchema })).query(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    return yearOfDaysOff(ctx.db, input.kabupaten, input.year)
  }),

  /** The deadline rules of a kabupaten (hari kerja; the cap in calendar days). */
  rules: viewerProcedure.input(z.object(kab)).query(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    return loadDeadlineRules(ctx.db, input.kabupaten)
  }),

  /** Whether the kabupaten's deadlines follow today's calendar and rules, or are being recomputed. */
  status: viewerProcedure.input(z.object(kab)).query(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    return deadlineState(ctx.db, input.kabupaten)
  }),

  /** An extra day off for this kabupaten only (a Bupati's decision, a local event). */
  addDayOff: adminProcedure
    .input(z.object({ ...kab, date: dateSchema, nama: z.string().trim().min(1, 'nama hari libur wajib diisi').max(120) }))
    .mutation(({ ctx, input }) => {
      getKabupaten(ctx.db, input.kabupaten)
      const row = addDayOff(ctx.db, ctx.user, input.kabupaten, input.date, input.nama)
      return { ...row, deadlines: announce(ctx, input.kabupaten) }
    }),

  /** Switches a day off on or off. Nothing is deleted: an official date switched off stays listed. */
  setDayOffActive: adminProcedure.input(z.object({ ...kab, id: z.number().int().positive(), isActive: z.boolean() })).mutation(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    const changed = switchDayOff(ctx.db, ctx.user, input.kabupaten, input.id, input.isActive)
    return { id: input.id, isActive: input.isActive, changed, deadlines: afterChange(ctx, input.kabupaten, changed) }
  }),

  /** Changes some deadline rules of a kabupaten; returns the rules now in force. */
  setRules: adminProcedure.input(z.object({ ...kab, rules: deadlineRulesPatchSchema })).mutation(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    const result = changeDeadlineRules(ctx.db, ctx.user, input.kabupaten, input.rules)
    return { ...result, deadlines: afterChange(ctx, input.kabupaten, result.changed) }
  }),

  /** Imports a holiday file (the shipped table's shape: SKB amendments, an isbat change) into the national days off. */
  importHolidays: globalAdminProcedure
    .input(
      z.object({
        ...kab,
        text: z.string().max(MAX_FILE_CHARS, `berkas terlalu besar (lebih dari ${MAX_FILE_CHARS.toLocaleString('id-ID')} karakter)`),
        mode: z.enum(['replace', 'merge']).default('replace'),
        dryRun: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => {
      getKabupaten(ctx.db, input.kabupaten)
      const outcome = importHolidayText(ctx.db, ctx.user, input.text, { mode: input.mode, dryRun: input.dryRun })
      const { summary } = outcome
      const isChange = !input.dryRun && summary.added + summary.changed + summary.deactivated > 0
      return { ...outcome, deadlines: afterChange(ctx, input.kabupaten, isChange) }
    }),
})

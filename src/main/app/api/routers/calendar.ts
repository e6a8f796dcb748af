// The working-day calendar and deadline rules as Pengaturan shows and edits them. Anyone may read them; only an
// admin changes them, and every change is audited. A change is answered at once and the deadlines and KPI
// aggregates are rebuilt right after (kpi/rebuild-queue.ts); `status` says whether that is still under way.
// The minimum sample for rankings lives with the KPI router (kpi.minSample / kpi.setMinSample).
import { z } from 'zod'
import { TRPCError } from '@trpc/server'
import { adminProcedure, router, viewerProcedure } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { appendAudit } from '#main/audit/log.ts'
import type { Context } from '../context.ts'
import type { Db } from '#main/store/open.ts'
import { getKabupaten } from '#main/reference/regions/queries.ts'
import { deadlineState, scheduleRebuild, type DeadlineState } from '#main/kpi/rebuild-queue.ts'
import { addLocalDayOff, deadlineRulesPatchSchema, listDaysOff, loadDeadlineRules, saveDeadlineRules, setDayOffActive, type DayOffRow } from '#main/calendar/store.ts'
import { importHolidays } from '#main/calendar/holiday-import.ts'
import { formatHolidayFileErrors, type HolidayFileError } from '#main/calendar/holiday-file.ts'
import { isWeekend, parseDate } from '#main/calendar/days.ts'

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

export type DayOffView = {
  id: number
  date: string
  kind: DayOffRow['kind']
  nama: string
  source: DayOffRow['source']
  /** nasional rows are shared by every kabupaten of the store; lokal rows are this kabupaten's own. */
  scope: 'nasional' | 'lokal'
  isActive: boolean
}

const toView = (r: DayOffRow): DayOffView => ({
  id: r.id,
  date: r.date,
  kind: r.kind,
  nama: r.nama,
  source: r.source,
  scope: r.kabupaten_kode === null ? 'nasional' : 'lokal',
  isActive: r.is_active === 1,
})

/** The national rows of some years, as an audit entry's before/after of an import. */
function nationalRows(db: Db, years: number[]): { date: string; kind: string; nama: string; isActive: boolean }[] {
  if (years.length === 0) return []
  const marks = years.map(() => '?').join(', ')
  // sql-vetted: `marks` is one ? per year; the years are bound
  const rows = db
    .prepare(
      `SELECT date, kind, nama, is_active FROM calendar_day_off
       WHERE kabupaten_kode IS NULL AND CAST(substr(date, 1, 4) AS INTEGER) IN (${marks}) ORDER BY date`,
    )
    .all(...years) as { date: string; kind: string; nama: string; is_active: number }[]
  return rows.map((r) => ({ date: r.date, kind: r.kind, nama: r.nama, isActive: r.is_active === 1 }))
}

/** JSON.parse's "at position N" as a line and column an admin can find in a text editor. */
function jsonSyntaxError(text: string, err: Error): HolidayFileError {
  const at = /position (\d+)/.exec(err.message)
  let where = 'berkas'
  if (at) {
    const before = text.slice(0, Number(at[1]))
    const line = before.split('\n').length
    where = `baris ${line}, kolom ${before.length - before.lastIndexOf('\n')}`
  }
  return { where, year: null, list: null, index: null, message: `bukan JSON yang sah (${err.message})` }
}

/** After a saved change: other open screens are told, the rebuild is queued, and the answer carries the
 *  deadline state so the screen shows "Menghitung ulang tenggat…" without asking again. */
function announce(ctx: Context, kabupaten: string): DeadlineState {
  // Open Pengaturan screens refetch the calendar now, and every screen again once the deadlines are rebuilt.
  ctx.bus.emit({ kabupaten, kind: 'reference', at: Date.now(), count: 1 })
  scheduleRebuild(ctx.db, ctx.bus, kabupaten)
  return deadlineState(ctx.db, kabupaten)
}

export const calendarRouter = router({
  /** A year's days off for a kabupaten: national (libur, cuti bersama) and its own, switched on or off. */
  daysOff: viewerProcedure.input(z.object({ ...kab, year: yearSchema })).query(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    const year = ctx.db.prepare('SELECT skb, source FROM calendar_year WHERE year = ?').get(input.year) as
      | { skb: string; source: 'shipped' | 'import' }
      | undefined
    return { year: input.year, skb: year?.skb ?? null, skbSource: year?.source ?? null, days: listDaysOff(ctx.db, input.kabupaten, input.year).map(toView) }
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
      if (isWeekend(parseDate(input.date)!)) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: `Tanggal ${input.date} jatuh pada akhir pekan: sudah bukan hari kerja` })
      }
      const row = ctx.db.transaction(() => {
        const before = ctx.db.prepare('SELECT nama, is_active FROM calendar_day_off WHERE kabupaten_kode = ? AND date = ?').get(input.kabupaten, input.date) as
          | { nama: string; is_active: number }
          | undefined
        const id = addLocalDayOff(ctx.db, input.kabupaten, input.date, input.nama)
        const after = { date: input.date, nama: input.nama, isActive: true }
        appendAudit(ctx.db, ctx.user, {
          action: 'calendar.add_day_off',
          entity: 'calendar_day_off',
          entityId: id,
          before: before ? { date: input.date, nama: before.nama, isActive: before.is_active === 1 } : null,
          after: { kabupaten: input.kabupaten, ...after },
        })
        return { id, ...after }
      })()
      return { ...row, deadlines: announce(ctx, input.kabupaten) }
    }),

  /** Switches a day off on or off. Nothing is deleted: an official date switched off stays listed. */
  setDayOffActive: adminProcedure.input(z.object({ ...kab, id: z.number().int().positive(), isActive: z.boolean() })).mutation(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    const changed = ctx.db.transaction(() => {
      const row = ctx.db.prepare('SELECT * FROM calendar_day_off WHERE id = ?').get(input.id) as DayOffRow | undefined
      if (!row || (row.kabupaten_kode !== null && row.kabupaten_kode !== input.kabupaten)) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `Hari libur ${input.id} tidak ada di kalender kabupaten ${input.kabupaten}` })
      }
      if ((row.is_active === 1) === input.isActive) return false
      setDayOffActive(ctx.db, row.date, row.kabupaten_kode, input.isActive)
      const scope = row.kabupaten_kode === null ? 'nasional' : row.kabupaten_kode
      appendAudit(ctx.db, ctx.user, {
        action: 'calendar.set_day_off_active',
        entity: 'calendar_day_off',
        entityId: row.id,
        before: { date: row.date, kind: row.kind, nama: row.nama, scope, isActive: row.is_active === 1 },
        after: { date: row.date, kind: row.kind, nama: row.nama, scope, isActive: input.isActive },
      })
      return true
    })()
    const deadlines = changed ? announce(ctx, input.kabupaten) : deadlineState(ctx.db, input.kabupaten)
    return { id: input.id, isActive: input.isActive, changed, deadlines }
  }),

  /** Changes some deadline rules of a kabupaten; returns the rules now in force. */
  setRules: adminProcedure.input(z.object({ ...kab, rules: deadlineRulesPatchSchema })).mutation(({ ctx, input }) => {
    getKabupaten(ctx.db, input.kabupaten)
    const result = ctx.db.transaction(() => {
      const before = loadDeadlineRules(ctx.db, input.kabupaten)
      const after = { ...before, ...input.rules }
      if (JSON.stringify(after) === JSON.stringify(before)) return { rules: before, changed: false }
      saveDeadlineRules(ctx.db, input.kabupaten, input.rules)
      appendAudit(ctx.db, ctx.user, { action: 'calendar.set_rules', entity: 'deadline_rule', entityId: input.kabupaten, before, after })
      return { rules: after, changed: true }
    })()
    const deadlines = result.changed ? announce(ctx, input.kabupaten) : deadlineState(ctx.db, input.kabupaten)
    return { ...result, deadlines }
  }),

  /**
   * Imports a holiday file (the shipped table's shape: SKB amendments, an isbat change) into the national days
   * off. All or nothing: a malformed file is refused with every problem and where it is, and nothing changes.
   * dryRun counts what would change (the preview before "Impor").
   */
  importHolidays: adminProcedure
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
      let data: unknown
      try {
        data = JSON.parse(input.text)
      } catch (e) {
        return refuse([jsonSyntaxError(input.text, e as Error)])
      }
      const outcome = ctx.db.transaction(() => {
        const before = input.dryRun ? [] : nationalRows(ctx.db, yearsIn(data))
        const result = importHolidays(ctx.db, data, { mode: input.mode, dryRun: input.dryRun })
        if (!result.ok || input.dryRun) return result
        const { summary } = result
        if (summary.added + summary.changed + summary.deactivated > 0) {
          appendAudit(ctx.db, ctx.user, {
            action: 'calendar.import_holidays',
            entity: 'calendar_day_off',
            entityId: summary.years.join(','),
            before,
            after: { mode: input.mode, summary, days: nationalRows(ctx.db, summary.years) },
          })
        }
        return result
      })()
      if (!outcome.ok) return refuse(outcome.errors)
      const { summary } = outcome
      const isChange = !input.dryRun && summary.added + summary.changed + summary.deactivated > 0
      return { ...outcome, deadlines: isChange ? announce(ctx, input.kabupaten) : deadlineState(ctx.db, input.kabupaten) }
    }),
})

function yearsIn(data: unknown): number[] {
  if (typeof data !== 'object' || data === null) return []
  return Object.keys(data)
    .filter((k) => /^\d{4}$/.test(k))
    .map(Number)
}

// A file typed wrong throughout would list hundreds of lines; the first ones show what to fix.
const MAX_LISTED_ERRORS = 25

function refuse(errors: HolidayFileError[]): never {
  const more = errors.length - MAX_LISTED_ERRORS
  const listed = formatHolidayFileErrors(errors.slice(0, MAX_LISTED_ERRORS)) + (more > 0 ? `\n… dan ${more} kesalahan lagi` : '')
  throw new TRPCError({ code: 'BAD_REQUEST', message: `Berkas libur tidak sah, tidak ada yang diubah (${errors.length} kesalahan):\n${listed}` })
}

// Early warning over the API: the rising issues of a kabupaten, the similar reports of one complaint, and the links
// of duplicates to their main complaint.
import { z } from 'zod'
import { globalAdminProcedure, offThread, permittedProcedure, router } from '../trpc.ts'
import { kabupatenKodeSchema } from '#shared/domain.ts'
import { can } from '#shared/roles.ts'
import { detectIssues } from '#main/isu/detect.ts'
import { DEFAULT_FALSE_ALARMS_PER_WEEK, FALSE_ALARM_RANGE, falseAlarmRate, setFalseAlarmRate } from '#main/isu/settings.ts'
import { appendAudit } from '#main/audit/log.ts'
import { changeSetting } from '#main/settings/stored.ts'
import { similarTo } from '#main/serupa/similar.ts'
import { duplicateLinks, linkDuplicate, unlinkDuplicate } from '#main/serupa/links.ts'
import { uniqueCounts } from '#main/serupa/unique.ts'
import { gandaPage, possibleDuplicates, possibleDuplicatesCsv } from '#main/queue/ganda.ts'
import { periodSchema } from '#shared/period.ts'
import { screenFilterSchema } from '#main/kpi/filter.ts'

const read = permittedProcedure('read')
const readComplaint = permittedProcedure('read', { ids: 'complaint' })
const linking = permittedProcedure('linkDuplicate', { ids: 'complaint' })
const id = z.number().int().positive()

export const isuRouter = router({
  list: read
    .input(z.object({ kabupaten: kabupatenKodeSchema, falseAlarmsPerWeek: z.number().min(0.001).max(50).optional() }))
    .query(offThread('scope', ({ ctx, input }) => detectIssues(ctx.db, input.kabupaten, Date.now(), { falseAlarmsPerWeek: input.falseAlarmsPerWeek ?? falseAlarmRate(ctx.db) }))),
  /** The admin's expected false alarms per week (Pengaturan), the default of isu.list and `tanggap isu`. */
  settings: read.query(({ ctx }) => ({ falseAlarmsPerWeek: falseAlarmRate(ctx.db), default: DEFAULT_FALSE_ALARMS_PER_WEEK, ...FALSE_ALARM_RANGE })),
  setFalseAlarmRate: globalAdminProcedure.input(z.object({ value: z.number().min(FALSE_ALARM_RANGE.min).max(FALSE_ALARM_RANGE.max) })).mutation(({ ctx, input }) =>
    changeSetting(ctx.db, ctx.user, 'settings.isu', 'isu.false_alarms_per_week', () => falseAlarmRate(ctx.db), () => setFalseAlarmRate(ctx.db, input.value)),
  ),
  /** Rahasia complaints are compared and shown only to those who may read them. */
  similar: readComplaint
    .input(z.object({ id }))
    .query(offThread('scope', ({ ctx, input }) => ({ ...similarTo(ctx.db, input.id, { includeRahasia: can(ctx.user.role, 'seeRahasia') }), links: duplicateLinks(ctx.db, input.id) }))),
  /** Raw reports and unique problems (linked duplicates counted once) for Ringkasan's Masuk and Terbuka tiles. */
  unique: read
    .input(z.object({ kabupaten: kabupatenKodeSchema, period: periodSchema, filter: screenFilterSchema }))
    .query(offThread('scope', ({ ctx, input }) => uniqueCounts(ctx.db, input.kabupaten, input.period, input.filter ?? {}))),
  /** The queue "Kemungkinan ganda": open complaints that look like an earlier one and are not linked to it yet. */
  ganda: read.input(z.object({ kabupaten: kabupatenKodeSchema, limit: z.number().int().min(1).max(100_000).optional() })).query(
    // `count` is every row of the queue; `rows` the first `limit` of them (all without it), most similar first.
    offThread('scope', ({ ctx, input }) => gandaPage(ctx.db, { kabupaten: input.kabupaten, now: Date.now(), role: ctx.user.role, limit: input.limit })),
  ),
  /** The same rows as CSV, for those who work the queue (operator and up); audited as every export is. */
  gandaExport: permittedProcedure('linkDuplicate').input(z.object({ kabupaten: kabupatenKodeSchema })).mutation(({ ctx, input }) => {
    const rows = possibleDuplicates(ctx.db, { kabupaten: input.kabupaten, now: Date.now(), role: ctx.user.role })
    appendAudit(ctx.db, ctx.user, { action: 'export', entity: 'export', entityId: `${input.kabupaten}/kemungkinan_ganda`, after: { request: { kind: 'queue', queue: 'kemungkinan_ganda', kabupaten: input.kabupaten }, format: 'csv', rows: rows.length, hasIdentity: false } })
    return { count: rows.length, filename: `kemungkinan-ganda-${input.kabupaten}.csv`, csv: possibleDuplicatesCsv(rows) }
  }),
  link: linking
    .input(z.object({ id, mainId: id, score: z.number().min(0).max(1).nullable().optional() }))
    .mutation(({ ctx, input }) => linkDuplicate(ctx.db, ctx.user, input.id, input.mainId, input.score ?? null)),
  unlink: linking.input(z.object({ id })).mutation(({ ctx, input }) => ({ unlinked: unlinkDuplicate(ctx.db, ctx.user, input.id) })),
})

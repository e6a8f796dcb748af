// What can be exported, as zod schemas shared by the API and the CLI, so a bad request gets the same clear
// message whichever way it came in: a queue (any of the work queues, with the queue screen's filters), the KPI
// tables, or the monthly recap that Pemda send upward.
import { z } from 'zod'
import { kabupatenKodeSchema, periodSchema } from '#shared/domain.ts'
import { QUEUES, SORTS } from '../queue/queries.ts'
import { STATUSES } from '#shared/status.ts'
import { DIMS, type Dim } from '../kpi/aggregates.ts'
import { screenFilterSchema } from '../kpi/filter.ts'
import { DELIMITERS } from './csv.ts'
import { auditFilterSchema } from '../audit/queries.ts'

export const FORMATS = ['xlsx', 'csv'] as const
export type ExportFormat = (typeof FORMATS)[number]

/** The KPI tables of a `kpi` export unless the caller names others: the slices Pemda report on. */
export const DEFAULT_KPI_DIMS: Dim[] = ['opd', 'kecamatan', 'category', 'channel', 'klasifikasi']

/** The complaints of one rising issue, as Antrean is opened from its row (at most a few thousand). */
export const queueIdsSchema = z.array(z.number().int().positive(), { error: 'daftar laporan harus berisi nomor laporan' }).max(5000, 'paling banyak 5.000 laporan')

const queueSchema = z.enum(QUEUES, { error: (i) => `antrean tidak dikenal: ${JSON.stringify(i.input)} (pilihan: ${QUEUES.join(', ')})` })

export const queueExportSchema = z.object({
  kind: z.literal('queue'),
  kabupaten: kabupatenKodeSchema,
  queue: queueSchema,
  sort: z.enum(SORTS).default('terlama'),
  unitId: z.number().int().positive().optional(),
  kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'kode kecamatan berbentuk NN.NN.NN').optional(),
  desa: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode desa berbentuk NN.NN.NN.NNNN').optional(),
  filter: screenFilterSchema,
  /** Submitted within these local dates (inclusive); the whole queue without it. */
  period: periodSchema.optional(),
  /** Only complaints in this status now. */
  status: z.enum(STATUSES, { error: (i) => `status tidak dikenal: ${JSON.stringify(i.input)} (pilihan: ${STATUSES.join(', ')})` }).optional(),
  search: z.string().max(100).optional(),
  /** Only these complaints: a rising issue's (isu.list), as its row on screen opens them. */
  ids: queueIdsSchema.optional(),
})



export const kpiExportSchema = z.object({
  kind: z.literal('kpi'),
  kabupaten: kabupatenKodeSchema,
  period: periodSchema,
  /** One sheet per slice. */
  dims: z.array(z.enum(DIMS)).min(1, 'pilih minimal satu tabel').max(DIMS.length).default(DEFAULT_KPI_DIMS),
  /** Only rows under this parent: an OPD's bidang (unit id), a kecamatan's desa (its kode). */
  within: z.string().max(32).optional(),
  filter: screenFilterSchema,
})

export const recapExportSchema = z.object({
  kind: z.literal('recap'),
  kabupaten: kabupatenKodeSchema,
  period: periodSchema,
  filter: screenFilterSchema,
})

/** The audit log under the audit screen's filters (supervisors and admins); the kabupaten gives the time zone. */
export const auditExportSchema = auditFilterSchema.extend({ kind: z.literal('audit'), kabupaten: kabupatenKodeSchema })

export const exportRequestSchema = z.discriminatedUnion('kind', [queueExportSchema, kpiExportSchema, recapExportSchema, auditExportSchema], {
  error: () => 'jenis ekspor tidak dikenal (pilihan: queue, kpi, recap, audit)',
})

export type QueueExport = z.infer<typeof queueExportSchema>
export type KpiExport = z.infer<typeof kpiExportSchema>
export type RecapExport = z.infer<typeof recapExportSchema>
export type AuditExport = z.infer<typeof auditExportSchema>
export type ExportRequest = z.infer<typeof exportRequestSchema>

export const exportFormatSchema = z.object({
  format: z.enum(FORMATS, { error: (i) => `format tidak dikenal: ${JSON.stringify(i.input)} (pilihan: xlsx, csv)` }),
  delimiter: z.enum(DELIMITERS, { error: () => 'pemisah CSV harus ";" atau ","' }).default(';'),
})
export type ExportFormatOptions = z.infer<typeof exportFormatSchema>

// The fields an imported row can fill, and the mapping that says which column holds which field. A mapping comes
// from a preset (presets.ts) or from the user, who can save it by name (import_mapping, 0007_import.sql).
import { z } from 'zod'
import { CHANNELS, KLASIFIKASI, STATUSES } from '#shared/domain.ts'
import { FIELDS } from '#shared/import-fields.ts'

export { FIELDS, REQUIRED_FIELDS, type Field } from '#shared/import-fields.ts'

export const mappingSchema = z.object({
  /** Which sheet of a workbook (name); default the first. */
  sheet: z.string().max(200).optional(),
  /** 1-based row that holds the column headers; default: found by looking for the mapped headers. */
  headerRow: z.number().int().min(1).max(1000).optional(),
  /** Field -> header text of its column (matched ignoring case, accents and punctuation). */
  columns: z.partialRecord(z.enum(FIELDS), z.string().min(1).max(200)),
  /** Values for fields the file does not have (e.g. every row of a WhatsApp log is channel whatsapp_pemda). */
  defaults: z
    .object({
      channel: z.enum(CHANNELS).optional(),
      klasifikasi: z.enum(KLASIFIKASI).optional(),
      status: z.string().min(1).max(100).optional(),
    })
    .default({}),
  /** Extra status words of this file's source, checked before the built-in list. */
  statuses: z.record(z.string().min(1).max(100), z.enum(STATUSES)).default({}),
})
export type ImportMapping = z.infer<typeof mappingSchema>
export type ImportMappingInput = z.input<typeof mappingSchema>

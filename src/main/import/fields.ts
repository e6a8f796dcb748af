// The fields an imported row can fill, and the mapping that says which column holds which field. A mapping comes
// from a preset (presets.ts) or from the user, who can save it by name (import_mapping, 0007_import.sql).
import { z } from 'zod'
import { CHANNELS, KLASIFIKASI, STATUSES } from '../../shared/domain.ts'

export const FIELDS = [
  'tracking_id',
  'submitted_at',
  'submitted_time', // some recaps keep the time of day in its own column
  'judul',
  'isi',
  'kejadian_at',
  'updated_at',
  'status',
  'klasifikasi',
  'channel',
  'kategori',
  'unit',
  'kecamatan',
  'desa',
  'lokasi',
  'lat',
  'lon',
  'is_anonim',
  'is_rahasia',
  'reporter_nama',
  'reporter_nik',
  'reporter_phone',
  'reporter_email',
  'verified_at',
  'dispositioned_at',
  'first_response_at',
  'closed_at',
  'tanggapan',
] as const
export type Field = (typeof FIELDS)[number]

/** A row needs these to become a complaint; everything else may be empty. (judul falls back to the start of isi.) */
export const REQUIRED_FIELDS: readonly Field[] = ['submitted_at', 'status']

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

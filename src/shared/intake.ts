// A complaint received by the Pemda's own channels and keyed in by an official (manual entry). Shared by the API
// (which validates) and the "Pengaduan baru" form (which shows the same messages before sending).
import { z } from 'zod'
import { klasifikasiSchema, kabupatenKodeSchema, type Channel } from './domain.ts'

export const INTAKE_VIA = ['whatsapp', 'surat', 'datang_langsung', 'telepon'] as const
export type IntakeVia = (typeof INTAKE_VIA)[number]

/** The normalised channel each way of receiving counts as in the KPIs (complaint_intake.via keeps the way too). */
export const VIA_CHANNEL: Record<IntakeVia, Channel> = {
  whatsapp: 'whatsapp_pemda',
  surat: 'surat',
  datang_langsung: 'tatap_muka',
  telepon: 'telepon',
}

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} paling banyak ${max} huruf`)
    .transform((s) => (s === '' ? null : s))
    .nullish()

export const intakeInputSchema = z
  .object({
    kabupaten: kabupatenKodeSchema,
    via: z.enum(INTAKE_VIA, 'pilih cara pengaduan diterima'),
    /** When the Pemda received it (ms UTC); default: now. */
    receivedAt: z.number().int().positive().optional(),
    judul: z.string().trim().min(5, 'judul minimal 5 huruf').max(300, 'judul paling banyak 300 huruf'),
    isi: z.string().trim().min(10, 'isi pengaduan minimal 10 huruf').max(20_000, 'isi paling banyak 20.000 huruf'),
    klasifikasi: klasifikasiSchema.default('pengaduan'),
    categoryId: z.number().int().positive().nullish(),
    kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'kode kecamatan berbentuk NN.NN.NN').nullish(),
    desa: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode desa berbentuk NN.NN.NN.NNNN').nullish(),
    lokasi: optionalText(500, 'keterangan lokasi'),
    /** Nomor agenda surat, nomor tiket WhatsApp… Not for personal data. */
    reference: optionalText(100, 'nomor rujukan'),
    reporter: z
      .object({
        nama: optionalText(200, 'nama pelapor'),
        nik: z
          .string()
          .trim()
          .transform((s) => s.replace(/[\s.-]/g, ''))
          .refine((s) => s === '' || /^\d{16}$/.test(s), 'NIK harus 16 angka')
          .transform((s) => (s === '' ? null : s))
          .nullish(),
        phone: z
          .string()
          .trim()
          .refine((s) => s === '' || /^(\+62|62|0)8[\d\s-]{7,14}$/.test(s), 'nomor HP berbentuk 08… atau +628…')
          .transform((s) => (s === '' ? null : s))
          .nullish(),
        email: z
          .string()
          .trim()
          .refine((s) => s === '' || z.email().safeParse(s).success, 'alamat email tidak sah')
          .transform((s) => (s === '' ? null : s))
          .nullish(),
      })
      .nullish(),
    isAnonim: z.boolean().default(false),
    isRahasia: z.boolean().default(false),
    /** Idempotency key of the form: the same submit sent twice (a double click, a retry) makes one complaint. */
    clientKey: z.string().min(8).max(100).optional(),
  })
  .refine((v) => !v.desa || !v.kecamatan || v.desa.startsWith(v.kecamatan + '.'), { path: ['desa'], message: 'desa bukan bagian kecamatan yang dipilih' })
  .refine((v) => !v.kecamatan || v.kecamatan.startsWith(v.kabupaten + '.'), { path: ['kecamatan'], message: 'kecamatan bukan bagian kabupaten ini' })

export type IntakeInput = z.input<typeof intakeInputSchema>
export type IntakeParsed = z.output<typeof intakeInputSchema>

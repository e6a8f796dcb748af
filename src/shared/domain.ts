// Domain vocabulary shared by main, preload and renderer: the LAPOR! statuses, klasifikasi, channels and roles
// (see domain.md). Values are the stored strings; labels live in the renderer's i18n files.
import { z } from 'zod'

export const STATUSES = [
  'belum_terverifikasi',
  'belum_ditindaklanjuti',
  'proses',
  'selesai',
  'tunda',
  'bukan_wewenang',
  'arsip',
  'dihapus',
] as const
export type Status = (typeof STATUSES)[number]
export const statusSchema = z.enum(STATUSES)

/** Statuses in which a complaint still waits on the Pemda (counts as backlog). */
export const OPEN_STATUSES: readonly Status[] = ['belum_terverifikasi', 'belum_ditindaklanjuti', 'proses']

export const KLASIFIKASI = ['pengaduan', 'aspirasi', 'permintaan_informasi', 'whistle_blowing', 'pengadaan'] as const
export type Klasifikasi = (typeof KLASIFIKASI)[number]
export const klasifikasiSchema = z.enum(KLASIFIKASI)

export const CHANNELS = [
  'web',
  'sms_1708',
  'app_android',
  'app_ios',
  'twitter',
  'integrasi_daerah',
  'whatsapp_pemda',
  'tatap_muka',
  'surat',
  'setwapres',
] as const
export type Channel = (typeof CHANNELS)[number]
export const channelSchema = z.enum(CHANNELS)

export const UNIT_KINDS = ['pemkab', 'opd', 'bidang', 'upt', 'kecamatan', 'desa'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const EVENT_KINDS = [
  'submitted',
  'status',
  'disposition',
  'tindak_lanjut',
  'pelapor_reply',
  'note',
  'location',
] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export const ROLES = ['viewer', 'operator', 'supervisor', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const roleSchema = z.enum(ROLES)
/** Each role may do everything the roles before it may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed)
}

export const KABUPATEN_KODE = /^\d{2}\.\d{2}$/
export const kabupatenKodeSchema = z.string().regex(KABUPATEN_KODE, 'kode kabupaten harus berbentuk NN.NN, mis. 64.08')

/** A period filter: inclusive local dates (YYYY-MM-DD) in the kabupaten's time zone. */
export const periodSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .refine((p) => p.from <= p.to, { message: 'awal periode harus sebelum akhir periode' })
export type Period = z.infer<typeof periodSchema>

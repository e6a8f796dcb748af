// Domain vocabulary shared by main, preload and renderer: klasifikasi, channels, unit and event kinds, the
// kabupaten code (see domain.md). Values are the stored strings; labels live in the renderer's i18n files.
// Statuses, roles and periods have modules of their own and are re-exported here for older imports.
import { z } from 'zod'

export { STATUSES, statusSchema, OPEN_STATUSES, type Status } from './status.ts'
export { ROLES, roleSchema, roleAtLeast, type Role } from './roles.ts'
export { periodSchema, type Period } from './period.ts'

export const KLASIFIKASI = ['pengaduan', 'aspirasi', 'permintaan_informasi', 'whistle_blowing', 'pengadaan'] as const
export type Klasifikasi = (typeof KLASIFIKASI)[number]
export const klasifikasiSchema = z.enum(KLASIFIKASI)

export const CHANNELS = ['web', 'sms_1708', 'app_android', 'app_ios', 'twitter', 'integrasi_daerah', 'whatsapp_pemda', 'tatap_muka', 'surat', 'setwapres', 'telepon'] as const
export type Channel = (typeof CHANNELS)[number]
export const channelSchema = z.enum(CHANNELS)

export const UNIT_KINDS = ['pemkab', 'opd', 'bidang', 'upt', 'kecamatan', 'desa'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const EVENT_KINDS = ['submitted', 'status', 'disposition', 'tindak_lanjut', 'pelapor_reply', 'note', 'location'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

export const KABUPATEN_KODE = /^\d{2}\.\d{2}$/
export const kabupatenKodeSchema = z.string().regex(KABUPATEN_KODE, 'kode kabupaten harus berbentuk NN.NN, mis. 64.08')

/** Calls one HTTP request may batch: the server refuses more (a batch of 60 KPI tables held everyone up), and the
 *  renderer's batch link splits at the same number. */
export const MAX_BATCH_CALLS = 20

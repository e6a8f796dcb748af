// The words admins' exports use for status, klasifikasi, channel and yes/no flags, mapped onto our stored
// values. The exact LAPOR! strings are partly UNCONFIRMED (domain.md), so a mapping can add or override entries
// (ImportMapping.statuses) and the raw status string is always kept beside the normalised one.
import type { Channel, Klasifikasi, Status } from '#shared/domain.ts'
import { fold } from '#main/reference/names/fold.ts'
import type { Parsed } from './dates.ts'

export const STATUS_WORDS: Record<string, Status> = {
  'belum terverifikasi': 'belum_terverifikasi',
  'menunggu verifikasi': 'belum_terverifikasi',
  'belum diverifikasi': 'belum_terverifikasi',
  baru: 'belum_terverifikasi',
  'belum ditindaklanjuti': 'belum_ditindaklanjuti',
  'belum ditindak lanjuti': 'belum_ditindaklanjuti',
  terverifikasi: 'belum_ditindaklanjuti',
  terdisposisi: 'belum_ditindaklanjuti',
  didisposisikan: 'belum_ditindaklanjuti',
  disposisi: 'belum_ditindaklanjuti',
  diteruskan: 'belum_ditindaklanjuti',
  proses: 'proses',
  diproses: 'proses',
  'dalam proses': 'proses',
  'sedang diproses': 'proses',
  ditindaklanjuti: 'proses',
  'sudah ditindaklanjuti': 'proses',
  'tindak lanjut': 'proses',
  selesai: 'selesai',
  ditutup: 'selesai',
  tuntas: 'selesai',
  tunda: 'tunda',
  ditunda: 'tunda',
  dipending: 'tunda',
  pending: 'tunda',
  'bukan wewenang': 'bukan_wewenang',
  'bukan kewenangan': 'bukan_wewenang',
  'tidak berwenang': 'bukan_wewenang',
  dikembalikan: 'bukan_wewenang',
  arsip: 'arsip',
  diarsipkan: 'arsip',
  dihapus: 'dihapus',
}

const KLASIFIKASI_WORDS: Record<string, Klasifikasi> = {
  pengaduan: 'pengaduan',
  keluhan: 'pengaduan',
  aspirasi: 'aspirasi',
  saran: 'aspirasi',
  'permintaan informasi': 'permintaan_informasi',
  informasi: 'permintaan_informasi',
  'whistle blowing': 'whistle_blowing',
  whistleblowing: 'whistle_blowing',
  wbs: 'whistle_blowing',
  pengadaan: 'pengadaan',
}

const CHANNEL_WORDS: Record<string, Channel> = {
  web: 'web',
  website: 'web',
  'lapor go id': 'web',
  'www lapor go id': 'web',
  situs: 'web',
  sms: 'sms_1708',
  'sms 1708': 'sms_1708',
  '1708': 'sms_1708',
  android: 'app_android',
  'app android': 'app_android',
  'aplikasi android': 'app_android',
  ios: 'app_ios',
  'app ios': 'app_ios',
  'aplikasi ios': 'app_ios',
  iphone: 'app_ios',
  twitter: 'twitter',
  x: 'twitter',
  'twitter x': 'twitter',
  'integrasi daerah': 'integrasi_daerah',
  integrasi: 'integrasi_daerah',
  'kanal daerah': 'integrasi_daerah',
  whatsapp: 'whatsapp_pemda',
  wa: 'whatsapp_pemda',
  'whatsapp pemda': 'whatsapp_pemda',
  'tatap muka': 'tatap_muka',
  'datang langsung': 'tatap_muka',
  langsung: 'tatap_muka',
  'walk in': 'tatap_muka',
  surat: 'surat',
  'surat masuk': 'surat',
  setwapres: 'setwapres',
  'lapor mas wapres': 'setwapres',
}

function lookup<T>(words: Record<string, T>, raw: string, what: string, extra?: Record<string, T>): Parsed<T> {
  const key = fold(raw)
  const hit = (extra && Object.entries(extra).find(([k]) => fold(k) === key)?.[1]) ?? words[key] ?? words[key.replace(/ /g, '')]
  return hit !== undefined ? { ok: true, value: hit } : { ok: false, reason: `${what} "${raw}" tidak dikenal` }
}

/** A status word to our status; `extra` is the mapping's own table, checked first. */
export function parseStatus(raw: string, extra?: Record<string, Status>): Parsed<Status> {
  return lookup(STATUS_WORDS, raw, 'status', extra)
}

export function parseKlasifikasi(raw: string): Parsed<Klasifikasi> {
  return lookup(KLASIFIKASI_WORDS, raw, 'klasifikasi')
}

export function parseChannel(raw: string): Parsed<Channel> {
  return lookup(CHANNEL_WORDS, raw, 'saluran')
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'iya', 'anonim', 'rahasia', 'v', 'x'])
const NO = new Set(['tidak', 't', 'no', 'n', 'false', '0', 'bukan', 'tdk', 'publik', 'umum'])

/** A yes/no flag ("Ya", "Tidak", "1", TRUE, "✓"); empty is no. */
export function parseFlag(value: unknown): Parsed<0 | 1> {
  if (value === null || value === undefined || value === '') return { ok: true, value: 0 }
  if (typeof value === 'boolean') return { ok: true, value: value ? 1 : 0 }
  const raw = String(value).trim()
  if (raw === '✓' || raw === '✔') return { ok: true, value: 1 }
  const key = fold(raw)
  if (key === '') return { ok: true, value: 0 }
  if (YES.has(key)) return { ok: true, value: 1 }
  if (NO.has(key)) return { ok: true, value: 0 }
  return { ok: false, reason: `"${raw}" bukan ya/tidak` }
}

// The words in exported files. Exports go upward to Pemprov, KemenPANRB and Ombudsman, all of which work in
// Bahasa Indonesia, so files are in Indonesian whatever the screen language is; the stored codes become the
// labels officials use in their own recaps.
import type { Channel, Klasifikasi } from '#shared/domain.ts'

/** The statuses under LAPOR!'s own names, which the screens show too. */
export { STATUS_LABEL } from '#shared/status.ts'

export const CHANNEL_LABEL: Record<Channel, string> = {
  web: 'Web (lapor.go.id)',
  sms_1708: 'SMS 1708',
  app_android: 'Aplikasi Android',
  app_ios: 'Aplikasi iOS',
  twitter: 'Twitter/X',
  integrasi_daerah: 'Integrasi daerah',
  whatsapp_pemda: 'WhatsApp Pemda',
  tatap_muka: 'Tatap muka',
  surat: 'Surat',
  setwapres: 'Lapor Mas Wapres',
  telepon: 'Telepon',
}

export const KLASIFIKASI_LABEL: Record<Klasifikasi, string> = {
  pengaduan: 'Pengaduan',
  aspirasi: 'Aspirasi',
  permintaan_informasi: 'Permintaan Informasi',
  whistle_blowing: 'Whistle Blowing',
  pengadaan: 'Pengadaan',
}

export const ROLE_LABEL = { penghubung: 'Penghubung unit', viewer: 'Pemantau (viewer)', operator: 'Operator', supervisor: 'Supervisor', admin: 'Admin' } as const

export const YES = 'Ya'
export const NO = 'Tidak'
export const yesNo = (b: boolean | 0 | 1) => (b ? YES : NO)

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']

/** "1 Oktober 2026 – 31 Oktober 2026", or "Oktober 2026" for one whole month. */
export function periodLabel(p: { from: string; to: string }): string {
  const [fy, fm, fd] = p.from.split('-').map(Number)
  const [ty, tm, td] = p.to.split('-').map(Number)
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate()
  if (fy === ty && fm === tm && fd === 1 && td === lastDay) return `${MONTHS[fm - 1]} ${fy}`
  return `${fd} ${MONTHS[fm - 1]} ${fy} – ${td} ${MONTHS[tm - 1]} ${ty}`
}

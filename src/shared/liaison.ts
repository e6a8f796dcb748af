// What the liaison (penghubung) screens and the server share: inbox filters, the words of a complaint's history
// (id + en), the bounds of a request for more time and the reminder kinds.
import { z } from 'zod'

export const INBOX_FILTERS = ['semua', 'terlambat', 'segera', 'dikembalikan'] as const
export type InboxFilter = (typeof INBOX_FILTERS)[number]

/** "Segera": falls due within this many hari kerja (the daily digest uses the same bound). */
export const SOON_HK = 2

export const MAX_EXTENSION_HK = 60

/** The entries of a complaint's history as a liaison sees them: complaint_event kinds and the liaison's own steps. */
export const HISTORY_KINDS = [
  'submitted',
  'status',
  'disposition',
  'tindak_lanjut',
  'pelapor_reply',
  'note',
  'location',
  'kembali',
  'kembali_diterima',
  'kembali_ditolak',
  'perpanjangan',
] as const
export type HistoryKind = (typeof HISTORY_KINDS)[number]

export const HISTORY_LABELS: Readonly<Record<'id' | 'en', Readonly<Record<HistoryKind, string>>>> = {
  id: {
    submitted: 'Laporan masuk',
    status: 'Status berubah',
    disposition: 'Disposisi',
    tindak_lanjut: 'Tindak lanjut',
    pelapor_reply: 'Balasan pelapor',
    note: 'Catatan',
    location: 'Lokasi ditandai',
    kembali: 'Dikembalikan: bukan wewenang kami',
    kembali_diterima: 'Pengembalian diterima',
    kembali_ditolak: 'Pengembalian ditolak',
    perpanjangan: 'Minta perpanjangan waktu',
  },
  en: {
    submitted: 'Report received',
    status: 'Status changed',
    disposition: 'Disposition',
    tindak_lanjut: 'Follow-up (tindak lanjut)',
    pelapor_reply: 'Reporter reply',
    note: 'Note',
    location: 'Location tagged',
    kembali: 'Returned: not our responsibility',
    kembali_diterima: 'Return accepted',
    kembali_ditolak: 'Return rejected',
    perpanjangan: 'More time requested',
  },
}

export const REMINDER_KINDS = ['digest', 'eskalasi'] as const
export type ReminderKind = (typeof REMINDER_KINDS)[number]
export const REMINDER_STATES = ['menunggu', 'terkirim', 'gagal'] as const
export type ReminderState = (typeof REMINDER_STATES)[number]

export const SMTP_TLS = ['none', 'starttls', 'tls'] as const
export const smtpTlsSchema = z.enum(SMTP_TLS)

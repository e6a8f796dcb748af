// The LAPOR! statuses, which of them still wait on the Pemda, and their names. Main (SQL, exports, actions) and the
// renderer (badges, buttons) read this one module, so a status can never be open on one side and closed on the other.
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

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status)
}

/**
 * OPEN_STATUSES as an SQL list. Written in this order on purpose: the partial indexes over open complaints
 * (migrations) carry the same list, and SQLite uses a partial index only when the query repeats its condition.
 */
export const OPEN_STATUSES_SQL = `(${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})`

/**
 * The names LAPOR! gives the statuses, which are also what it stores as status_raw: exports and Indonesian screens
 * use them. English screens name them in English (STATUS_LABELS.en); the status badge keeps the LAPOR! name in
 * its tooltip, so it can still be searched for on the LAPOR! site.
 */
export const STATUS_LABEL: Readonly<Record<Status, string>> = {
  belum_terverifikasi: 'Belum Terverifikasi',
  belum_ditindaklanjuti: 'Belum Ditindaklanjuti',
  proses: 'Proses',
  selesai: 'Selesai',
  tunda: 'Tunda',
  bukan_wewenang: 'Bukan Wewenang',
  arsip: 'Arsip',
  dihapus: 'Dihapus',
}

/** The status labels per screen language, for the renderer's translations (see STATUS_LABEL for why they agree). */
export const STATUS_LABELS: Readonly<Record<'id' | 'en', Readonly<Record<Status, string>>>> = {
  id: STATUS_LABEL,
  en: {
    belum_terverifikasi: 'Not yet verified',
    belum_ditindaklanjuti: 'Awaiting follow-up',
    proses: 'In progress',
    selesai: 'Completed',
    tunda: 'On hold',
    bukan_wewenang: 'Not its authority',
    arsip: 'Archived',
    dihapus: 'Deleted',
  },
}

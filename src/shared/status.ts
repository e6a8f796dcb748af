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
 * The names LAPOR! gives the statuses, which are also what it stores as status_raw. English screens keep them too:
 * officials and the LAPOR! site use these words, and a translated status could not be searched for there.
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
export const STATUS_LABELS: Readonly<Record<'id' | 'en', Readonly<Record<Status, string>>>> = { id: STATUS_LABEL, en: STATUS_LABEL }

// Drill-downs: where a number on Ringkasan or Peta leads. The Antrean list of the complaints it counts, with the
// same filters, so the list holds as many complaints as the number clicked. Period numbers open the queue "semua" narrowed to the
// period (hanya-periode=1, the dates written out so a rolling preset cannot move under the link); "now" numbers
// (open, overdue, unverified) open their work queue whole, as the tiles count them. Rates open Kinerja OPD,
// which shows the units behind them.
import { sharedFilters } from './links.ts'
import type { Period } from '#shared/period.ts'
import type { Status } from '#shared/status.ts'

type Narrow = { kec?: string; kategori?: string; kanal?: string; status?: Status }

/** The complaints submitted in `period` (and the screen's category and channel), optionally narrowed further. */
export function periodListHref(search: string, period: Period, narrow: Narrow = {}, queue: 'semua' | 'tanpa_lokasi' = 'semua'): string {
  const params = sharedFilters(search, ['kab', 'kategori', 'kanal'])
  params.set('dari', period.from)
  params.set('sampai', period.to)
  params.set('hanya-periode', '1')
  for (const [key, value] of Object.entries(narrow)) if (value) params.set(key, value)
  return `/antrean/${queue}?${params}`
}

/** A work queue as it stands now, under the screen's category and channel. */
export function nowQueueHref(search: string, queue: 'semua_terbuka' | 'terlambat' | 'verifikasi', sort?: 'tenggat'): string {
  const params = sharedFilters(search, ['kab', 'kategori', 'kanal'])
  if (sort) params.set('urut', sort)
  return `/antrean/${queue}?${params}`
}

/** Kinerja OPD for the same filters: the units behind a rate. */
export function kinerjaHref(search: string): string {
  return `/kinerja-opd?${sharedFilters(search)}`
}

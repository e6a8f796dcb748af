// Where a click leads: a unit's queue in Antrean, or this screen for another OPD. Both keep the filters every
// screen shares (kabupaten, period, category, channel) and drop anything else this screen has in its address.
import { sharedFilters as shared } from '#renderer/filters/links.ts'

/**
 * The unit's open complaints in Antrean (an OPD's queue includes its bidang); '' = the complaints waiting for a
 * disposition. A work queue is the whole work, so the period is not applied (the queue says so itself).
 */
export function queueHref(search: string, unitKey: string): string {
  const params = shared(search)
  if (unitKey === '') return `/antrean/disposisi?${params}`
  params.set('unit', unitKey)
  return `/antrean/semua_terbuka?${params}`
}

/** This screen for one OPD (its bidang), or for all OPD when opdId is null. */
export function screenHref(search: string, opdId: string | null): string {
  return `/kinerja-opd${opdId === null ? '' : `/${opdId}`}?${shared(search)}`
}

/** How often tanggap's disposition suggestions were taken and right, per OPD, for the same period. */
export function uptakeHref(search: string): string {
  return `/kinerja-opd/saran?${shared(search)}`
}

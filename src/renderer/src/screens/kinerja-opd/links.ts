// Where a click leads: a unit's queue in Antrean, or this screen for another OPD. Both keep the filters every
// screen shares (kabupaten, period, category, channel) and drop anything else this screen has in its address.
import { sharedFilters as shared } from '#renderer/filters/links.ts'

/** The Antrean screen narrowed to one unit (an OPD's queue includes its bidang); '' = not yet dispositioned. */
export function queueHref(search: string, unitKey: string): string {
  const params = shared(search)
  if (unitKey !== '') params.set('unit', unitKey)
  return `/antrean?${params}`
}

/** This screen for one OPD (its bidang), or for all OPD when opdId is null. */
export function screenHref(search: string, opdId: string | null): string {
  return `/kinerja-opd${opdId === null ? '' : `/${opdId}`}?${shared(search)}`
}

// Links between screens keep the filters every screen shares (kabupaten, period, category, channel) and drop
// anything else the current screen has in its address.
export const SHARED_FILTERS = ['kab', 'periode', 'dari', 'sampai', 'kategori', 'kanal'] as const

/** The shared filters of an address, or only `keys` of them (a "now" list leaves the period out). */
export function sharedFilters(search: string, keys: readonly string[] = SHARED_FILTERS): URLSearchParams {
  const from = new URLSearchParams(search)
  const out = new URLSearchParams()
  for (const key of keys) {
    const value = from.get(key)
    if (value !== null) out.set(key, value)
  }
  return out
}

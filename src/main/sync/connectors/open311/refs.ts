// Which of our categories and units an Open311 service and agency are. The source's own table (config.services,
// config.agencies) decides first; failing that, the service code or name and the agency name are matched against
// our category tree and unit list the way file import matches names (kode, name, abbreviation, a typo away).
// Unmatched stays null rather than guessed: the complaint still comes in, uncategorised or unassigned.
import type { Db } from '#main/store/open.ts'
import { categoryIndex, unitIndex } from '#main/reference/names/lookup.ts'
import type { Open311Config } from './config.ts'
import type { Open311Refs } from './map.ts'

export function open311Refs(db: Db, kabupaten: string, cfg: Pick<Open311Config, 'services' | 'agencies'>): Open311Refs {
  const categories = categoryIndex(db)
  const units = unitIndex(db, kabupaten)
  return {
    category(code, name) {
      if (code && cfg.services[code]) return cfg.services[code]
      for (const candidate of [code, name]) {
        const hit = candidate ? categories(candidate) : null
        if (hit?.ok) return hit.value.kode
      }
      return null
    },
    unit(agency) {
      if (!agency) return null
      if (cfg.agencies[agency]) return cfg.agencies[agency]
      const hit = units(agency)
      return hit.ok ? hit.value.kode : null
    },
  }
}

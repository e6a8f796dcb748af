// Which of our categories and units an Open311 service and agency are. The source's own table (config.services,
// config.agencies) decides first; failing that, the service code or name and the agency name are matched against
// our category tree and unit list the way file import matches names (kode, name, abbreviation, a typo away).
// Unmatched stays null rather than guessed: the complaint still comes in, uncategorised or unassigned.
import type { Db } from '../../../store/open.ts'
import { categoryIndex, unitIndex } from '../../../import/values/references.ts'
import type { Open311Config } from './config.ts'
import type { Open311Refs } from './map.ts'

export function open311Refs(db: Db, kabupaten: string, cfg: Pick<Open311Config, 'services' | 'agencies'>): Open311Refs & { unmapped(): { services: string[]; agencies: string[] } } {
  const categories = categoryIndex(db)
  const units = unitIndex(db, kabupaten)
  const missingServices = new Set<string>()
  const missingAgencies = new Set<string>()
  return {
    category(code, name) {
      if (code && cfg.services[code]) return cfg.services[code]
      for (const candidate of [code, name]) {
        if (!candidate) continue
        const hit = categories(candidate)
        if (hit.ok) return hit.value.kode
      }
      if (code || name) missingServices.add(code ?? name!)
      return null
    },
    unit(agency) {
      if (!agency) return null
      if (cfg.agencies[agency]) return cfg.agencies[agency]
      const hit = units(agency)
      if (hit.ok) return hit.value.kode
      missingAgencies.add(agency)
      return null
    },
    unmapped: () => ({ services: [...missingServices].sort(), agencies: [...missingAgencies].sort() }),
  }
}

// What the early-warning e2e files share: where an injected outbreak must stand out from a demo store's own
// traffic (its busiest kecamatan × category), and the start of a day a few days back in Kutai Timur's zone.
import type { Db } from '#main/store/open.ts'
import { startOfDay, dayOf } from '#main/calendar/days.ts'
import { KUTIM } from './harness.ts'

const WITA = 8 * 3600_000

export function busiestCell(db: Db): { kecamatan: string; kategori: number } {
  return db
    .prepare(
      `SELECT c.kecamatan_kode AS kecamatan, k.parent_id AS kategori FROM complaint c JOIN category k ON k.id = c.category_id
        WHERE c.kabupaten_kode = ? AND c.kecamatan_kode IS NOT NULL AND k.parent_id IS NOT NULL
        GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
    )
    .get(KUTIM) as { kecamatan: string; kategori: number }
}

/** Midnight (WITA) `days` days before today. */
export const daysAgo = (days: number) => startOfDay(dayOf(Date.now(), WITA) - days, WITA)

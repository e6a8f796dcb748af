// A period filter and the instants it spans. Periods are local dates of the kabupaten: "1–30 November" in Sangatta
// (WITA) starts eight hours before midnight UTC, in Jakarta (WIB) seven. Server and screens turn a period into
// instants with this one function, so a list and the count beside it hold the same complaints.
import { z } from 'zod'

/** A period filter: inclusive local dates (YYYY-MM-DD) in the kabupaten's time zone. */
export const periodSchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .refine((p) => p.from <= p.to, { message: 'awal periode harus sebelum akhir periode' })
export type Period = z.infer<typeof periodSchema>

const DAY_MS = 86_400_000

/**
 * The period as [startMs, endMs) in UTC milliseconds: from the start of its first day to the start of the day after
 * its last, in a zone `utcOffsetMinutes` east of UTC. A fixed offset, not a zone name: Indonesia has no daylight
 * saving, and the store's day keys (KPI aggregates, deadlines) are computed with the same stored offset.
 */
export function periodBounds(period: Period, utcOffsetMinutes: number): [startMs: number, endMs: number] {
  const startOf = (date: string) => Date.parse(`${date}T00:00:00Z`) - utcOffsetMinutes * 60_000
  return [startOf(period.from), startOf(period.to) + DAY_MS]
}

// Unique problems beside raw reports: twelve reports of one pothole, linked as duplicates of one main complaint, are
// twelve reports and one problem. Counted over the same complaints as Ringkasan's tiles (submitted in the period;
// open now), with the screens' category and channel filter: a linked group counts once, where any of it is counted.
import type { Db } from '#main/store/open.ts'
import { OPEN_STATUSES_SQL } from '#shared/status.ts'
import { periodBounds, type Period } from '#shared/period.ts'
import type { Channel } from '#shared/domain.ts'
import { getKabupaten } from '#main/reference/regions/queries.ts'

export type Unique = { reports: number; unique: number }

export function uniqueCounts(
  db: Db,
  kabupaten: string,
  period: Period,
  filter: { category?: number; channel?: Channel } = {},
): { masuk: Unique; terbuka: Unique; linked: number } {
  const [from, to] = periodBounds(period, getKabupaten(db, kabupaten).utc_offset_minutes)
  const params = { kab: kabupaten, from, to, category: filter.category ?? null, channel: filter.channel ?? null }
  const filters = `AND (@category IS NULL OR c.category_id = @category OR c.category_id IN (SELECT id FROM category WHERE parent_id = @category))
                   AND (@channel IS NULL OR c.channel = @channel)`
  const count = (where: string): Unique =>
    db
      .prepare(
        // sql-vetted: `where` and `filters` are fixed fragments of this function; values are bound @parameters
        `SELECT count(*) AS reports, count(DISTINCT coalesce(d.main_id, c.id)) AS "unique"
           FROM complaint c LEFT JOIN complaint_duplicate d ON d.complaint_id = c.id
          WHERE c.kabupaten_kode = @kab AND ${where} ${filters}`,
      )
      .get(params) as Unique
  const linked = db
    .prepare('SELECT count(*) FROM complaint_duplicate d JOIN complaint c ON c.id = d.complaint_id WHERE c.kabupaten_kode = ?')
    .pluck()
    .get(kabupaten) as number
  return {
    masuk: count("c.submitted_at >= @from AND c.submitted_at < @to AND c.status != 'dihapus'"),
    // sql-vetted: OPEN_STATUSES_SQL is the fixed list of status codes from #shared/status.ts
    terbuka: count(`c.status IN ${OPEN_STATUSES_SQL}`),
    linked,
  }
}

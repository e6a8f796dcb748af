// The Ringkasan (overview) numbers, computed by SQL; the screen only draws them.
import type { Db } from '../store/open.ts'
import { getKabupaten, periodBounds } from '../regions/queries.ts'
import { OPEN_STATUSES, type Channel, type Period, type Role, type Status } from '../../shared/domain.ts'

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ')

export type OverviewSummary = {
  kabupaten: { kode: string; nama: string }
  period: Period
  masuk: number
  selesai: number
  persenSelesai: number | null
  terbuka: number
  belumTerverifikasi: number
  tanpaLokasi: number
  byStatus: { status: Status; n: number }[]
  byChannel: { channel: Channel; n: number }[]
  topKecamatan: { kode: string; nama: string; n: number }[]
  topCategories: { id: number; nama: string; n: number }[]
  daily: { date: string; n: number }[]
}

export function overviewSummary(db: Db, kabupaten: string, period: Period): OverviewSummary {
  const k = getKabupaten(db, kabupaten)
  const [from, to] = periodBounds(k, period)
  const inPeriod = { kab: kabupaten, from, to }
  const one = (sql: string, params: object = inPeriod) => db.prepare(sql).pluck().get(params) as number
  const masuk = one('SELECT count(*) FROM complaint WHERE kabupaten_kode = @kab AND submitted_at >= @from AND submitted_at < @to')
  const selesai = one(
    "SELECT count(*) FROM complaint WHERE kabupaten_kode = @kab AND submitted_at >= @from AND submitted_at < @to AND status = 'selesai'",
  )
  return {
    kabupaten: { kode: k.kode, nama: k.nama },
    period,
    masuk,
    selesai,
    persenSelesai: masuk === 0 ? null : (100 * selesai) / masuk,
    // Open and unverified are "now" numbers: a backlog does not care when a complaint came in.
    terbuka: one(`SELECT count(*) FROM complaint WHERE kabupaten_kode = @kab AND status IN (${OPEN_SQL})`, { kab: kabupaten }),
    belumTerverifikasi: one("SELECT count(*) FROM complaint WHERE kabupaten_kode = @kab AND status = 'belum_terverifikasi'", {
      kab: kabupaten,
    }),
    tanpaLokasi: one(
      'SELECT count(*) FROM complaint WHERE kabupaten_kode = @kab AND submitted_at >= @from AND submitted_at < @to AND kecamatan_kode IS NULL',
    ),
    byStatus: db
      .prepare(
        `SELECT status, count(*) AS n FROM complaint
         WHERE kabupaten_kode = @kab AND submitted_at >= @from AND submitted_at < @to GROUP BY status ORDER BY n DESC`,
      )
      .all(inPeriod) as OverviewSummary['byStatus'],
    byChannel: db
      .prepare(
        `SELECT channel, count(*) AS n FROM complaint
         WHERE kabupaten_kode = @kab AND submitted_at >= @from AND submitted_at < @to GROUP BY channel ORDER BY n DESC`,
      )
      .all(inPeriod) as OverviewSummary['byChannel'],
    topKecamatan: db
      .prepare(
        `SELECT k.kode, k.nama, count(*) AS n FROM complaint c JOIN kecamatan k ON k.kode = c.kecamatan_kode
         WHERE c.kabupaten_kode = @kab AND c.submitted_at >= @from AND c.submitted_at < @to
         GROUP BY k.kode ORDER BY n DESC, k.nama LIMIT 5`,
      )
      .all(inPeriod) as OverviewSummary['topKecamatan'],
    topCategories: db
      .prepare(
        `SELECT g.id, g.nama, count(*) AS n FROM complaint c JOIN category g ON g.id = c.category_id
         WHERE c.kabupaten_kode = @kab AND c.submitted_at >= @from AND c.submitted_at < @to
         GROUP BY g.id ORDER BY n DESC, g.nama LIMIT 5`,
      )
      .all(inPeriod) as OverviewSummary['topCategories'],
    daily: db
      .prepare(
        `SELECT date((submitted_at + @offset) / 1000, 'unixepoch') AS date, count(*) AS n FROM complaint
         WHERE kabupaten_kode = @kab AND submitted_at >= @from AND submitted_at < @to GROUP BY 1 ORDER BY 1`,
      )
      .all({ ...inPeriod, offset: k.utc_offset_minutes * 60_000 }) as OverviewSummary['daily'],
  }
}

export type LatestComplaint = {
  id: number
  tracking_id: string
  judul: string | null
  status: Status
  submitted_at: number
  updated_at: number
  kecamatan: string | null
  unit: string | null
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
}

/** What just arrived or changed, newest first. A viewer (wall, public-facing) never sees a rahasia title. */
export function latestComplaints(db: Db, kabupaten: string, limit: number, role: Role): LatestComplaint[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.tracking_id, c.judul, c.status, c.submitted_at, c.updated_at, k.nama AS kecamatan,
              coalesce(u.singkatan, u.nama) AS unit, c.is_anonim, c.is_rahasia
       FROM complaint c LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode LEFT JOIN unit u ON u.id = c.unit_id
       WHERE c.kabupaten_kode = ? ORDER BY c.updated_at DESC LIMIT ?`,
    )
    .all(kabupaten, limit) as LatestComplaint[]
  return role === 'viewer' ? rows.map((r) => (r.is_rahasia ? { ...r, judul: null } : r)) : rows
}

// The Ringkasan (overview) numbers. Everything comes from the KPI aggregates, so the screen opens as fast on a
// million complaints as on a thousand; the screen only draws.
import type { Db } from '../store/open.ts'
import { STATUSES, type Channel, type Period, type Role, type Status } from '#shared/domain.ts'
import { getKabupaten } from '../reference/regions/queries.ts'
import { dailyTrend, kpiFor, toKpiFilter, type ScreenFilter } from '../kpi/service.ts'
import { readVolumes } from '../kpi/queries.ts'
import { queueCounts, type QueueRow } from '../queue/queries.ts'
import { viewFor, type Surface } from '../privacy/policy.ts'
import { redactRows } from '../privacy/reporters.ts'

export type OverviewSummary = {
  kabupaten: { kode: string; nama: string }
  period: Period
  masuk: number
  selesai: number
  persenSelesai: number | null
  terbuka: number
  belumTerverifikasi: number
  terlambat: number
  persenTepatWaktu: number | null
  medianHariKerjaRespons: number | null
  tanpaLokasi: number
  previous: {
    masuk: number
    /**
     * Complaints of the previous period received by the same point of it as this period has reached now (the
     * previous period's days up to the local date of the KPI table's previousAsOf): a period that is still running
     * is compared with as many days of the previous one, not with all of it.
     */
    masukSameAge: number
    persenSelesai: number | null
    persenTepatWaktu: number | null
    medianHariKerjaRespons: number | null
  }
  byStatus: { status: Status; n: number }[]
  byChannel: { channel: Channel; n: number }[]
  topKecamatan: { kode: string; nama: string; n: number }[]
  topCategories: { id: number; nama: string; n: number }[]
  daily: { date: string; n: number }[]
}

export function overviewSummary(db: Db, kabupaten: string, period: Period, now = Date.now(), filter?: ScreenFilter): OverviewSummary {
  const k = getKabupaten(db, kabupaten)
  const table = kpiFor(db, kabupaten, 'all', period, now, undefined, filter)
  const t = table.total
  const asOfDay = new Date(table.previousAsOf + k.utc_offset_minutes * 60_000).toISOString().slice(0, 10)
  const masukSameAge = dailyTrend(db, kabupaten, table.previousPeriod, 'all', '', filter)
    .filter((d) => d.date <= asOfDay)
    .reduce((sum, d) => sum + d.n, 0)
  const f = toKpiFilter(db, filter)
  const counts = (dim: 'channel' | 'kecamatan' | 'category') =>
    [...readVolumes(db, kabupaten, dim, period, f)].map(([key, n]) => ({ key, n })).filter((r) => r.n > 0)
  const kecamatanNames = new Map(
    (db.prepare('SELECT kode, nama FROM kecamatan WHERE kabupaten_kode = ?').all(kabupaten) as { kode: string; nama: string }[]).map((r) => [r.kode, r.nama]),
  )
  const categoryNames = new Map((db.prepare('SELECT id, nama FROM category').all() as { id: number; nama: string }[]).map((r) => [String(r.id), r.nama]))
  const byKecamatan = counts('kecamatan')
  const top = <T>(rows: { key: string; n: number }[], map: (r: { key: string; n: number }) => T) =>
    rows.sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)).slice(0, 5).map(map)
  return {
    kabupaten: { kode: k.kode, nama: k.nama },
    period,
    masuk: t.n,
    selesai: t.selesai,
    persenSelesai: t.pctSelesai,
    // Open, unverified and overdue are "now" numbers: a backlog does not care when a complaint came in.
    terbuka: t.openNow,
    belumTerverifikasi: f
      ? (db
          .prepare(
            `SELECT count(*) FROM complaint_sla WHERE kabupaten_kode = ? AND is_open = 1 AND status = 'belum_terverifikasi'
             ${f.categoryIds ? `AND category_id IN (${f.categoryIds.map(() => '?').join(', ')})` : ''} ${f.channel ? 'AND channel = ?' : ''}`,
          )
          .pluck()
          .get(kabupaten, ...(f.categoryIds ?? []), ...(f.channel ? [f.channel] : [])) as number)
      : queueCounts(db, kabupaten, now).verifikasi,
    terlambat: t.overdueNow,
    persenTepatWaktu: t.pctResponseOnTime,
    medianHariKerjaRespons: t.medianResponseHk,
    tanpaLokasi: byKecamatan.find((r) => r.key === '')?.n ?? 0,
    previous: {
      masuk: t.previous.n,
      masukSameAge,
      persenSelesai: t.previous.pctSelesai,
      persenTepatWaktu: t.previous.pctResponseOnTime,
      medianHariKerjaRespons: t.previous.medianResponseHk,
    },
    // A fixed order, so the bars of a wall screen do not jump around as counts change.
    byStatus: STATUSES.map((status) => ({ status, n: t.byStatus[status] })).filter((r) => r.n > 0),
    byChannel: counts('channel')
      .sort((a, b) => b.n - a.n)
      .map((r) => ({ channel: r.key as Channel, n: r.n })),
    topKecamatan: top(
      byKecamatan.filter((r) => r.key !== ''),
      (r) => ({ kode: r.key, nama: kecamatanNames.get(r.key) ?? r.key, n: r.n }),
    ),
    topCategories: top(
      counts('category').filter((r) => r.key !== ''),
      (r) => ({ id: Number(r.key), nama: categoryNames.get(r.key) ?? r.key, n: r.n }),
    ),
    daily: dailyTrend(db, kabupaten, period, 'all', '', filter).map(({ date, n }) => ({ date, n })),
  }
}

export type LatestComplaint = Pick<QueueRow, 'id' | 'tracking_id' | 'judul' | 'status' | 'submitted_at' | 'updated_at' | 'kecamatan' | 'unit' | 'is_anonim' | 'is_rahasia'>

/** What just arrived or changed, newest first, as privacy/policy.ts lets the role see it on the surface (a viewer
 *  or a wall never sees a rahasia title; personal data in titles is masked for roles that may not see identity). */
export function latestComplaints(db: Db, kabupaten: string, limit: number, role: Role, surface: Surface = 'app'): LatestComplaint[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.tracking_id, c.judul, c.status, c.submitted_at, c.updated_at, k.nama AS kecamatan,
              coalesce(u.singkatan, u.nama) AS unit, c.is_anonim, c.is_rahasia
       FROM complaint c LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode LEFT JOIN unit u ON u.id = c.unit_id
       WHERE c.kabupaten_kode = ? ORDER BY c.updated_at DESC LIMIT ?`,
    )
    .all(kabupaten, limit) as LatestComplaint[]
  return redactRows(db, viewFor(role, surface), rows, ['judul'])
}

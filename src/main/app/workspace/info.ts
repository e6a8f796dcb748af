// What a store holds, per kabupaten: the numbers `tanggap info` prints.
import type { Db } from '#main/store/open.ts'
import type { Status } from '#shared/domain.ts'
import { coveredYears, uncoveredComplaintYears } from '#main/calendar/coverage.ts'

export type StoreInfo = {
  schemaVersion: number
  kabupaten: {
    kode: string
    nama: string
    time_zone: string
    kecamatan: number
    desa: number
    kelurahan: number
    opd: number
    bidang: number
    complaints: number
    byStatus: Partial<Record<Status, number>>
    /** Complaints submitted in years the holiday table does not cover: their deadlines ignore holidays. */
    calendarGaps: { year: number; complaints: number; warning: string }[]
  }[]
  /** Years the national holiday table covers. */
  calendarYears: number[]
}

export function storeInfo(db: Db): StoreInfo {
  const kabupaten = db.prepare('SELECT kode, nama, time_zone FROM kabupaten ORDER BY kode').all() as { kode: string; nama: string; time_zone: string }[]
  const count = (sql: string, kode: string) => db.prepare(sql).pluck().get(kode) as number
  return {
    schemaVersion: db.prepare('SELECT max(version) FROM schema_migration').pluck().get() as number,
    calendarYears: [...coveredYears(db)].sort((a, b) => a - b),
    kabupaten: kabupaten.map((k) => ({
      ...k,
      kecamatan: count('SELECT count(*) FROM kecamatan WHERE kabupaten_kode = ?', k.kode),
      desa: count("SELECT count(*) FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ? AND d.jenis = 'desa'", k.kode),
      kelurahan: count(
        "SELECT count(*) FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ? AND d.jenis = 'kelurahan'",
        k.kode,
      ),
      opd: count("SELECT count(*) FROM unit WHERE kabupaten_kode = ? AND kind = 'opd'", k.kode),
      bidang: count("SELECT count(*) FROM unit WHERE kabupaten_kode = ? AND kind IN ('bidang', 'upt')", k.kode),
      complaints: count('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?', k.kode),
      calendarGaps: uncoveredComplaintYears(db, k.kode).map((g) => ({
        ...g,
        warning: `${g.complaints} pengaduan tahun ${g.year}: kalender libur belum mencakup tahun itu, tenggatnya dihitung tanpa libur nasional dan cuti bersama`,
      })),
      byStatus: Object.fromEntries(
        (db.prepare('SELECT status, count(*) AS n FROM complaint WHERE kabupaten_kode = ? GROUP BY status ORDER BY status').all(k.kode) as {
          status: Status
          n: number
        }[]).map((r) => [r.status, r.n]),
      ),
    })),
  }
}

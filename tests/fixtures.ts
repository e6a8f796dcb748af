// Hand-made complaints for tests that need exact numbers (the demo generator is for realistic volume).
import type { Db } from '#main/store/open.ts'
import type { Status } from '#shared/domain.ts'
import { rebuildKabupaten } from '#main/kpi/refresh.ts'

export type FixtureComplaint = {
  kabupaten?: string
  tracking_id: string
  submitted: string // ISO instant
  status?: Status
  kecamatan?: string | null
  is_rahasia?: 0 | 1
  is_anonim?: 0 | 1
  judul?: string
  isi?: string
  unitKode?: string
}

export function insertComplaints(db: Db, rows: FixtureComplaint[]): number[] {
  const unitId = db.prepare('SELECT id FROM unit WHERE kode = ?').pluck()
  const insert = db.prepare(
    `INSERT INTO complaint (kabupaten_kode, source, tracking_id, judul, isi, klasifikasi, channel, status, status_raw,
       is_anonim, is_rahasia, kecamatan_kode, unit_id, submitted_at, updated_at)
     VALUES (@kab, 'test', @tracking_id, @judul, @isi, 'pengaduan', 'web', @status, @status, @is_anonim, @is_rahasia,
       @kecamatan, @unit, @at, @at)`,
  )
  const reporter = db.prepare("INSERT INTO reporter (complaint_id, nama, nik, phone) VALUES (?, 'Siti Rahmawati', '6408011204900001', '081234567890')")
  return db.transaction(() => {
    const ids = rows.map((r) => {
      const id = Number(
        insert.run({
          kab: r.kabupaten ?? '64.08',
          tracking_id: r.tracking_id,
          judul: r.judul ?? `Laporan ${r.tracking_id}`,
          isi: r.isi ?? 'Jalan rusak parah mohon segera diperbaiki',
          status: r.status ?? 'belum_terverifikasi',
          is_anonim: r.is_anonim ?? 0,
          is_rahasia: r.is_rahasia ?? 0,
          kecamatan: r.kecamatan === undefined ? '64.08.04' : r.kecamatan,
          unit: r.unitKode ? unitId.get(r.unitKode) : null,
          at: Date.parse(r.submitted),
        }).lastInsertRowid,
      )
      reporter.run(id)
      return id
    })
    // Like any bulk load, recompute deadlines and aggregates once at the end.
    for (const kab of new Set(rows.map((r) => r.kabupaten ?? '64.08'))) rebuildKabupaten(db, kab)
    return ids
  })()
}

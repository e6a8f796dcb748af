// File import on real .xlsx and .csv files and a real store: layouts recognised, rows mapped, a dry run that
// changes nothing, a re-import that changes nothing, bad rows reported (row, column, value, reason) while the
// others go in, and nothing already stored damaged.
import { describe, expect, it } from 'vitest'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { upsertProfile } from '#main/users/profiles.ts'
import { importFile, type ImportOptions } from '#main/import/run.ts'
import { saveMapping } from '#main/import/mappings.ts'
import { LayoutError } from '#main/import/layout.ts'
import { complaintDetail } from '#main/complaints/queries.ts'
import { verifyAuditChain } from '#main/audit/log.ts'
import type { Db } from '#main/store/open.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { LAPOR_HEADERS, laporRow, wall, writeCsv, writeXlsx, type LaporRow } from './files.ts'

function setup() {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  const admin = upsertProfile(db, 'admin', 'Admin Diskominfo', 'admin')
  return { db, admin, dir: tempDir() }
}

function run(db: Db, user: ImportOptions['user'], file: string, extra: Partial<ImportOptions> = {}) {
  return importFile(db, { kabupaten: '64.08', name: file.split('/').pop()!, input: { path: file }, user, trigger: 'test', ...extra })
}

/** Everything an import may change, as one comparable snapshot (import history and audit excluded). */
function snapshot(db: Db) {
  const q = (sql: string) => db.prepare(sql).all()
  return {
    complaints: q('SELECT * FROM complaint ORDER BY source, tracking_id'),
    events: q('SELECT complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id, reason, body, upstream_id FROM complaint_event ORDER BY id'),
    reporters: q('SELECT * FROM reporter ORDER BY complaint_id'),
    sla: q('SELECT * FROM complaint_sla ORDER BY complaint_id'),
    kpi: q('SELECT kabupaten_kode, dim, key, grain, day, n, open, selesai FROM kpi_count ORDER BY 1, 2, 3, 4, 5'),
    sources: q('SELECT name, kind, cursor FROM sync_source ORDER BY name'),
    quarantine: q('SELECT tracking_id, ref, reason, resolved_at FROM sync_quarantine ORDER BY id'),
  }
}

const LAPOR_ROWS: LaporRow[] = [
  {
    id: '1916449',
    tanggal: wall(2026, 11, 2, 9, 15),
    kategori: 'Jalan dan Jembatan',
    instansi: 'Dinas Pekerjaan Umum dan Tata Ruang',
    kecamatan: 'Kec. Sangatta Utara',
    desa: 'Teluk Lingga',
    status: 'Proses',
    disposisi: wall(2026, 11, 3, 10, 0),
    tl: '05/11/2026 13.30',
    diperbarui: wall(2026, 11, 5, 13, 30),
  },
  { id: '1916450', tanggal: '03/11/2026 08:00', kecamatan: 'MUARA WAHAU', desa: 'Muara Wahau', status: 'Belum Terverifikasi', anonim: 'Ya', sumber: 'Android' },
  { id: '1916451', tanggal: '4 Nov 2026', kategori: 'ktp', instansi: 'Disdukcapil', status: 'Selesai', rahasia: 'Ya', disposisi: '4 Nov 2026 10:00', tl: '5 Nov 2026 09:00', selesai: '6 Nov 2026 16:00' },
  { id: '1916452', tanggal: 46332.5, status: 'Tunda', kecamatan: '64.08.05' }, // 6 Nov 2026 12:00 as a serial number
]

async function laporFile(dir: string, rows = LAPOR_ROWS, name = 'daftar-laporan.xlsx') {
  return writeXlsx(dir, name, { headers: LAPOR_HEADERS, rows: rows.map((r, i) => laporRow(i + 1, r)) })
}

describe('file import', () => {
  it('recognises the LAPOR! admin export and stores each row as the admin saw it', async () => {
    const { db, admin, dir } = setup()
    const file = await laporFile(dir)
    const r = await run(db, admin, file)
    expect(r.layout.name).toBe('lapor-admin')
    expect(r.rows).toMatchObject({ read: 4, accepted: 4, rejected: 0 })
    expect(r.stored).toMatchObject({ inserted: 4, updated: 0, unchanged: 0 })
    expect(r.issues).toEqual([])

    const get = (t: string) => db.prepare('SELECT * FROM complaint WHERE tracking_id = ?').get(t) as Record<string, unknown>
    const a = get('1916449')
    expect(a).toMatchObject({
      source: 'berkas-6408',
      status: 'proses',
      status_raw: 'Proses',
      kecamatan_kode: '64.08.04',
      desa_kode: '64.08.04.1010',
      channel: 'web',
      // WITA wall time: 2 Nov 09:15 local is 01:15 UTC.
      submitted_at: Date.parse('2026-11-02T01:15:00Z'),
      dispositioned_at: Date.parse('2026-11-03T02:00:00Z'),
      first_response_at: Date.parse('2026-11-05T05:30:00Z'),
    })
    expect(db.prepare('SELECT kode FROM unit WHERE id = ?').pluck().get(a.unit_id)).toBe('64.08/dpupr')
    expect(get('1916450')).toMatchObject({ kecamatan_kode: '64.08.02', desa_kode: '64.08.02.2003', is_anonim: 1, channel: 'app_android' })
    expect(get('1916451')).toMatchObject({ status: 'selesai', is_rahasia: 1, closed_at: Date.parse('2026-11-06T08:00:00Z') })
    expect(get('1916452')).toMatchObject({ status: 'tunda', kecamatan_kode: '64.08.05', submitted_at: Date.parse('2026-11-06T04:00:00Z') })

    // Reporter identity is stored apart, and the privacy rules of the detail view apply to imported rows too.
    const id = a.id as number
    expect(complaintDetail(db, id, 'supervisor').reporter).toMatchObject({ nama: 'Siti Rahmawati', nik: '6408011204900001' })
    expect(complaintDetail(db, id, 'operator').reporter).toBeNull()
    expect(complaintDetail(db, get('1916450').id as number, 'admin').reporterHidden).toBe('anonim')
    // Deadlines and KPI aggregates are current.
    expect(db.prepare('SELECT count(*) FROM complaint_sla').pluck().get()).toBe(4)
    expect(complaintDetail(db, id, 'admin').history.map((e) => e.kind)).toEqual(['submitted', 'disposition', 'tindak_lanjut'])
    // The import is on record: run, file and audit.
    expect(db.prepare('SELECT status, inserted FROM sync_run').get()).toEqual({ status: 'ok', inserted: 4 })
    expect(db.prepare('SELECT file_name, rows, accepted, imported_by FROM import_file').get()).toEqual({ file_name: 'daftar-laporan.xlsx', rows: 4, accepted: 4, imported_by: 'admin' })
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import.file'").pluck().get()).toBe(1)
    expect(verifyAuditChain(db).ok).toBe(true)
  })

  it('dry run previews and validates but changes nothing, even before the source exists', async () => {
    const { db, admin, dir } = setup()
    const file = await laporFile(dir)
    const before = snapshot(db)
    const auditBefore = db.prepare('SELECT count(*) FROM audit_log').pluck().get()
    const r = await run(db, admin, file, { dryRun: true })
    expect(r.dryRun).toBe(true)
    expect(r.stored.inserted).toBe(4)
    expect(r.preview.map((p) => p.tracking_id)).toEqual(['1916449', '1916450', '1916451', '1916452'])
    expect(r.preview[0]).toMatchObject({ row: 2, status: 'proses', kecamatan: 'Sangatta Utara', desa: 'Teluk Lingga', unit: 'Dinas Pekerjaan Umum dan Tata Ruang', hasReporter: true })
    expect(JSON.stringify(r.preview)).not.toMatch(/Siti|6408011204900001/) // a preview never shows identity
    expect(snapshot(db)).toEqual(before)
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore)
    expect(db.prepare('SELECT count(*) FROM import_file').pluck().get()).toBe(0)
  })

  it('re-importing the same file changes nothing; a later export updates; an older one does not overwrite', async () => {
    const { db, admin, dir } = setup()
    const file = await laporFile(dir)
    await run(db, admin, file)
    const after1 = snapshot(db)
    const again = await run(db, admin, file)
    expect(again.stored).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, events: 0 })
    expect(snapshot(db)).toEqual(after1)

    // A week later the export shows 1916449 finished.
    const later = LAPOR_ROWS.map((r) => (r.id === '1916449' ? { ...r, status: 'Selesai', selesai: wall(2026, 11, 9, 11, 0), diperbarui: wall(2026, 11, 9, 11, 0) } : r))
    const r2 = await run(db, admin, await laporFile(dir, later, 'daftar-laporan-2.xlsx'))
    expect(r2.stored).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 })
    const status = () => db.prepare("SELECT status FROM complaint WHERE tracking_id = '1916449'").pluck().get()
    expect(status()).toBe('selesai')
    // The first export imported again afterwards is older: it must not bring "Proses" back.
    const r3 = await run(db, admin, file)
    expect(r3.stored).toMatchObject({ updated: 0, unchanged: 4 })
    expect(status()).toBe('selesai')
  })

  it('rejects malformed rows with row, column, value and reason, imports the rest, and damages nothing stored', async () => {
    const { db, admin, dir } = setup()
    await run(db, admin, await laporFile(dir))
    const stored = db.prepare("SELECT * FROM complaint WHERE tracking_id = '1916449'").get()

    const rows: LaporRow[] = [
      { id: '2000001', tanggal: '10/11/2026 08:00', status: 'Proses', kecamatan: 'Kecamatan Entah Dimana' }, // ok, location dropped
      { id: '2000002', tanggal: '31/11/2026 08:00', status: 'Proses' }, // no 31 November
      { id: '2000003', tanggal: '11/11/2026', status: 'Sudah beres kok' }, // unknown status word
      { id: '2000004', tanggal: '', status: 'Proses' }, // no date
      { id: '2000005', tanggal: '12/11/2026', status: 'Proses', anonim: 'mungkin' }, // a flag that is not yes/no
      // An existing complaint with a broken date in a newer export: rejected, and the stored row is untouched.
      { id: '1916449', tanggal: 'kemarin', status: 'Selesai', diperbarui: wall(2026, 12, 1) },
      { id: '2000006', tanggal: '13/11/2026 07:30', status: 'Belum Terverifikasi', instansi: 'Dinas Antah Berantah' }, // ok, unit dropped
    ]
    const r = await run(db, admin, await laporFile(dir, rows, 'rusak.xlsx'))
    expect(r.rows).toMatchObject({ read: 7, accepted: 2, rejected: 5, withWarnings: 2 })
    expect(r.stored.inserted).toBe(2)
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column, i.value, i.reason])
    expect(errors).toEqual([
      [3, 'Tanggal Laporan', '31/11/2026 08:00', 'tanggal 31/11/2026 tidak ada'],
      [4, 'Status', 'Sudah beres kok', expect.stringMatching(/^status "Sudah beres kok" tidak dikenal/)],
      [5, 'Tanggal Laporan', '', 'tanggal laporan kosong'],
      [6, 'Anonim', 'mungkin', '"mungkin" bukan ya/tidak'],
      [7, 'Tanggal Laporan', 'kemarin', expect.stringMatching(/bukan tanggal yang dikenal/)],
    ])
    const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => [i.row, i.column])
    expect(warnings).toEqual([
      [2, 'Kecamatan'],
      [8, 'Instansi Terdisposisi'],
    ])
    expect(db.prepare("SELECT * FROM complaint WHERE tracking_id = '1916449'").get()).toEqual(stored)
    expect(db.prepare("SELECT kecamatan_kode FROM complaint WHERE tracking_id = '2000001'").pluck().get()).toBeNull()
    // Rejected rows wait in the quarantine with the row as it was, visible in Sinkronisasi.
    const q = db.prepare('SELECT tracking_id, ref, raw_json FROM sync_quarantine ORDER BY id').all() as { tracking_id: string; ref: string; raw_json: string }[]
    expect(q.map((x) => [x.tracking_id, x.ref])).toEqual([
      ['2000002', 'baris 3'],
      ['2000003', 'baris 4'],
      ['2000004', 'baris 5'],
      ['2000005', 'baris 6'],
      ['1916449', 'baris 7'],
    ])
    expect(JSON.parse(q[0].raw_json)).toMatchObject({ 'ID Tracking': '2000002', 'Tanggal Laporan': '31/11/2026 08:00', 'NIK Pelapor': '[data pelapor disembunyikan]' })
    expect(q.map((x) => x.raw_json).join()).not.toMatch(/6408011204900001|Siti/)
    // The corrected file brings them in and resolves their quarantine entries.
    const fixed = rows.map((x) => ({ ...x, tanggal: x.id === '1916449' ? LAPOR_ROWS[0].tanggal : '14/11/2026 08:00', status: x.id === '1916449' ? 'Proses' : 'Proses', anonim: 'Tidak' }))
    const r2 = await run(db, admin, await laporFile(dir, fixed, 'diperbaiki.xlsx'))
    expect(r2.rows.rejected).toBe(0)
    expect(db.prepare('SELECT count(*) FROM sync_quarantine WHERE resolved_at IS NULL AND tracking_id <> ?').pluck().get('1916449')).toBe(0)
  })

  it('reads a Pemda recap CSV: title rows, ";" delimiter, separate time column, no tracking IDs, a total line', async () => {
    const { db, admin, dir } = setup()
    const sheet = {
      title: ['REKAPITULASI PENGADUAN MASYARAKAT', 'DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN KUTAI TIMUR', 'BULAN NOVEMBER 2026'],
      headers: ['No', 'Tanggal Masuk', 'Jam', 'Media', 'Nama Pelapor', 'Uraian Pengaduan', 'Kecamatan', 'Desa/Kel.', 'OPD Tujuan', 'Status', 'Tindak Lanjut'],
      rows: [
        ['1', '02/11/2026', '08.15', 'WhatsApp', 'Pak Darto', 'Lampu jalan di Jl. Pendidikan mati sejak seminggu', 'Sangatta Utara', 'Singa Gembara', 'Dinas Perhubungan', 'Proses', ''],
        ['2', '02/11/2026', '10:40', 'Datang Langsung', 'Ibu Ani', 'Bantuan PKH belum cair tiga bulan', 'Kec. Sangatta Selatan', '', 'Dinsos', 'Belum Ditindaklanjuti', ''],
        ['3', '03/11/2026', '14:05', 'Surat', '', 'Sampah menumpuk di pasar induk', 'sangata utara', '', 'DLH', 'Selesai', 'Sudah diangkut 4 Nov'],
        ['', 'JUMLAH', '', '', '', '3 pengaduan', '', '', '', '', ''],
      ],
    }
    const file = writeCsv(dir, 'rekap-november.csv', sheet)
    const r = await run(db, admin, file)
    expect(r.layout).toMatchObject({ name: 'rekap-pemda', headerRow: 5 })
    expect(r.rows).toMatchObject({ read: 4, accepted: 3, rejected: 0, summary: 1 })
    const rows = db.prepare('SELECT tracking_id, channel, status, submitted_at, kecamatan_kode, judul FROM complaint ORDER BY submitted_at').all() as Record<string, unknown>[]
    expect(rows.map((x) => [x.channel, x.status, x.kecamatan_kode])).toEqual([
      ['whatsapp_pemda', 'proses', '64.08.04'],
      ['tatap_muka', 'belum_ditindaklanjuti', '64.08.12'],
      ['surat', 'selesai', '64.08.04'],
    ])
    expect(rows[0].submitted_at).toBe(Date.parse('2026-11-02T00:15:00Z'))
    expect(rows[0].tracking_id).toMatch(/^BRK-[0-9a-f]{16}$/)
    expect(rows[0].judul).toBe('Lampu jalan di Jl. Pendidikan mati sejak seminggu')
    // Without tracking IDs, the keys derived from date and text are stable: the same recap again is no change.
    const again = await run(db, admin, file)
    expect(again.stored).toMatchObject({ inserted: 0, unchanged: 3 })
    expect(db.prepare('SELECT count(*) FROM complaint').pluck().get()).toBe(3)
  })

  it('uses a saved mapping for an unknown layout, and says which columns it cannot find', async () => {
    const { db, admin, dir } = setup()
    const sheet = {
      headers: ['Tiket', 'Waktu', 'Keluhan', 'Kondisi', 'Wilayah'],
      rows: [
        ['WA-001', '05/11/2026 09:00', 'Air PDAM tidak mengalir', 'Sdh TL', 'Sangatta Utara'],
        ['WA-002', '06/11/2026 10:00', 'Jalan berlubang', 'baru', 'Bengalon'],
      ],
    }
    const file = await writeXlsx(dir, 'wa-log.xlsx', sheet)
    const unknown = await run(db, admin, file).catch((e) => e)
    expect(unknown).toBeInstanceOf(LayoutError)
    expect(unknown.message).toMatch(/tata letak berkas tidak dikenali.*Kolom di baris 1: Tiket, Waktu, Keluhan, Kondisi, Wilayah/)

    saveMapping(
      db,
      {
        name: 'log-whatsapp',
        kabupaten: '64.08',
        mapping: {
          columns: { tracking_id: 'Tiket', submitted_at: 'Waktu', isi: 'Keluhan', status: 'Kondisi', kecamatan: 'Wilayah' },
          defaults: { channel: 'whatsapp_pemda' },
          statuses: { 'Sdh TL': 'proses' },
        },
      },
      'admin',
    )
    const r = await run(db, admin, file, { mappingName: 'log-whatsapp' })
    expect(r.layout.name).toBe('log-whatsapp')
    expect(r.rows).toMatchObject({ accepted: 2, rejected: 0 })
    expect(db.prepare('SELECT tracking_id, status, channel, kecamatan_kode FROM complaint ORDER BY tracking_id').all()).toEqual([
      { tracking_id: 'WA-001', status: 'proses', channel: 'whatsapp_pemda', kecamatan_kode: '64.08.04' },
      { tracking_id: 'WA-002', status: 'belum_terverifikasi', channel: 'whatsapp_pemda', kecamatan_kode: '64.08.09' },
    ])

    const wrong = await run(db, admin, file, { mapping: { columns: { submitted_at: 'Tanggal', status: 'Kondisi' }, defaults: {}, statuses: {} } }).catch((e) => e)
    expect(wrong.message).toMatch(/kolom tidak ada di baris 1: "Tanggal" \(submitted_at\)/)
  })

  it('refuses what it cannot read with a clear message and changes nothing', async () => {
    const { db, admin, dir } = setup()
    await run(db, admin, await laporFile(dir))
    const before = snapshot(db)
    const { writeFileSync } = await import('node:fs')
    writeFileSync(`${dir}/rusak.xlsx`, 'PK\u0003\u0004 ini bukan zip yang utuh')
    const bad = await run(db, admin, `${dir}/rusak.xlsx`).catch((e) => e)
    expect(bad.message).toMatch(/berkas kosong|tidak dapat dibaca|bukan CSV atau xlsx yang dapat dibaca/)
    const pdf = await run(db, admin, `${dir}/laporan.pdf`).catch((e) => e)
    expect(pdf.message).toMatch(/hanya berkas .xlsx atau .csv/)
    expect(snapshot(db)).toEqual(before)
  })
})

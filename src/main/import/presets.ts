// Known layouts of the spreadsheets admins download or keep, and how a file's layout is recognised from its
// headers. The LAPOR! admin export's exact column titles are not public (the admin panel is gated, domain.md):
// the "lapor-admin" preset is shaped after the fields a laporan has, with the spellings seen in Pemda recaps,
// and a user mapping covers whatever a real export calls them.
import type { Field, ImportMapping } from './fields.ts'
import { REQUIRED_FIELDS } from './fields.ts'
import { fold } from '#main/reference/names/fold.ts'

export type Preset = {
  name: string
  label: string
  description: string
  /** Accepted header spellings per field; the first is the one our own templates write. */
  columns: Partial<Record<Field, string[]>>
  defaults: ImportMapping['defaults']
}

export const PRESETS: Preset[] = [
  {
    name: 'lapor-admin',
    label: 'LAPOR! — Daftar Laporan (ekspor admin)',
    description: 'Ekspor "Daftar Laporan" dari panel admin SP4N-LAPOR!: satu baris per laporan dengan ID tracking, status, instansi, pelapor dan tanggal-tanggal tahapannya.',
    columns: {
      tracking_id: ['ID Tracking', 'Tracking ID', 'ID Laporan', 'No. Tracking', 'Nomor Tracking'],
      submitted_at: ['Tanggal Laporan', 'Tanggal Lapor', 'Tgl Laporan', 'Waktu Laporan', 'Tanggal Dibuat'],
      judul: ['Judul Laporan', 'Judul'],
      isi: ['Isi Laporan', 'Isi', 'Deskripsi Laporan'],
      kejadian_at: ['Tanggal Kejadian', 'Tgl Kejadian'],
      lokasi: ['Lokasi Kejadian', 'Lokasi'],
      kecamatan: ['Kecamatan'],
      desa: ['Desa/Kelurahan', 'Desa', 'Kelurahan'],
      kategori: ['Kategori', 'Topik'],
      klasifikasi: ['Klasifikasi', 'Jenis Laporan'],
      unit: ['Instansi Terdisposisi', 'Instansi Tujuan', 'Instansi'],
      status: ['Status', 'Status Laporan'],
      channel: ['Sumber', 'Sumber Laporan', 'Kanal', 'Media'],
      is_anonim: ['Anonim'],
      is_rahasia: ['Rahasia'],
      reporter_nama: ['Nama Pelapor', 'Pelapor'],
      reporter_nik: ['NIK Pelapor', 'NIK'],
      reporter_phone: ['No. Telepon Pelapor', 'No. Telepon', 'No. HP', 'Telepon'],
      reporter_email: ['Email Pelapor', 'Email'],
      verified_at: ['Tanggal Verifikasi', 'Tgl Verifikasi'],
      dispositioned_at: ['Tanggal Disposisi', 'Tgl Disposisi'],
      first_response_at: ['Tanggal Tindak Lanjut Pertama', 'Tanggal Tindak Lanjut', 'Tgl TL'],
      closed_at: ['Tanggal Selesai', 'Tgl Selesai'],
      updated_at: ['Terakhir Diperbarui', 'Tanggal Update', 'Diperbarui'],
    },
    defaults: { klasifikasi: 'pengaduan', channel: 'web' },
  },
  {
    name: 'rekap-pemda',
    label: 'Rekap pengaduan Pemda (spreadsheet)',
    description: 'Rekap bulanan yang disusun Diskominfo/Bagian Organisasi: judul tabel di atas, tanggal dan jam terpisah, OPD, kecamatan/desa, status dan keterangan tindak lanjut; sering tanpa ID tracking.',
    columns: {
      tracking_id: ['No. Tiket', 'Nomor Laporan', 'No. Laporan', 'No Register', 'No. Register'],
      submitted_at: ['Tanggal Masuk', 'Tgl Masuk', 'Tanggal', 'Tanggal Pengaduan'],
      submitted_time: ['Jam', 'Jam Masuk', 'Pukul'],
      channel: ['Media', 'Saluran', 'Media Pengaduan', 'Sumber Pengaduan'],
      reporter_nama: ['Nama Pelapor', 'Nama', 'Pelapor'],
      reporter_phone: ['Kontak', 'No. HP', 'No. Telepon'],
      judul: ['Perihal', 'Judul', 'Pokok Masalah'],
      isi: ['Uraian Pengaduan', 'Isi Pengaduan', 'Uraian', 'Isi Aduan'],
      kategori: ['Kategori', 'Bidang Masalah'],
      kecamatan: ['Kecamatan', 'Kec.'],
      desa: ['Desa/Kelurahan', 'Desa/Kel.', 'Desa', 'Kelurahan'],
      unit: ['OPD', 'OPD Tujuan', 'OPD Terkait', 'Perangkat Daerah'],
      status: ['Status', 'Keterangan Status', 'Status Penyelesaian'],
      first_response_at: ['Tanggal Tindak Lanjut', 'Tgl Tindak Lanjut', 'Tanggal TL'],
      tanggapan: ['Tindak Lanjut', 'Tanggapan', 'Keterangan'],
      closed_at: ['Tanggal Selesai', 'Tgl Selesai'],
    },
    defaults: { klasifikasi: 'pengaduan', channel: 'whatsapp_pemda' },
  },
]

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name)
}

/** Header text as compared: "No. HP" = "NO HP" = "no_hp". */
export function headerKey(text: string): string {
  return fold(text).replace(/ /g, '')
}

/** Column index of each field of a preset in a header row, taking the first alias present. */
export function presetColumns(preset: Preset, headers: string[]): Partial<Record<Field, number>> {
  const keys = headers.map(headerKey)
  const found: Partial<Record<Field, number>> = {}
  const used = new Set<number>()
  for (const [field, aliases] of Object.entries(preset.columns) as [Field, string[]][]) {
    for (const alias of aliases) {
      const i = keys.findIndex((k, j) => k === headerKey(alias) && !used.has(j))
      if (i >= 0) {
        found[field] = i
        used.add(i)
        break
      }
    }
  }
  return found
}

/** The mapping of a preset for a header row: field -> the header text actually found. */
export function presetMapping(preset: Preset, headers: string[], headerRow: number): ImportMapping {
  const columns: ImportMapping['columns'] = {}
  for (const [field, i] of Object.entries(presetColumns(preset, headers)) as [Field, number][]) columns[field] = headers[i]
  return { headerRow, columns, defaults: preset.defaults, statuses: {} }
}

export type Detection = { preset: Preset; headerRow: number; matched: number }

/** Which preset a file follows, and on which of its first rows the headers are (recaps put a title above). */
export function detectPreset(rows: { row: number; cells: string[] }[]): Detection | null {
  let best: Detection | null = null
  for (const { row, cells } of rows) {
    for (const preset of PRESETS) {
      const cols = presetColumns(preset, cells)
      if (!REQUIRED_FIELDS.every((f) => cols[f] !== undefined || (f === 'status' && preset.defaults.status))) continue
      const matched = Object.keys(cols).length
      // Half the preset's fields must be there: two generic headers ("Tanggal", "Status") are not a layout.
      if (matched < Math.ceil(Object.keys(preset.columns).length / 2)) continue
      if (!best || matched > best.matched) best = { preset, headerRow: row, matched }
    }
  }
  return best
}

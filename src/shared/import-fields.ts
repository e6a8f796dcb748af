// The fields a row of an imported spreadsheet can fill (file import, src/main/import/), shared with the import
// panel's mapping editor so both name them alike.

export const FIELDS = [
  'tracking_id',
  'submitted_at',
  'submitted_time', // some recaps keep the time of day in its own column
  'judul',
  'isi',
  'kejadian_at',
  'updated_at',
  'status',
  'klasifikasi',
  'channel',
  'kategori',
  'unit',
  'kecamatan',
  'desa',
  'lokasi',
  'lat',
  'lon',
  'is_anonim',
  'is_rahasia',
  'reporter_nama',
  'reporter_nik',
  'reporter_phone',
  'reporter_email',
  'verified_at',
  'dispositioned_at',
  'first_response_at',
  'closed_at',
  'tanggapan',
] as const
export type Field = (typeof FIELDS)[number]

/** A row needs these to become a complaint; everything else may be empty. (judul falls back to the start of isi.) */
export const REQUIRED_FIELDS: readonly Field[] = ['submitted_at', 'status']

// An audit entry as a supervisor reads it: what changed, field by field, as words (a unit's name, a kecamatan's
// name, a status to be named in the reader's language, yes/no) instead of the stored JSON. The screen translates
// the field names and statuses; the export writes the Indonesian names below. Runs on rows already passed through
// the privacy rules (privacy.ts auditRowsFor): it only renames what the reader may see.
import type { Db } from '../store/open.ts'
import type { Status } from '#shared/status.ts'
import { STATUS_LABELS } from '#shared/status.ts'

/** One value as words: a status (named by the reader's language), a text, yes/no, a number or nothing. */
export type Shown = { kind: 'status'; code: Status } | { kind: 'text'; text: string } | { kind: 'yes' } | { kind: 'no' } | { kind: 'number'; value: number } | { kind: 'none' }

/** One changed field; `before` or `after` is missing when the entry only adds or only removes it. */
export type ChangeItem = { field: string; before?: Shown; after?: Shown }

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** Indonesian names of the fields the app writes to the log (the export's words; the screen has both languages). */
export const FIELD_LABELS: Record<string, string> = {
  status: 'Status',
  unit_id: 'Unit',
  note: 'Catatan',
  holder: 'Penangan',
  kecamatan_kode: 'Kecamatan',
  desa_kode: 'Desa',
  judul: 'Judul',
  is_anonim: 'Anonim',
  is_rahasia: 'Rahasia',
  hasReporter: 'Identitas pelapor dicatat',
  hasIdentity: 'Memuat identitas pelapor',
  channel: 'Saluran',
  category_id: 'Kategori',
  format: 'Format',
  rows: 'Jumlah baris',
  kind: 'Jenis',
  queue: 'Antrean',
  kabupaten: 'Kabupaten',
  from: 'Dari',
  to: 'Sampai',
  file: 'Berkas',
  bytes: 'Ukuran (byte)',
  name: 'Nama',
  username: 'Nama pengguna',
  nama: 'Nama',
  role: 'Peran',
  password: 'Kata sandi',
  address: 'Alamat',
  keep: 'Cadangan disimpan',
  date: 'Tanggal',
  isActive: 'Aktif',
  n: 'Jumlah',
  value: 'Nilai',
}

const isRecord = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v)

function parse(text: string | null): Json | undefined {
  if (text === null) return undefined
  try {
    return JSON.parse(text) as Json
  } catch {
    return text
  }
}

/** Nested objects become dotted fields ("request.queue"), so every leaf is a plain value. */
function flatten(v: Json | undefined, prefix = ''): Map<string, Json> {
  const out = new Map<string, Json>()
  if (v === undefined) return out
  if (!isRecord(v)) return out.set(prefix || 'value', v)
  for (const [k, x] of Object.entries(v)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (isRecord(x)) for (const [kk, xx] of flatten(x, key)) out.set(kk, xx)
    else out.set(key, x)
  }
  return out
}

/** Names of units and places an entry refers to by id or code. */
export type Names = { unit(id: number): string | null; kecamatan(kode: string): string | null; desa(kode: string): string | null }

export function namesOf(db: Db): Names {
  const unit = db.prepare("SELECT CASE WHEN p.id IS NOT NULL AND p.kind = 'opd' THEN coalesce(p.singkatan, p.nama) || ' – ' || u.nama ELSE u.nama END FROM unit u LEFT JOIN unit p ON p.id = u.parent_id WHERE u.id = ?").pluck()
  const kec = db.prepare('SELECT nama FROM kecamatan WHERE kode = ?').pluck()
  const desa = db.prepare('SELECT nama FROM desa WHERE kode = ?').pluck()
  const cache = new Map<string, string | null>()
  const cached = (key: string, read: () => unknown) => {
    if (!cache.has(key)) cache.set(key, (read() as string | undefined) ?? null)
    return cache.get(key)!
  }
  return {
    unit: (id) => cached(`u${id}`, () => unit.get(id)),
    kecamatan: (kode) => cached(`k${kode}`, () => kec.get(kode)),
    desa: (kode) => cached(`d${kode}`, () => desa.get(kode)),
  }
}

const leaf = (field: string) => field.slice(field.lastIndexOf('.') + 1)

function shown(field: string, v: Json, names: Names): Shown {
  if (v === null) return { kind: 'none' }
  if (typeof v === 'boolean') return { kind: v ? 'yes' : 'no' }
  const key = leaf(field)
  if (key === 'status' && typeof v === 'string' && v in STATUS_LABELS.id) return { kind: 'status', code: v as Status }
  if (key === 'unit_id' && typeof v === 'number') return { kind: 'text', text: names.unit(v) ?? `unit ${v}` }
  if (key === 'kecamatan_kode' && typeof v === 'string') return { kind: 'text', text: names.kecamatan(v) ?? v }
  if (key === 'desa_kode' && typeof v === 'string') return { kind: 'text', text: names.desa(v) ?? v }
  if (typeof v === 'number') return { kind: 'number', value: v }
  if (typeof v === 'string') return { kind: 'text', text: v }
  // A list: its items as words, objects as "field: value" pairs.
  const item = (x: Json): string =>
    isRecord(x) ? Object.entries(x).map(([k, y]) => `${FIELD_LABELS[k] ?? k}: ${item(y)}`).join(', ') : Array.isArray(x) ? x.map(item).join(', ') : x === null ? '–' : String(x)
  return { kind: 'text', text: Array.isArray(v) ? v.map(item).join('; ') : item(v) }
}

/** What an entry changed: the fields whose value differs, or everything it records when none does. */
export function changesOf(before: string | null, after: string | null, names: Names): ChangeItem[] {
  const b = flatten(parse(before))
  const a = flatten(parse(after))
  // What the entry records afterwards; a field only in `before` is the context it was made in (a note's status
  // and unit), not something it removed, unless the entry has no after at all (a deletion).
  const keys = a.size > 0 ? [...a.keys()] : [...b.keys()]
  const changed = keys.filter((k) => JSON.stringify(b.get(k)) !== JSON.stringify(a.get(k)))
  return (changed.length ? changed : keys).map((field) => ({
    field,
    ...(b.has(field) ? { before: shown(field, b.get(field)!, names) } : {}),
    ...(a.has(field) ? { after: shown(field, a.get(field)!, names) } : {}),
  }))
}

/** A value in Indonesian words, for the export. */
export function shownText(s: Shown | undefined): string {
  if (!s) return '–'
  switch (s.kind) {
    case 'status':
      return STATUS_LABELS.id[s.code]
    case 'text':
      return s.text
    case 'yes':
      return 'ya'
    case 'no':
      return 'tidak'
    case 'number':
      return new Intl.NumberFormat('id-ID').format(s.value)
    case 'none':
      return '–'
  }
}

/** "Unit: DPUPR → Dinkes – Kesmas; Status: …" in Indonesian, for the export. */
export function changesText(items: ChangeItem[]): string {
  return items
    .map((c) => {
      const label = FIELD_LABELS[leaf(c.field)] ?? leaf(c.field)
      if (c.before && c.after) return `${label}: ${shownText(c.before)} → ${shownText(c.after)}`
      return `${label}: ${shownText(c.after ?? c.before)}${c.after ? '' : ' (dihapus)'}`
    })
    .join('; ')
}

/** Indonesian names of the audited actions (the export's words; the screen has both languages in its i18n). */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Masuk',
  'auth.login_failed': 'Gagal masuk',
  'auth.logout': 'Keluar',
  'backup.now': 'Cadangkan sekarang',
  'briefing.set_notable': 'Pilih laporan menonjol (briefing)',
  'calendar.add_day_off': 'Tambah hari libur',
  'calendar.import_holidays': 'Impor hari libur',
  'calendar.set_day_off_active': 'Ubah hari libur',
  'calendar.set_rules': 'Ubah aturan tenggat',
  'complaint.create': 'Laporan baru dicatat',
  'complaint.verify': 'Verifikasi',
  'complaint.disposition': 'Disposisi',
  'complaint.reassign_undo': 'Pemindahan diurungkan',
  'complaint.tunda': 'Tunda',
  'complaint.bukan_wewenang': 'Bukan wewenang',
  'complaint.arsip': 'Arsip',
  'complaint.note': 'Catatan',
  'complaint.location': 'Penandaan lokasi',
  'complaint.claim': 'Ambil laporan',
  'complaint.release': 'Lepas laporan',
  'complaint.claim_takeover': 'Ambil alih laporan',
  'complaint.link_duplicate': 'Tautkan laporan ganda',
  'complaint.unlink_duplicate': 'Lepas tautan laporan ganda',
  export: 'Ekspor',
  'export.cancel': 'Ekspor dibatalkan',
  'import.file': 'Impor berkas',
  'import.file.read': 'Baca berkas impor',
  'import.mapping.save': 'Simpan pemetaan kolom',
  'import.mapping.delete': 'Hapus pemetaan kolom',
  'kpi.set_min_sample': 'Batas minimum peringkat KPI',
  'routing.rebuild': 'Latih ulang saran disposisi diminta',
  'settings.backup': 'Pengaturan cadangan',
  'settings.isu': 'Pengaturan peringatan dini',
  'settings.liaison': 'Pengaturan penghubung (identitas pelapor)',
  'settings.routing': 'Pengaturan saran disposisi',
  'settings.ui': 'Pengaturan tampilan',
  'sync.run': 'Sinkronisasi dijalankan',
  'sync.cancel': 'Sinkronisasi dibatalkan',
  'sync.source.add': 'Sumber data ditambah',
  'sync.source.update': 'Sumber data diubah',
  'sync.source.open311': 'Sumber Open311',
  'sync.outbox.force': 'Kirim-balik dipaksakan',
  'sync.outbox.discard': 'Kirim-balik dibuang',
  'user.upsert': 'Profil pengguna disimpan',
  'user.enable': 'Pengguna diaktifkan',
  'user.disable': 'Pengguna dinonaktifkan',
  'user.password': 'Kata sandi diatur',
  'user.password_clear': 'Kata sandi dihapus',
  'vocabulary.set': 'Kosakata diubah',
}

/** An action's Indonesian name; an action without one is named by its code rather than hidden. */
export const actionLabel = (action: string): string => ACTION_LABELS[action] ?? action

// One spreadsheet row -> one normalised record (sync/record.ts), or the reasons it cannot be one. A value that
// cannot be read either rejects the row (dates, status, flags: a wrong value there would corrupt deadlines or
// privacy) or is dropped with a warning (a kecamatan, OPD or category we cannot place: the complaint still
// counts, and triage tags it as it does any complaint without a location).
import { createHash } from 'node:crypto'
import type { Db } from '../store/open.ts'
import type { Channel, Klasifikasi, Status } from '#shared/domain.ts'
import type { HistoryEntry, UpstreamRecordInput } from '../sync/record.ts'
import type { Field, ImportMapping } from './fields.ts'
import type { Cell } from './readers.ts'
import { parseDateCell, type Parsed } from './values/dates.ts'
import { parseChannel, parseFlag, parseKlasifikasi, parseStatus } from './values/vocabulary.ts'
import { placeIndex, type PlaceIndex } from './values/places.ts'
import { categoryIndex, unitIndex, type NameIndex } from '#main/reference/names/lookup.ts'
import { cellText } from './values/text.ts'
import { fold } from '#main/reference/names/fold.ts'
import { Vocabulary } from '#main/sync/vocabulary.ts'

export type RowIssue = {
  row: number
  column: string | null
  field: Field | null
  value: string | null
  reason: string
  /** error: the row was not imported; warning: imported without this value. */
  severity: 'error' | 'warning'
}

export type MappedRow = { ok: true; record: UpstreamRecordInput; issues: RowIssue[] } | { ok: false; issues: RowIssue[] }

export type MapperContext = {
  offsetMinutes: number
  places: PlaceIndex
  units: NameIndex
  categories: NameIndex
  mapping: ImportMapping
  /** Field -> column index in the sheet. */
  columns: Partial<Record<Field, number>>
  headers: string[]
  /** Status, klasifikasi and channel words (the store's vocabulary). */
  vocab: Vocabulary
}

export function mapperContext(db: Db, kabupaten: string, mapping: ImportMapping, headers: string[], columns: Partial<Record<Field, number>>): MapperContext {
  const offset = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kabupaten) as number | undefined
  if (offset === undefined) throw new Error(`kabupaten ${kabupaten} belum ada di berkas data`)
  return { offsetMinutes: offset, places: placeIndex(db, kabupaten), units: unitIndex(db, kabupaten), categories: categoryIndex(db), mapping, columns, headers, vocab: Vocabulary.load(db) }
}

const MAX_VALUE = 120 // characters of a bad value repeated in the report

/** Only the date part of an instant's local day, plus a time-of-day cell ("14:05", 0.586 of a day, a Date). */
function withTime(dayAt: number, time: Cell, offsetMinutes: number): Parsed<number> {
  const offsetMs = offsetMinutes * 60_000
  const localMidnight = Math.floor((dayAt + offsetMs) / 86_400_000) * 86_400_000 - offsetMs
  let seconds: number | null = null
  if (typeof time === 'number' && time >= 0 && time < 1) seconds = Math.round(time * 86_400)
  else if (time instanceof Date) seconds = time.getUTCHours() * 3600 + time.getUTCMinutes() * 60 + time.getUTCSeconds()
  else if (typeof time === 'string') {
    const m = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(wib|wita|wit)?$/i.exec(time.trim())
    if (m && Number(m[1]) < 24 && Number(m[2]) < 60) seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)
  }
  if (seconds === null) return { ok: false, reason: `jam "${cellText(time)}" tidak dikenal (contoh: 14:05)` }
  return { ok: true, value: localMidnight + seconds * 1000 }
}

function parseNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return cell
  const t = cellText(cell).replace(/\s/g, '')
  if (t === '') return null
  // "117,5432" (Indonesian decimal comma) or "117.5432".
  const n = Number(/^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t)
  return Number.isFinite(n) ? n : NaN
}

/** A stable key for a row without a tracking ID, so importing the same recap twice finds the same complaints. */
function derivedTrackingId(submittedAt: number, judul: string, isi: string, nama: string): string {
  return 'BRK-' + createHash('sha256').update([submittedAt, fold(judul), fold(isi), fold(nama)].join('|')).digest('hex').slice(0, 16)
}

const IMPORT_ACTOR = 'Impor berkas'

export function mapRow(ctx: MapperContext, row: number, cells: Cell[]): MappedRow {
  const issues: RowIssue[] = []
  const colOf = (f: Field) => ctx.columns[f]
  const cell = (f: Field): Cell => {
    const i = colOf(f)
    return i === undefined ? null : (cells[i] ?? null)
  }
  const text = (f: Field) => cellText(cell(f))
  const issue = (f: Field, reason: string, severity: RowIssue['severity']) => {
    const i = colOf(f)
    const v = i === undefined ? null : cellText(cells[i] ?? null)
    issues.push({ row, column: i === undefined ? null : (ctx.headers[i] ?? null), field: f, value: v === null ? null : v.slice(0, MAX_VALUE), reason, severity })
  }
  const date = (f: Field, severity: RowIssue['severity'] = 'error'): number | null => {
    const c = cell(f)
    if (c === null || cellText(c) === '' || cellText(c) === '-') return null
    const p = parseDateCell(c, ctx.offsetMinutes)
    if (p.ok) return p.value
    issue(f, p.reason, severity)
    return null
  }

  // When: required, the anchor of every deadline.
  let submittedAt = date('submitted_at')
  if (submittedAt === null && !issues.length) issue('submitted_at', 'tanggal laporan kosong', 'error')
  if (submittedAt !== null && colOf('submitted_time') !== undefined && text('submitted_time') !== '') {
    const t = withTime(submittedAt, cell('submitted_time'), ctx.offsetMinutes)
    if (t.ok) submittedAt = t.value
    else issue('submitted_time', t.reason, 'error')
  }

  // Status: required; unknown words reject the row rather than guess (the raw word is kept beside it).
  const statusRaw = text('status') || ctx.mapping.defaults.status || ''
  let status: Status | null = null
  if (statusRaw === '') issue('status', 'status kosong', 'error')
  else {
    const s = parseStatus(statusRaw, ctx.mapping.statuses, ctx.vocab)
    if (s.ok) {
      status = s.value
      if (s.ambiguous) issue('status', `"${statusRaw}" tidak menyebut kepada siapa dikembalikan; dipetakan ke ${s.value} (atur di Pengaturan → Kosakata status & kanal)`, 'warning')
    } else issue('status', `${s.reason}; tambahkan ke daftar status pemetaan bila ini istilah sumber Anda`, 'error')
  }

  let judul = text('judul')
  let isi = text('isi')
  if (judul === '' && isi === '') issue(colOf('isi') !== undefined ? 'isi' : 'judul', 'judul dan isi laporan kosong', 'error')
  if (judul === '') judul = isi.length > 100 ? isi.slice(0, isi.lastIndexOf(' ', 100) > 40 ? isi.lastIndexOf(' ', 100) : 100) + '…' : isi
  if (isi === '') isi = judul

  const flag = (f: Field): boolean => {
    const p = parseFlag(cell(f))
    if (p.ok) return p.value === 1
    issue(f, p.reason, 'error')
    return false
  }
  const isAnonim = flag('is_anonim')
  const isRahasia = flag('is_rahasia')

  const kejadianAt = date('kejadian_at', 'warning')
  const milestones = {
    verified_at: date('verified_at'),
    dispositioned_at: date('dispositioned_at'),
    first_response_at: date('first_response_at'),
    closed_at: date('closed_at'),
  }
  let updatedAt = date('updated_at')

  if (issues.some((i) => i.severity === 'error') || submittedAt === null || status === null) return { ok: false, issues }

  // Optional vocabulary: an unknown word falls back to the mapping's default, with a warning.
  let klasifikasi: Klasifikasi = ctx.mapping.defaults.klasifikasi ?? 'pengaduan'
  if (text('klasifikasi') !== '') {
    const k = parseKlasifikasi(text('klasifikasi'), ctx.vocab)
    if (k.ok) klasifikasi = k.value
    else issue('klasifikasi', `${k.reason}; dipakai ${klasifikasi}`, 'warning')
  }
  let channel: Channel = ctx.mapping.defaults.channel ?? 'web'
  if (text('channel') !== '') {
    const c = parseChannel(text('channel'), ctx.vocab)
    if (c.ok) channel = c.value
    else issue('channel', `${c.reason}; dipakai ${channel}`, 'warning')
  }

  // Where and who: what we cannot place is left for triage.
  let kecamatan: string | null = null
  let desa: string | null = null
  if (text('kecamatan') !== '') {
    const k = ctx.places.kecamatan(text('kecamatan'))
    if (k.ok) kecamatan = k.value
    else issue('kecamatan', `${k.reason}; lokasi dikosongkan`, 'warning')
  }
  if (text('desa') !== '') {
    const d = ctx.places.desa(text('desa'), kecamatan)
    if (d.ok) [desa, kecamatan] = [d.value.kode, d.value.kecamatan]
    else issue('desa', `${d.reason}; desa dikosongkan`, 'warning')
  }
  let unit: string | null = null
  if (text('unit') !== '') {
    const u = ctx.units(text('unit'))
    if (u.ok) unit = u.value.kode
    else issue('unit', `${u.reason}; unit dikosongkan`, 'warning')
  }
  let kategori: string | null = null
  if (text('kategori') !== '') {
    const c = ctx.categories(text('kategori'))
    if (c.ok) kategori = c.value.kode
    else issue('kategori', `${c.reason}; kategori dikosongkan`, 'warning')
  }
  let lat = parseNumber(cell('lat'))
  let lon = parseNumber(cell('lon'))
  if (lat !== null && (Number.isNaN(lat) || lat < -90 || lat > 90)) [lat, lon] = [null, null]
  if (lon !== null && (Number.isNaN(lon) || lon < -180 || lon > 180)) [lat, lon] = [null, null]
  if ((lat === null) !== (lon === null) && (colOf('lat') !== undefined || colOf('lon') !== undefined)) {
    issue(colOf('lat') !== undefined ? 'lat' : 'lon', 'koordinat tidak lengkap atau tidak sah; titik dikosongkan', 'warning')
    ;[lat, lon] = [null, null]
  }

  /** Text longer than the store keeps (sync/record.ts) is cut, with a warning, rather than losing the row. */
  const limited = (f: Field, value: string, max: number): string => {
    if (value.length <= max) return value
    issue(f, `lebih dari ${max} huruf; dipotong`, 'warning')
    return value.slice(0, max)
  }
  judul = limited(colOf('judul') !== undefined ? 'judul' : 'isi', judul, 1000)
  isi = limited('isi', isi, 200_000)
  const reporter = {
    nama: limited('reporter_nama', text('reporter_nama'), 300) || null,
    nik: limited('reporter_nik', text('reporter_nik').replace(/\D/g, ''), 32) || null,
    phone: limited('reporter_phone', text('reporter_phone'), 64) || null,
    email: limited('reporter_email', text('reporter_email'), 300) || null,
  }

  let trackingId = text('tracking_id')
  if (trackingId === '') {
    if (colOf('tracking_id') !== undefined) issue('tracking_id', 'ID tracking kosong; dipakai kunci dari tanggal dan isi', 'warning')
    trackingId = derivedTrackingId(submittedAt, judul, isi, reporter.nama ?? '')
  }

  // Without an "updated" column the row's version is its latest known moment: a later export that only changes a
  // status still carries a later milestone date, and the same file twice has the same version.
  if (updatedAt === null) updatedAt = Math.max(submittedAt, ...Object.values(milestones).filter((v): v is number => v !== null))
  if (updatedAt < submittedAt) {
    issue('updated_at', 'tanggal pembaruan sebelum tanggal laporan; dipakai tanggal laporan', 'warning')
    updatedAt = submittedAt
  }

  const history: HistoryEntry[] = [{ upstream_id: 'submitted', kind: 'submitted', at: submittedAt, actor: 'Pelapor' }]
  if (milestones.dispositioned_at !== null && unit !== null) {
    history.push({ upstream_id: 'disposisi-1', kind: 'disposition', at: milestones.dispositioned_at, actor: IMPORT_ACTOR, to_unit: unit })
  }
  if (milestones.first_response_at !== null) {
    history.push({ upstream_id: 'tl-1', kind: 'tindak_lanjut', at: milestones.first_response_at, actor: IMPORT_ACTOR, body: limited('tanggapan', text('tanggapan'), 100_000) || null })
  }

  return {
    ok: true,
    issues,
    record: {
      tracking_id: trackingId.slice(0, 100),
      updated_at: updatedAt,
      submitted_at: submittedAt,
      kejadian_at: kejadianAt,
      judul,
      isi,
      klasifikasi,
      channel,
      klasifikasi_raw: text('klasifikasi') === '' ? null : text('klasifikasi').slice(0, 100),
      channel_raw: text('channel') === '' ? null : text('channel').slice(0, 100),
      kategori,
      status_raw: statusRaw,
      status,
      is_anonim: isAnonim,
      is_rahasia: isRahasia,
      location: { kecamatan_kode: kecamatan, desa_kode: desa, text: limited('lokasi', text('lokasi'), 2000) || null, lat, lon },
      unit,
      reporter: Object.values(reporter).some((v) => v !== null) ? reporter : null,
      history,
      milestones,
    },
  }
}

// Dates and times as Indonesian admins' spreadsheets hold them: "23/11/2026 14:05", "23-11-2026", "23 Nov 2026",
// "Senin, 23 November 2026 pukul 14.05 WITA", ISO strings, Excel serial numbers and the Date objects exceljs
// makes of date-formatted cells. Day comes before month (Indonesian order), never the American MM/DD.
// A time without a zone is the kabupaten's local wall time (WITA for Kutai Timur, WIB for Natuna).

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const MONTHS: Record<string, number> = {
  jan: 1, januari: 1, january: 1,
  feb: 2, febr: 2, februari: 2, pebruari: 2, february: 2, peb: 2,
  mar: 3, maret: 3, march: 3,
  apr: 4, april: 4,
  mei: 5, may: 5,
  jun: 6, juni: 6, june: 6,
  jul: 7, juli: 7, july: 7,
  agu: 8, agt: 8, ags: 8, agus: 8, agustus: 8, aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  okt: 10, oktober: 10, oct: 10, october: 10,
  nov: 11, nop: 11, november: 11, nopember: 11,
  des: 12, desember: 12, dec: 12, december: 12,
}

const ZONES: Record<string, number> = { wib: 7 * 60, wita: 8 * 60, wit: 9 * 60 }

// Excel's day 0 is 1899-12-30 once its fictitious 29 Feb 1900 is accounted for (serials from 61 on, i.e. every
// date a complaint can have). Serials below 1 are bare times of day, not dates.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
// LAPOR! started in 2011; the store refuses anything before 2000 as a broken clock (sync/record.ts).
const MIN_YEAR = 2000
const MAX_YEAR = 2100

/** Wall-clock fields to an instant, given the zone's offset from UTC in minutes. */
function instant(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMinutes: number): Parsed<number> {
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, reason: `tahun ${y} di luar rentang ${MIN_YEAR}–${MAX_YEAR}` }
  if (mo < 1 || mo > 12) return { ok: false, reason: `bulan ${mo} tidak ada` }
  const utc = Date.UTC(y, mo - 1, d, h, mi, s)
  const check = new Date(utc)
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return { ok: false, reason: `tanggal ${d}/${mo}/${y} tidak ada` }
  if (h > 23 || mi > 59 || s > 59) return { ok: false, reason: `jam ${h}:${mi} tidak sah` }
  return { ok: true, value: utc - offsetMinutes * 60_000 }
}

/** An Excel serial day number (fraction = time of day) read as local wall time. */
export function fromExcelSerial(serial: number, offsetMinutes: number): Parsed<number> {
  if (!Number.isFinite(serial) || serial < 61 || serial > 80_000) return { ok: false, reason: `angka ${serial} bukan tanggal Excel` }
  // Rounded to the second: Excel stores times as binary fractions of a day (14:05 is 0.586805555…).
  const wall = EXCEL_EPOCH_MS + Math.round(serial * 86_400) * 1000
  const d = new Date(wall)
  return instant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), offsetMinutes)
}

function year(text: string): number {
  const n = Number(text)
  return text.length === 2 ? 2000 + n : n
}

/** The time part after a date: "14:05", "14.05", "14:05:30", "pukul 14.05", "jam 9", optional zone "WITA". */
function parseTime(rest: string, offsetMinutes: number): Parsed<{ h: number; mi: number; s: number; offset: number }> | null {
  let t = rest.trim().replace(/^(,|pukul|jam|pkl\.?|t)\s*/i, '').trim()
  let offset = offsetMinutes
  const zone = /\s*(wib|wita|wit)$/i.exec(t)
  if (zone) {
    offset = ZONES[zone[1].toLowerCase()]
    t = t.slice(0, zone.index).trim()
  }
  const iso = /\s*(z|[+-]\d{2}:?\d{2})$/i.exec(t)
  if (iso) {
    const z = iso[1].toUpperCase()
    offset = z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)))
    t = t.slice(0, iso.index).trim()
  }
  if (t === '') return { ok: true, value: { h: 0, mi: 0, s: 0, offset } }
  const m = /^(\d{1,2})(?:[:.](\d{2}))?(?:[:.](\d{2})(?:\.\d+)?)?$/.exec(t)
  if (!m) return null
  return { ok: true, value: { h: Number(m[1]), mi: Number(m[2] ?? 0), s: Number(m[3] ?? 0), offset } }
}

const WEEKDAY = /^(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+/i

/** A date (and optional time) typed as text. */
export function parseDateText(input: string, offsetMinutes: number): Parsed<number> {
  const text = input.trim().replace(/\s+/g, ' ').replace(WEEKDAY, '')
  if (text === '') return { ok: false, reason: 'kosong' }
  let y: number, mo: number, d: number, rest: string
  let m: RegExpExecArray | null
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(text))) {
    ;[y, mo, d, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]]
  } else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)(.*)$/.exec(text))) {
    ;[d, mo, y, rest] = [Number(m[1]), Number(m[2]), year(m[3]), m[4]]
  } else if ((m = /^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4}|\d{2})(?!\d)(.*)$/i.exec(text))) {
    const month = MONTHS[m[2].toLowerCase()]
    if (!month) return { ok: false, reason: `nama bulan "${m[2]}" tidak dikenal` }
    ;[d, mo, y, rest] = [Number(m[1]), month, year(m[3]), m[4]]
  } else if (/^\d+([.,]\d+)?$/.test(text)) {
    // A serial number that reached us as text (CSV saved from Excel with a General-formatted date column).
    return fromExcelSerial(Number(text.replace(',', '.')), offsetMinutes)
  } else {
    return { ok: false, reason: `"${input}" bukan tanggal yang dikenal (contoh: 23/11/2026 14:05, 23 Nov 2026, 2026-11-23)` }
  }
  const time = parseTime(rest, offsetMinutes)
  if (!time) return { ok: false, reason: `jam "${rest.trim()}" tidak dikenal (contoh: 14:05 atau 14.05 WITA)` }
  if (!time.ok) return time
  const { h, mi, s, offset } = time.value
  return instant(y, mo, d, h, mi, s, offset)
}

/** Any cell value a reader hands us: text, an Excel serial, or a Date whose UTC fields are the wall time. */
export function parseDateCell(value: unknown, offsetMinutes: number): Parsed<number> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'tanggal tidak sah' }
    // exceljs turns a serial into a Date as if the sheet were in UTC: its UTC fields are what the admin saw.
    return instant(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds(), offsetMinutes)
  }
  if (typeof value === 'number') return fromExcelSerial(value, offsetMinutes)
  if (typeof value === 'string') return parseDateText(value, offsetMinutes)
  return { ok: false, reason: 'bukan tanggal' }
}


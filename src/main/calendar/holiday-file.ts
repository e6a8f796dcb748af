// The holiday table file: the shipped resources/calendar/holidays-id-2024-2026.json and the amendments that
// Pengaturan imports in the same shape (an isbat session moves Idul Fitri, an SKB amendment adds a cuti bersama):
//   { "_note": "...", "2025": { "skb": "...", "libur": [["2025-01-01", "Tahun Baru"], ...], "cuti_bersama": [...] } }
// Keys starting with "_" are comments. An admin edits these files by hand, so every error says where it is
// (year, list, entry number) in Indonesian, and validation collects all errors rather than stopping at the first.
import { z } from 'zod'
import { parseDate } from './days.ts'

export type HolidayYear = {
  year: number
  skb: string
  libur: { date: string; nama: string }[]
  cuti_bersama: { date: string; nama: string }[]
}

export type HolidayFileError = {
  /** Human-readable location, e.g. 'tahun 2025, libur no. 4 (indeks 3), tanggal'. */
  where: string
  year: string | null
  list: 'libur' | 'cuti_bersama' | null
  /** 0-based index in the list. */
  index: number | null
  message: string
}

export type HolidayFileParse = { ok: true; years: HolidayYear[] } | { ok: false; errors: HolidayFileError[] }

const LISTS = ['libur', 'cuti_bersama'] as const
// A real day off is never outside this window; a year like 2205 is a typo, not a plan.
const MIN_YEAR = 2000
const MAX_YEAR = 2100

const dateSchema = z
  .string({ error: 'tanggal harus berupa teks "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (iss) => `tanggal "${String(iss.input)}" harus berbentuk YYYY-MM-DD`, abort: true })
  .refine((s) => parseDate(s) !== null, { error: (iss) => `tanggal "${String(iss.input)}" tidak ada di kalender` })

const entrySchema = z.tuple(
  [dateSchema, z.string({ error: 'nama harus berupa teks' }).trim().min(1, { error: 'nama tidak boleh kosong' })],
  { error: 'entri harus berupa pasangan ["YYYY-MM-DD", "nama"]' },
)

const yearSchema = z.object({
  skb: z.string({ error: 'skb (dasar hukum) wajib diisi, berupa teks' }).trim().min(1, { error: 'skb tidak boleh kosong' }),
  libur: z.array(entrySchema, { error: 'libur wajib ada, berupa daftar [tanggal, nama] (boleh kosong)' }),
  cuti_bersama: z.array(entrySchema, { error: 'cuti_bersama wajib ada, berupa daftar [tanggal, nama] (boleh kosong)' }),
}, { error: 'isi satu tahun harus berupa objek { "skb", "libur", "cuti_bersama" }' })

/** Validates a parsed JSON value; returns every error found, or the years sorted ascending. */
export function parseHolidayFile(data: unknown): HolidayFileParse {
  const errors: HolidayFileError[] = []
  const years: HolidayYear[] = []
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, errors: [err(null, null, null, null, 'isi berkas harus berupa objek { "2025": { ... } }')] }
  }
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('_')) continue
    const year = Number(key)
    if (!/^\d{4}$/.test(key) || year < MIN_YEAR || year > MAX_YEAR) {
      errors.push(err(key, null, null, null, `kunci "${key}" bukan tahun (${MIN_YEAR}–${MAX_YEAR}); komentar diawali "_"`))
      continue
    }
    const parsed = yearSchema.safeParse(value)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [list, index, field] = issue.path as [string?, number?, number?]
        errors.push(err(key, list === undefined ? null : String(list), typeof index === 'number' ? index : null, field, issue.message))
      }
      continue
    }
    // Checks across entries: each date in its own year, and each date once (a day is libur or cuti bersama).
    const seen = new Map<string, string>()
    let valid = true
    for (const list of LISTS) {
      parsed.data[list].forEach(([date], index) => {
        if (!date.startsWith(`${key}-`)) {
          errors.push(err(key, list, index, 0, `tanggal ${date} tidak berada di tahun ${key}`))
          valid = false
        }
        const first = seen.get(date)
        if (first) {
          errors.push(err(key, list, index, 0, `tanggal ${date} sudah tercantum di ${first}`))
          valid = false
        }
        seen.set(date, `${list} no. ${index + 1}`)
      })
    }
    if (valid) {
      years.push({
        year,
        skb: parsed.data.skb,
        libur: parsed.data.libur.map(([date, nama]) => ({ date, nama })),
        cuti_bersama: parsed.data.cuti_bersama.map(([date, nama]) => ({ date, nama })),
      })
    }
  }
  if (errors.length === 0 && years.length === 0) errors.push(err(null, null, null, null, 'berkas tidak berisi satu tahun pun'))
  if (errors.length) return { ok: false, errors }
  return { ok: true, years: years.sort((a, b) => a.year - b.year) }
}

/** One line per error, for a message box or a CLI. */
export function formatHolidayFileErrors(errors: HolidayFileError[]): string {
  return errors.map((e) => (e.where ? `${e.where}: ${e.message}` : e.message)).join('\n')
}

function err(year: string | null, list: string | null, index: number | null, field: number | undefined | null, message: string): HolidayFileError {
  const parts: string[] = []
  if (year !== null) parts.push(`tahun ${year}`)
  if (list !== null) parts.push(index !== null ? `${list} no. ${index + 1} (indeks ${index})` : list)
  if (index !== null && field === 0) parts.push('tanggal')
  if (index !== null && field === 1) parts.push('nama')
  const l = list === 'libur' || list === 'cuti_bersama' ? list : null
  return { where: parts.join(', '), year, list: l, index, message }
}

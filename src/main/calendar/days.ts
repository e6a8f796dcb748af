// Day-number arithmetic for the working-day calendar. A "day" is an integer count of local days since
// 1970-01-01 in one kabupaten's zone. Indonesia has no DST, so a fixed UTC offset maps every instant to its
// local day exactly: day = floor((ms + offset) / 86 400 000). Using the machine's zone (new Date().getDate())
// would put a 23:30 WIB report in Natuna on the wrong day on a server that runs in WITA or UTC.

export const DAY_MS = 86_400_000

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Local day number of an instant, for a zone at utcOffsetMinutes (WIB +420, WITA +480, WIT +540). */
export function dayOf(atMs: number, offsetMs: number): number {
  return Math.floor((atMs + offsetMs) / DAY_MS)
}

/** The first instant (ms UTC) of a local day: its local midnight. */
export function startOfDay(day: number, offsetMs: number): number {
  return day * DAY_MS - offsetMs
}

/** 'YYYY-MM-DD' → day number, or null if it is not a real calendar date (2025-02-29, 2024-13-01). */
export function parseDate(date: string): number | null {
  const m = DATE_RE.exec(date)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  // Date.UTC rolls 2025-02-29 over to 1 March; a round trip catches it. (Years 0–99 are not dates we hold.)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null
  return ms / DAY_MS
}

export function parseDateOrThrow(date: string): number {
  const day = parseDate(date)
  if (day === null) throw new RangeError(`Tanggal tidak valid: "${date}" (harus YYYY-MM-DD)`)
  return day
}

/** Day number → 'YYYY-MM-DD'. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7
}

export function isWeekend(day: number): boolean {
  return weekdayOf(day) >= 5
}

// Mon–Fri prefix count, used outside the precomputed range where no day off is known. F(d) counts the
// weekdays from the Monday 1969-12-29 (day -3) up to and including d; it is negative before that Monday but
// only differences of F are ever used, and they are exact for any integers.
export function weekdaysThrough(day: number): number {
  const k1 = day + 3 + 1
  const q = Math.floor(k1 / 7)
  return 5 * q + Math.min(k1 - 7 * q, 5)
}

/** Inverse of weekdaysThrough: the first day d with weekdaysThrough(d) >= t (always a weekday). */
export function firstDayWithWeekdays(t: number): number {
  const q = Math.floor((t - 1) / 5)
  return 7 * q + (t - 5 * q) - 1 - 3
}

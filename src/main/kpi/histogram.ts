// Histograms of whole working days: counts indexed by hk, trailing zeros trimmed. One row per slice and day then
// carries its whole distribution, so a year of an OPD is a few dozen rows to read however many distinct
// durations it holds. Two stored forms: text ("3,0,5", see aggregates.ts for why) and a BLOB of little-endian
// int32 counts.
export type Histogram = number[]

export function encodeCounts(h: Histogram): string | null {
  let end = h.length
  while (end > 0 && !h[end - 1]) end--
  if (end === 0) return null
  let s = String(h[0] ?? 0)
  for (let i = 1; i < end; i++) s += ',' + (h[i] ?? 0)
  return s
}

export function decodeCounts(s: string | null): Histogram {
  const h: Histogram = []
  if (s) addCounts(h, s)
  return h
}

/**
 * Adds into `into` every histogram of a list joined by ';' ("3,0,5;1,2"), as group_concat returns the rows of a
 * period. A hand-written scan: this runs once per slice over a year's rows, and split/Number cost three times more.
 */
export function addCounts(into: Histogram, list: string | null): void {
  if (!list) return
  let hk = 0
  let n = 0
  for (let p = 0; p <= list.length; p++) {
    const c = p < list.length ? list.charCodeAt(p) : 59
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48)
      continue
    }
    // ',' ends the count of one hk, ';' (or the end) also ends the histogram.
    if (n !== 0) {
      for (let i = into.length; i < hk; i++) into[i] = 0
      into[hk] = (into[hk] ?? 0) + n
    }
    n = 0
    hk = c === 44 ? hk + 1 : 0
  }
}

export function decodeHistogram(blob: Buffer | null): Histogram {
  if (!blob || blob.length === 0) return []
  const out: number[] = new Array(blob.length / 4)
  for (let i = 0; i < out.length; i++) out[i] = blob.readInt32LE(i * 4)
  return out
}

export function encodeHistogram(h: Histogram): Buffer | null {
  let end = h.length
  while (end > 0 && !h[end - 1]) end--
  if (end === 0) return null
  const buf = Buffer.alloc(end * 4)
  for (let i = 0; i < end; i++) buf.writeInt32LE(h[i] ?? 0, i * 4)
  return buf
}

/** Adds b into a (a grows as needed). */
export function addInto(a: Histogram, b: Histogram, sign = 1): void {
  for (let i = 0; i < b.length; i++) if (b[i]) a[i] = (a[i] ?? 0) + sign * b[i]
}

export function bump(h: Histogram, hk: number, by: number): void {
  for (let i = h.length; i < hk; i++) h[i] = 0
  h[hk] = (h[hk] ?? 0) + by
}

/** Nearest-rank percentile: the smallest hk whose cumulative count reaches ceil(p·N). Exact for integers. */
export function histogramPercentile(h: Histogram, p: number): number | null {
  let total = 0
  for (const n of h) total += n ?? 0
  if (total <= 0) return null
  const rank = Math.max(1, Math.ceil(p * total))
  let cum = 0
  for (let hk = 0; hk < h.length; hk++) {
    cum += h[hk] ?? 0
    if (cum >= rank) return hk
  }
  return null
}

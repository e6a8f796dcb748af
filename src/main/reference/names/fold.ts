// Text normalisation for matching what people type against our lists: case, accents, punctuation and the
// administrative prefixes ("Kec.", "Kecamatan", "Desa", "Kel.") that one spreadsheet writes and another omits.
// File import and the connectors (Open311 services and agencies) match names the same way.

/** Lower case, accents removed, punctuation to spaces, spaces collapsed. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

const PLACE_PREFIX = /^(kecamatan|kec|kab|kabupaten|desa|ds|kelurahan|kel|kampung|kp)\s+/

/** A place name reduced to what identifies it: "Kec. Sangatta Utara" and "SANGATTA  UTARA" fold alike. */
export function foldPlace(text: string): string {
  let f = fold(text)
  for (let prev = ''; prev !== f; ) [prev, f] = [f, f.replace(PLACE_PREFIX, '')]
  return f
}

/** Levenshtein distance, stopping early once it exceeds `max` (we only ask "is it a typo away?"). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      rowMin = Math.min(rowMin, cur[j])
    }
    if (rowMin > max) return max + 1
    prev = cur
  }
  return prev[b.length]
}

/** How many typos a name of this length may carry and still be recognised. */
export function typoBudget(length: number): number {
  return length >= 10 ? 2 : length >= 5 ? 1 : 0
}

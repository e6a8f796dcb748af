// TF-IDF vectors of a set of complaints' words and the cosine between two of them: how "Laporan serupa" and the
// "Kemungkinan ganda" queue measure that two texts say the same thing. Rarity is counted within the set compared
// (one desa's or kecamatan's recent complaints), so a word every complaint there uses weighs little.
export type TermVector = { v: Map<string, number>; norm: number }

export function tfidfVectors(termLists: Map<string, number>[]): TermVector[] {
  const df = new Map<string, number>()
  for (const terms of termLists) for (const t of terms.keys()) df.set(t, (df.get(t) ?? 0) + 1)
  const n = termLists.length
  return termLists.map((terms) => {
    const v = new Map<string, number>()
    let norm = 0
    for (const [t, tf] of terms) {
      const w = tf * Math.log(1 + n / (df.get(t) ?? 1))
      v.set(t, w)
      norm += w * w
    }
    return { v, norm: Math.sqrt(norm) }
  })
}

/** The cosine of two vectors; 0 when either has no words. */
export function cosine(a: TermVector, b: TermVector): number {
  if (!a.norm || !b.norm) return 0
  const [small, large] = a.v.size < b.v.size ? [a.v, b.v] : [b.v, a.v]
  let dot = 0
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0)
  return dot / (a.norm * b.norm)
}

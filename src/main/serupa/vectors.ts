// Fast TF-IDF comparison of one complaint with many, giving exactly the numbers of tfidf.ts (same terms in the same
// order, same df, same sums in the same order), without a Map of strings per text: each term (a word "w:…" or a
// 3-letter piece) is interned to a small number in this process, a word's terms are worked out once per word, and
// document frequencies are counted in a typed array. Stored words (terms.ts) + this make a request cost a few
// milliseconds for 2,000 candidates instead of normalising and mapping every text.

/** A text's terms in first-occurrence order, with their counts (1 a word, 0.25 a 3-letter piece). */
export type Vec = { ids: Int32Array; tfs: Float64Array }

let interned = new Map<string, number>()
let wordTerms = new Map<string, { ids: number[]; tfs: number[] }>()
// The vectors of recent texts by their words (the same words are the same vector, whichever complaint or store):
// a busy desa's complaints are compared again and again within a fortnight. The oldest go first past MEMO_SIZE.
let memo = new Map<string, Vec>()
const MEMO_SIZE = 40_000
// Scratch arrays indexed by term number, grown as the vocabulary grows; always left zeroed.
let df = new Int32Array(1 << 16)
let idf = new Float64Array(1 << 16)
let dense = new Float64Array(1 << 16)
const MAX_TERMS = 2_000_000

/** Called before a comparison makes its vectors (never while vectors made before are still to be compared): a
 *  vocabulary grown this large (years of typos) starts again rather than growing without bound. */
export function vocabularyCheckpoint(): void {
  if (interned.size > MAX_TERMS) {
    interned = new Map()
    wordTerms = new Map()
    memo = new Map()
  }
}

function intern(term: string): number {
  let id = interned.get(term)
  if (id === undefined) {
    id = interned.size
    interned.set(term, id)
    if (id >= df.length) {
      // Grown between calls only (interning happens before counting), so the old arrays are all zeros.
      df = new Int32Array(df.length * 2)
      idf = new Float64Array(df.length)
      dense = new Float64Array(df.length)
    }
  }
  return id
}

function termsOfWord(w: string): { ids: number[]; tfs: number[] } {
  let t = wordTerms.get(w)
  if (t) return t
  const ids: number[] = []
  const tfs: number[] = []
  const bump = (term: string, by: number) => {
    const id = intern(term)
    const at = ids.indexOf(id)
    if (at < 0) (ids.push(id), tfs.push(by))
    else tfs[at] += by
  }
  bump(`w:${w}`, 1)
  const edged = `<${w}>`
  for (let i = 0; i + 3 <= edged.length; i++) bump(edged.slice(i, i + 3), 0.25)
  wordTerms.set(w, (t = { ids, tfs }))
  return t
}

/** The vector of a complaint's stored words (terms.ts wordsOf), in the order terms.ts termsOfWords gives. */
export function vecOfWords(words: string): Vec {
  if (!words) return { ids: new Int32Array(0), tfs: new Float64Array(0) }
  const known = memo.get(words)
  if (known) return known
  const order: number[] = []
  const sums: number[] = []
  const at = new Map<number, number>()
  for (const w of words.split(' ')) {
    const t = termsOfWord(w)
    for (let k = 0; k < t.ids.length; k++) {
      const id = t.ids[k]
      const i = at.get(id)
      if (i === undefined) {
        at.set(id, order.length)
        order.push(id)
        sums.push(t.tfs[k])
      } else sums[i] += t.tfs[k]
    }
  }
  const vec = { ids: Int32Array.from(order), tfs: Float64Array.from(sums) }
  memo.set(words, vec)
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value!)
  return vec
}

/** The cosine of `query` with each of `others`, TF-IDF weighted with rarity counted over all of them and the query
 *  (as tfidf.ts tfidfVectors + cosine do: the same value to the last bit); null when either has no terms. */
export function cosines(query: Vec, others: Vec[]): (number | null)[] {
  const all = [query, ...others]
  const n = all.length
  const touched: number[] = []
  for (const v of all) {
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]
      if (df[id]++ === 0) touched.push(id)
    }
  }
  for (const id of touched) idf[id] = Math.log(1 + n / df[id])
  const weights = (v: Vec) => {
    const w = new Float64Array(v.ids.length)
    let norm = 0
    for (let k = 0; k < v.ids.length; k++) {
      const x = v.tfs[k] * idf[v.ids[k]]
      w[k] = x
      norm += x * x
    }
    return { w, norm: Math.sqrt(norm) }
  }
  const q = weights(query)
  // The query's weights by term, for when a candidate is the smaller vector (tfidf.ts walks the smaller one).
  for (let k = 0; k < query.ids.length; k++) dense[query.ids[k]] = q.w[k]
  const out = others.map((b) => {
    const wb = weights(b)
    if (!q.norm || !wb.norm) return null
    let dot = 0
    if (query.ids.length < b.ids.length) {
      // The query is the smaller: walk it in order, looking the candidate's weights up.
      for (let k = 0; k < query.ids.length; k++) dense[query.ids[k]] = 0
      for (let k = 0; k < b.ids.length; k++) dense[b.ids[k]] = wb.w[k]
      for (let k = 0; k < query.ids.length; k++) dot += q.w[k] * dense[query.ids[k]]
      for (let k = 0; k < b.ids.length; k++) dense[b.ids[k]] = 0
      for (let k = 0; k < query.ids.length; k++) dense[query.ids[k]] = q.w[k]
    } else {
      for (let k = 0; k < b.ids.length; k++) dot += wb.w[k] * dense[b.ids[k]]
    }
    return dot / (q.norm * wb.norm)
  })
  for (let k = 0; k < query.ids.length; k++) dense[query.ids[k]] = 0
  for (const id of touched) (df[id] = 0), (idf[id] = 0)
  return out
}

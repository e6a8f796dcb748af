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
let scratch = new Float64Array(1 << 16)
let at = new Int32Array(1 << 16)
// Scratch for the vector being made (its terms in order and their sums), copied out at its true length.
let order = new Int32Array(4096)
let sums = new Float64Array(4096)
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
      scratch = new Float64Array(df.length)
      at = new Int32Array(df.length)
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
    const found = ids.indexOf(id)
    if (found < 0) (ids.push(id), tfs.push(by))
    else tfs[found] += by
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
  // Every word's terms first (interning may grow the scratch arrays), then one pass: `at` holds a term's place in the
  // vector + 1 while the vector is made, and is zeroed again after.
  const terms = words.split(' ').map(termsOfWord)
  let total = 0
  for (const t of terms) total += t.ids.length
  if (total > order.length) (order = new Int32Array(2 * total)), (sums = new Float64Array(2 * total))
  let n = 0
  for (const t of terms) {
    for (let k = 0; k < t.ids.length; k++) {
      const id = t.ids[k]
      const i = at[id]
      if (i === 0) {
        order[n] = id
        sums[n] = t.tfs[k]
        at[id] = ++n
      } else sums[i - 1] += t.tfs[k]
    }
  }
  for (let i = 0; i < n; i++) at[order[i]] = 0
  const vec = { ids: order.slice(0, n), tfs: sums.slice(0, n) }
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
  // The query's weights, and by term in `dense` (for when the query is the larger vector: tfidf.ts walks the smaller).
  const qw = new Float64Array(query.ids.length)
  let qNorm2 = 0
  for (let k = 0; k < query.ids.length; k++) {
    const x = query.tfs[k] * idf[query.ids[k]]
    qw[k] = x
    qNorm2 += x * x
    dense[query.ids[k]] = x
  }
  const qNorm = Math.sqrt(qNorm2)
  // Each candidate's weights are worked out as its norm and dot are summed (the same products, summed in the same
  // order as a weights array would be: the same bits), without an array per candidate.
  const out: (number | null)[] = new Array(others.length)
  for (let j = 0; j < others.length; j++) {
    const b = others[j]
    let norm2 = 0
    let dot = 0
    if (query.ids.length < b.ids.length) {
      // The query is the smaller: the candidate's weights by term in `scratch`, then the query walked in order.
      for (let k = 0; k < b.ids.length; k++) {
        const x = b.tfs[k] * idf[b.ids[k]]
        norm2 += x * x
        scratch[b.ids[k]] = x
      }
      for (let k = 0; k < query.ids.length; k++) dot += qw[k] * scratch[query.ids[k]]
      for (let k = 0; k < b.ids.length; k++) scratch[b.ids[k]] = 0
    } else {
      for (let k = 0; k < b.ids.length; k++) {
        const x = b.tfs[k] * idf[b.ids[k]]
        norm2 += x * x
        dot += x * dense[b.ids[k]]
      }
    }
    const norm = Math.sqrt(norm2)
    out[j] = !qNorm || !norm ? null : dot / (qNorm * norm)
  }
  for (let k = 0; k < query.ids.length; k++) dense[query.ids[k]] = 0
  for (const id of touched) (df[id] = 0), (idf[id] = 0)
  return out
}

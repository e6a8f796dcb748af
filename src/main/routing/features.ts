// Features of a complaint for the classifier: its words, its pairs of neighbouring words ("air mati", "lampu
// jalan"), and the 4-letter pieces of each word so that a typo ("puskesmsa") or an unusual affix ("diaspalnya")
// still shares most of its evidence with the word it means. Each feature is hashed to 32 bits and counted at most
// once per complaint (presence, not frequency: a citizen repeating "tolong" three times is not three times the
// evidence). Weights are powers of two so that adding and later removing a complaint restores counts exactly.

export type FeatureWeights = { word: number; pair: number; piece: number; extra: number }

export const DEFAULT_WEIGHTS: FeatureWeights = { word: 1, pair: 1, piece: 0.5, extra: 2 }

const PIECE = 4

export const WORD = 0
export const PAIR = 1
export const PIECE_KIND = 2
export const EXTRA = 3
export type FeatureKind = typeof WORD | typeof PAIR | typeof PIECE_KIND | typeof EXTRA

/**
 * What the model reads of a complaint: hashed features and their weights; `layer`, where filled, the features of
 * the linear layer (linear.ts), which reads the complaint as the TF-IDF baseline does (see `extractLayerFeatures`).
 */
export type Features = { hashes: Uint32Array; weights: Float32Array; size: number; layer?: LayerFeatures | null }

/** The linear layer's features: word 1–2-grams (block 0: kinds WORD, PAIR, EXTRA) and character n-grams (block 1). */
export type LayerFeatures = { hashes: Uint32Array; weights: Float32Array; size: number; kind: Uint8Array; source: Int32Array; words: readonly string[] }

/** A reusable buffer: one complaint's features, their weights and the word each came from (for explanations). */
export class FeatureBuffer implements Features {
  hashes = new Uint32Array(512)
  weights = new Float32Array(512)
  /** Index of the source word; a pair counts for both of its words (source and source + 1), extras are -1. */
  source = new Int32Array(512)
  kind = new Uint8Array(512)
  size = 0
  /** The linear layer's features of the same complaint (filled by extractFeatures). */
  layer: FeatureBuffer | null
  /** The words the features were read from (`source` indexes them). */
  words: readonly string[] = []

  constructor(withLayer = true) {
    this.layer = withLayer ? new FeatureBuffer(false) : null
  }
  // Generation-stamped open addressing: deduplicates within a complaint without allocating per complaint.
  private seenKeys = new Uint32Array(2048)
  private seenAt = new Int32Array(2048)
  private seenPos = new Int32Array(2048)
  private generation = 0

  reset(): void {
    this.size = 0
    this.generation++
    if (this.generation === 0x7fffffff) {
      this.seenAt.fill(0)
      this.generation = 1
    }
  }

  /** Adds a feature; one already present keeps the larger weight, or with `sum` the sum of both (a count). */
  push(hash: number, weight: number, source: number, kind: FeatureKind, sum = false): void {
    const h = hash === 0 ? 1 : hash
    const mask = this.seenKeys.length - 1
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      if (this.seenAt[slot] !== this.generation) {
        if (this.size * 2 >= this.seenKeys.length) return this.growSeen(h, weight, source, kind, sum)
        this.seenAt[slot] = this.generation
        this.seenKeys[slot] = h
        this.seenPos[slot] = this.size
        break
      }
      if (this.seenKeys[slot] === h) {
        // Present already: a feature counts once, with the larger of its weights.
        const at = this.seenPos[slot]
        if (sum) this.weights[at] += weight
        else if (weight > this.weights[at]) this.weights[at] = weight
        return
      }
    }
    if (this.size === this.hashes.length) this.growArrays()
    this.hashes[this.size] = h
    this.weights[this.size] = weight
    this.source[this.size] = source
    this.kind[this.size] = kind
    this.size++
  }

  private growArrays(): void {
    const n = this.hashes.length * 2
    const grow = <T extends Uint32Array | Float32Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n)
      b.set(a)
      return b
    }
    this.hashes = grow(this.hashes, (k) => new Uint32Array(k))
    this.weights = grow(this.weights, (k) => new Float32Array(k))
    this.source = grow(this.source, (k) => new Int32Array(k))
    this.kind = grow(this.kind, (k) => new Uint8Array(k))
  }

  private growSeen(h: number, weight: number, source: number, kind: FeatureKind, sum: boolean): void {
    const n = this.seenKeys.length * 2
    this.seenKeys = new Uint32Array(n)
    this.seenAt = new Int32Array(n)
    this.seenPos = new Int32Array(n)
    this.generation = 1
    const mask = n - 1
    for (let i = 0; i < this.size; i++) {
      let slot = mix(this.hashes[i]) & mask
      while (this.seenAt[slot] === 1) slot = (slot + 1) & mask
      this.seenAt[slot] = 1
      this.seenKeys[slot] = this.hashes[i]
      this.seenPos[slot] = i
    }
    this.push(h, weight, source, kind, sum)
  }
}

/** Integer finaliser (murmur3 fmix32): spreads FNV hashes over table slots. */
export function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

function fnv(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME)
  return h
}

const KIND_WORD = 0x57 // 'W'
const KIND_PAIR = 0x50
const KIND_PIECE = 0x43
const KIND_EXTRA = 0x58
const KIND_CHAR = 0x63
/** The character n-grams of the linear layer: 2 to 5 letters of each word padded with a space on each side. */
const CHAR_MIN = 2
const CHAR_MAX = 5

export function wordHash(word: string): number {
  return fnv(Math.imul(FNV_OFFSET ^ KIND_WORD, FNV_PRIME), word, 0, word.length) >>> 0
}

/** Fills `out` with the features of the words (see normalize.ts) and of extra tokens (e.g. the category). */
export function extractFeatures(words: readonly string[], out: FeatureBuffer, weights: FeatureWeights = DEFAULT_WEIGHTS, extras: readonly string[] = [], chars = true, layerWords: readonly string[] = words): void {
  out.reset()
  out.words = words
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    out.push(wordHash(w), weights.word, i, WORD)
    if (i + 1 < words.length) {
      let h = fnv(Math.imul(FNV_OFFSET ^ KIND_PAIR, FNV_PRIME), w, 0, w.length)
      h = Math.imul(h ^ 0x20, FNV_PRIME)
      out.push(fnv(h, words[i + 1], 0, words[i + 1].length) >>> 0, weights.pair, i, PAIR)
    }
    if (weights.piece > 0 && w.length >= PIECE - 1) {
      // Pieces of "<word>", the angle brackets marking where the word starts and ends.
      const padded = `<${w}>`
      for (let k = 0; k + PIECE <= padded.length; k++) {
        out.push(fnv(Math.imul(FNV_OFFSET ^ KIND_PIECE, FNV_PRIME), padded, k, k + PIECE) >>> 0, weights.piece, i, PIECE_KIND)
      }
    }
  }
  for (const x of extras) out.push(fnv(Math.imul(FNV_OFFSET ^ KIND_EXTRA, FNV_PRIME), x, 0, x.length) >>> 0, weights.extra, -1, EXTRA)
  if (out.layer) extractLayerFeatures(layerWords, out.layer, extras, chars)
}

/**
 * The linear layer's reading of a complaint, the feature union of the TF-IDF baseline (scikit-learn's word
 * 1–2-grams + char_wb 2–5-grams, sublinear tf): the normalised words and pairs of neighbouring words, the extras,
 * and (with `chars`) the 2- to 5-letter pieces of each word padded with spaces (" jalan " → " j", "ja" … "lan "),
 * each weighted 1 + ln(count in the complaint). Measured on LaporGub (docs/routing.md): this reading is what
 * closes the gap to the baseline, not the solver.
 */
export function extractLayerFeatures(words: readonly string[], out: FeatureBuffer, extras: readonly string[] = [], chars = true): void {
  out.reset()
  out.words = words
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    out.push(wordHash(w), 1, i, WORD, true)
    if (i + 1 < words.length) {
      let h = fnv(Math.imul(FNV_OFFSET ^ KIND_PAIR, FNV_PRIME), w, 0, w.length)
      h = Math.imul(h ^ 0x20, FNV_PRIME)
      out.push(fnv(h, words[i + 1], 0, words[i + 1].length) >>> 0, 1, i, PAIR, true)
    }
    if (!chars) continue
    const padded = ` ${w} `
    for (let n = CHAR_MIN; n <= CHAR_MAX; n++) {
      const seed = Math.imul(FNV_OFFSET ^ KIND_CHAR, FNV_PRIME)
      for (let k = 0; k + n <= padded.length; k++) out.push(fnv(seed, padded, k, k + n) >>> 0, 1, i, PIECE_KIND, true)
    }
  }
  for (const x of extras) out.push(fnv(Math.imul(FNV_OFFSET ^ KIND_EXTRA, FNV_PRIME), x, 0, x.length) >>> 0, 1, -1, EXTRA, true)
  for (let i = 0; i < out.size; i++) out.weights[i] = 1 + Math.log(out.weights[i])
}

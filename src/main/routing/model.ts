// The classifier: multinomial naive Bayes over hashed features (McCallum & Nigam 1998), with Laplace smoothing and
// a temperature that turns its notoriously over-confident scores into usable probabilities (fitted by exact
// leave-one-out, which naive Bayes gives for free). Chosen because it is small and well understood, learns from a
// few hundred complaints, and is exactly incremental: a complaint's evidence can be added when it is closed and
// taken out again when a supervisor moves it, so retraining is a matter of updating counts.
//
// Storage is feature-major: a hash table of features, each with a linked list of (label, count) entries, so a
// prediction touches only the labels a feature was ever seen with.
import { mix, WORD, type Features } from './features.ts'
import { LinearLayer } from './linear.ts'

export type Example = { label: string; weight: number }

const EPS = 1e-6
const PAIR = 4
const MAX_LABELS = 65535
/**
 * Format of the snapshot: 4 since the one-vs-rest SVM layer and the feature weights pair 1 / piece 0.5 (a v3
 * snapshot's counts were made with other weights). An older snapshot is not read: the store reports the model as
 * never trained (store.ts modelRow) and the next catch-up retrains it.
 */
export const SNAPSHOT_VERSION = 5

export class NaiveBayes {
  readonly labels: string[] = []
  private readonly labelIndex = new Map<string, number>()
  /** Per label: example weight (the prior) and total feature weight (the denominator of its word probabilities). */
  docs: number[] = []
  totals: number[] = []
  examples = 0
  /** Features with a non-zero count. */
  vocab = 0
  alpha: number
  temperature = 1
  /**
   * Evidence is divided by (feature weight)^lengthPower. Naive Bayes counts overlapping features (a word, its pairs,
   * its pieces) as independent, so its certainty grows with length far faster than the evidence does; a single
   * temperature cannot fix both a one-line SMS and a long letter, a length-dependent scale does.
   */
  lengthPower = 0.5
  /**
   * The linear layer trained beside the counts at the last full training (linear.ts): when present it ranks the
   * labels of a new complaint; the counts still give exact leave-one-out judgements of complaints learnt from.
   */
  linear: LinearLayer | null = null

  // Features: a hash table from feature hash to a dense feature id, as [hash, id] pairs in one array so that a
  // lookup touches one cache line (hash 0 means an empty slot).
  private table: Int32Array
  private fCount = 0
  // Per feature id: first entry of its list, and its total count over all labels.
  private fHead: Int32Array
  private fTotal: Float32Array
  // Entries, one per (feature, label) ever seen, linked per feature.
  private eLabel: Uint16Array
  private eFid: Int32Array
  private eCount: Float32Array
  private eNext: Int32Array
  private eSize = 0
  // (feature id, label) -> entry, so that an update finds its count in one probe however many labels share it:
  // [feature id, label + 1 (0: empty), entry, unused] per slot, interleaved for the same reason.
  private pairs: Int32Array

  constructor(alpha = 0.5, capacity = 1 << 12) {
    this.alpha = alpha
    this.table = new Int32Array(capacity * 4)
    this.fHead = new Int32Array(capacity)
    this.fTotal = new Float32Array(capacity)
    this.eLabel = new Uint16Array(capacity)
    this.eFid = new Int32Array(capacity)
    this.eCount = new Float32Array(capacity)
    this.eNext = new Int32Array(capacity)
    this.pairs = new Int32Array(capacity * 2 * PAIR)
  }

  get featureCount(): number {
    return this.fCount
  }

  labelOf(label: string): number {
    let i = this.labelIndex.get(label)
    if (i === undefined) {
      if (this.labels.length >= MAX_LABELS) throw new Error(`terlalu banyak label (lebih dari ${MAX_LABELS})`)
      i = this.labels.length
      this.labels.push(label)
      this.labelIndex.set(label, i)
      this.docs.push(0)
      this.totals.push(0)
    }
    return i
  }

  /** Adds (weight > 0) or removes (weight < 0) one example's evidence. */
  update(f: Features, label: string, weight: number): void {
    const c = this.labelOf(label)
    let sum = 0
    for (let i = 0; i < f.size; i++) {
      const x = f.weights[i] * weight
      sum += x
      const fid = this.featureId(f.hashes[i], weight > 0)
      if (fid < 0) continue
      let e = this.pairFind(fid, c)
      if (e < 0) {
        if (weight < 0) continue // removing evidence that was never added: nothing to take out
        e = this.newEntry(fid, c)
      }
      this.eCount[e] = Math.max(0, this.eCount[e] + x)
      const before = this.fTotal[fid]
      const after = Math.max(0, before + x)
      this.fTotal[fid] = after
      if (before <= EPS && after > EPS) this.vocab++
      else if (before > EPS && after <= EPS) this.vocab--
    }
    this.totals[c] = Math.max(0, this.totals[c] + sum)
    this.docs[c] = Math.max(0, this.docs[c] + weight)
    this.examples = Math.max(0, this.examples + weight)
    // What a complaint teaches after the training also moves the linear layer one step (evidence taken out cannot
    // be taken out of it exactly; the next full retraining settles that).
    if (weight > 0 && this.linear) this.linear.step(f, c, this.labels.length)
  }

  /**
   * Bulk loading (a full training, see train.ts): adds `count` to one (feature, label) cell, and example weight and
   * feature weight to a label's totals. Exactly what `update` does, one cell at a time.
   */
  addCell(hash: number, label: number, count: number): void {
    if (count <= 0) return
    const fid = this.featureId(hash, true)
    let e = this.pairFind(fid, label)
    if (e < 0) e = this.newEntry(fid, label)
    this.eCount[e] += count
    const before = this.fTotal[fid]
    this.fTotal[fid] = before + count
    if (before <= EPS && before + count > EPS) this.vocab++
  }

  addLabelTotals(label: number, docs: number, total: number): void {
    this.docs[label] += docs
    this.totals[label] += total
    this.examples += docs
  }

  /**
   * Log scores per label (before temperature). With `exclude`, the example's own evidence is taken out first:
   * an exact leave-one-out score, so a complaint already learnt from is judged as if it were new.
   */
  scores(f: Features, exclude?: Example): Float64Array {
    const L = this.labels.length
    const out = new Float64Array(L)
    if (L === 0) return out
    const ex = exclude ? (this.labelIndex.get(exclude.label) ?? -1) : -1
    const exW = exclude && ex >= 0 ? exclude.weight : 0
    let known = 0
    let all = 0
    let vocab = this.vocab
    const logAlpha = Math.log(this.alpha)
    for (let i = 0; i < f.size; i++) {
      const x = f.weights[i]
      all += x
      const fid = this.featureId(f.hashes[i], false)
      if (fid < 0) continue
      const rest = this.fTotal[fid] - x * exW
      if (rest <= EPS) {
        if (this.fTotal[fid] > EPS) vocab-- // known only through the excluded example
        continue
      }
      known += x
      for (let e = this.fHead[fid]; e >= 0; e = this.eNext[e]) {
        const c = this.eLabel[e]
        const n = this.eCount[e] - (c === ex ? x * exW : 0)
        if (n > EPS) out[c] += x * (Math.log(n + this.alpha) - logAlpha)
      }
    }
    const examples = this.examples - exW
    const scale = known > 0 ? Math.pow(known, -this.lengthPower) : 1
    for (let c = 0; c < L; c++) {
      const docs = this.docs[c] - (c === ex ? exW : 0)
      const total = this.totals[c] - (c === ex ? all * exW : 0)
      const prior = Math.log(Math.max(0, docs) + 1) - Math.log(Math.max(0, examples) + L)
      out[c] = prior + scale * (out[c] + known * logAlpha - known * Math.log(Math.max(0, total) + this.alpha * Math.max(1, vocab)))
    }
    return out
  }

  /**
   * The share of a complaint's words (word features) the model has seen in its history: how much of this
   * complaint the history can speak to. A Pemda whose history never had a labour complaint should not let that
   * history, however large, outvote the keyword rules on the first one.
   */
  coverage(f: Features & { kind: Uint8Array }, exclude?: Example): number {
    const exW = exclude && this.labelIndex.has(exclude.label) ? exclude.weight : 0
    let all = 0
    let seen = 0
    for (let i = 0; i < f.size; i++) {
      if (f.kind[i] !== WORD) continue
      all++
      const fid = this.featureId(f.hashes[i], false)
      if (fid >= 0 && this.fTotal[fid] - f.weights[i] * exW > EPS) seen++
    }
    return all === 0 ? 0 : seen / all
  }

  /**
   * Probabilities per label: the linear layer's for a new complaint; for one the model learnt from (`exclude`), the
   * counts' leave-one-out ones, so that a suggestion never just repeats the complaint's own label back to it.
   */
  probabilities(f: Features, exclude?: Example): Float64Array {
    if (this.linear && !this.isOwn(exclude)) return this.linear.probabilities(f, this.labels.length)
    return softmax(this.scores(f, exclude), this.temperature)
  }

  private isOwn(exclude?: Example): boolean {
    return !!exclude && exclude.weight > 0 && this.labelIndex.has(exclude.label)
  }

  /**
   * How much each feature speaks for `label` against the average of the other labels (log-probability units,
   * before temperature). Used to name the words that drove a suggestion.
   */
  contributions(f: Features, label: string, exclude?: Example): Float64Array {
    const out = new Float64Array(f.size)
    const c = this.labelIndex.get(label)
    const L = this.labels.length
    if (c === undefined || L < 2) return out
    if (this.linear && !this.isOwn(exclude)) return this.linear.contributions(f, c, L)
    const ex = exclude ? (this.labelIndex.get(exclude.label) ?? -1) : -1
    const exW = exclude && ex >= 0 ? exclude.weight : 0
    const denom = this.labels.map((_, k) => Math.log(Math.max(0, this.totals[k]) + this.alpha * Math.max(1, this.vocab)))
    const meanOthers = (denom.reduce((a, b) => a + b, 0) - denom[c]) / (L - 1)
    const logAlpha = Math.log(this.alpha)
    for (let i = 0; i < f.size; i++) {
      const fid = this.featureId(f.hashes[i], false)
      if (fid < 0) continue
      const x = f.weights[i]
      let sumAll = L * logAlpha
      let own = logAlpha
      for (let e = this.fHead[fid]; e >= 0; e = this.eNext[e]) {
        const k = this.eLabel[e]
        const n = this.eCount[e] - (k === ex ? x * exW : 0)
        const v = n > EPS ? Math.log(n + this.alpha) - logAlpha : 0
        sumAll += v
        if (k === c) own += v
      }
      const others = (sumAll - own) / (L - 1)
      out[i] = x * (own - denom[c] - (others - meanOthers))
    }
    return out
  }

  private featureId(hash: number, create: boolean): number {
    const h = (hash === 0 ? 1 : hash) | 0
    if (create && (this.fCount + 1) * 4 > this.table.length) this.growFeatures()
    const mask = (this.table.length >> 1) - 1
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const k = this.table[slot * 2]
      if (k === h) return this.table[slot * 2 + 1]
      if (k === 0) {
        if (!create) return -1
        const fid = this.fCount++
        if (fid === this.fHead.length) {
          this.fHead = grown(this.fHead, fid * 2, (n) => new Int32Array(n))
          this.fTotal = grown(this.fTotal, fid * 2, (n) => new Float32Array(n))
        }
        this.fHead[fid] = -1
        this.fTotal[fid] = 0
        this.table[slot * 2] = h
        this.table[slot * 2 + 1] = fid
        return fid
      }
    }
  }

  private growFeatures(): void {
    const old = this.table
    this.table = new Int32Array(old.length * 2)
    const mask = (this.table.length >> 1) - 1
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue
      let slot = mix(old[i]) & mask
      while (this.table[slot * 2] !== 0) slot = (slot + 1) & mask
      this.table[slot * 2] = old[i]
      this.table[slot * 2 + 1] = old[i + 1]
    }
  }

  private pairFind(fid: number, label: number): number {
    const p = this.pairs
    const mask = p.length / PAIR - 1
    for (let slot = mix(Math.imul(fid, 0x9e3779b1) ^ label) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * PAIR
      const l = p[at + 1]
      if (l === 0) return -1
      if (l === label + 1 && p[at] === fid) return p[at + 2]
    }
  }

  private pairInsert(fid: number, label: number, entry: number): void {
    const p = this.pairs
    const mask = p.length / PAIR - 1
    let slot = mix(Math.imul(fid, 0x9e3779b1) ^ label) & mask
    while (p[slot * PAIR + 1] !== 0) slot = (slot + 1) & mask
    const at = slot * PAIR
    p[at] = fid
    p[at + 1] = label + 1
    p[at + 2] = entry
  }

  private rebuildPairs(slots: number): void {
    this.pairs = new Int32Array(slots * PAIR)
    for (let e = 0; e < this.eSize; e++) this.pairInsert(this.eFid[e], this.eLabel[e], e)
  }

  private newEntry(fid: number, label: number): number {
    if (this.eSize === this.eLabel.length) {
      const n = this.eLabel.length * 2
      this.eLabel = grown(this.eLabel, n, (k) => new Uint16Array(k))
      this.eFid = grown(this.eFid, n, (k) => new Int32Array(k))
      this.eCount = grown(this.eCount, n, (k) => new Float32Array(k))
      this.eNext = grown(this.eNext, n, (k) => new Int32Array(k))
    }
    const e = this.eSize++
    this.eLabel[e] = label
    this.eFid[e] = fid
    this.eCount[e] = 0
    this.eNext[e] = this.fHead[fid]
    this.fHead[fid] = e
    if (this.eSize * 2 > this.pairs.length / PAIR) this.rebuildPairs((this.pairs.length / PAIR) * 2)
    else this.pairInsert(fid, label, e)
    return e
  }

  /** The whole model as bytes (a snapshot in the store): a JSON header, then the typed arrays. */
  serialize(): Buffer {
    return Buffer.concat(this.snapshotPieces())
  }

  /** The pieces `serialize()` concatenates: the header, then views of the model's own arrays, not copies, valid as
   *  long as nothing updates the model (routing/snapshot.ts SnapshotBytes writes them part by part). */
  snapshotPieces(): Buffer[] {
    const header = Buffer.from(
      JSON.stringify({
        v: SNAPSHOT_VERSION,
        hasLinear: this.linear !== null,
        labels: this.labels,
        docs: this.docs,
        totals: this.totals,
        examples: this.examples,
        vocab: this.vocab,
        alpha: this.alpha,
        temperature: this.temperature,
        lengthPower: this.lengthPower,
        tCap: this.table.length,
        fCount: this.fCount,
        eSize: this.eSize,
      }),
    )
    const parts = [
      this.table,
      this.fHead.subarray(0, this.fCount),
      this.fTotal.subarray(0, this.fCount),
      this.eLabel.subarray(0, this.eSize),
      this.eFid.subarray(0, this.eSize),
      this.eCount.subarray(0, this.eSize),
      this.eNext.subarray(0, this.eSize),
    ].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))
    const len = Buffer.alloc(4)
    len.writeUInt32LE(header.length)
    return [len, header, ...parts, ...(this.linear ? this.linear.serialize() : [])]
  }

  static deserialize(buf: Buffer): NaiveBayes {
    const hl = buf.readUInt32LE(0)
    const h = JSON.parse(buf.subarray(4, 4 + hl).toString('utf8')) as {
      v: number
      hasLinear?: boolean
      labels: string[]
      docs: number[]
      totals: number[]
      examples: number
      vocab: number
      alpha: number
      temperature: number
      lengthPower?: number
      tCap: number
      fCount: number
      eSize: number
    }
    if (h.v !== SNAPSHOT_VERSION) throw new Error(`model routing versi ${h.v} tidak dikenal; latih ulang (tanggap route --rebuild)`)
    const m = new NaiveBayes(h.alpha, 16)
    h.labels.forEach((l) => m.labelOf(l))
    m.docs = h.docs
    m.totals = h.totals
    m.examples = h.examples
    m.vocab = h.vocab
    m.temperature = h.temperature
    m.lengthPower = h.lengthPower ?? 0 // snapshots from before the length scale were calibrated without it
    let at = 4 + hl
    // Copied out of the blob: typed arrays need aligned offsets, and the blob's memory belongs to the caller.
    const take = <T>(count: number, bytesEach: number, make: (b: ArrayBuffer) => T): T => {
      const bytes = count * bytesEach
      const copy = new ArrayBuffer(Math.max(count, 16) * bytesEach)
      new Uint8Array(copy).set(buf.subarray(at, at + bytes))
      at += bytes
      return make(copy)
    }
    m.table = take(h.tCap, 4, (b) => new Int32Array(b))
    m.fCount = h.fCount
    m.fHead = take(h.fCount, 4, (b) => new Int32Array(b))
    m.fTotal = take(h.fCount, 4, (b) => new Float32Array(b))
    m.eSize = h.eSize
    m.eLabel = take(h.eSize, 2, (b) => new Uint16Array(b))
    m.eFid = take(h.eSize, 4, (b) => new Int32Array(b))
    m.eCount = take(h.eSize, 4, (b) => new Float32Array(b))
    m.eNext = take(h.eSize, 4, (b) => new Int32Array(b))
    if (h.hasLinear) m.linear = LinearLayer.deserialize(buf, at).layer
    let cap = 16
    while (cap < m.eSize * 2 + 2) cap *= 2
    m.rebuildPairs(cap)
    return m
  }
}

/** `a` copied into a new array of length `n` (made by `make`). */
export function grown<T extends Uint8Array | Uint16Array | Int32Array | Float32Array | Float64Array>(a: T, n: number, make: (n: number) => T): T {
  const b = make(n)
  b.set(a.subarray(0, Math.min(a.length, n)) as never)
  return b
}

export function softmax(scores: Float64Array, temperature = 1): Float64Array {
  const out = new Float64Array(scores.length)
  if (scores.length === 0) return out
  let max = -Infinity
  for (const s of scores) if (s > max) max = s
  let sum = 0
  for (let i = 0; i < scores.length; i++) sum += out[i] = Math.exp((scores[i] - max) / temperature)
  for (let i = 0; i < scores.length; i++) out[i] /= sum
  return out
}

/**
 * The temperature that makes leave-one-out probabilities honest (least negative log-likelihood of the true
 * label), found by golden-section search over log T. `scored` holds each example's LOO scores and label index.
 */
export function fitTemperature(scored: { scores: Float64Array; label: number }[]): number {
  if (scored.length < 20) return 1
  // The softmax of the true label, without building the distribution (this runs 48 times over every example).
  const max = scored.map(({ scores }) => {
    let m = -Infinity
    for (const s of scores) if (s > m) m = s
    return m
  })
  const nll = (logT: number) => {
    const t = Math.exp(logT)
    let sum = 0
    scored.forEach(({ scores, label }, k) => {
      if (scores.length === 0) return
      let z = 0
      for (let i = 0; i < scores.length; i++) z += Math.exp((scores[i] - max[k]) / t)
      sum -= Math.log(Math.max(1e-12, Math.exp((scores[label] - max[k]) / t) / z))
    })
    return sum
  }
  let a = Math.log(0.2)
  let b = Math.log(500)
  const g = (Math.sqrt(5) - 1) / 2
  for (let i = 0; i < 24; i++) {
    const c = b - g * (b - a)
    const d = a + g * (b - a)
    if (nll(c) < nll(d)) b = d
    else a = c
  }
  return Math.exp((a + b) / 2)
}

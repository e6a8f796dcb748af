// The discriminative half of the routing model: a linear classifier over the same hashed features as the naive
// Bayes counts (words, word pairs, word pieces, category), weighted TF-IDF style (feature weight × idf, L2
// length-normalised), trained by the averaged multiclass passive-aggressive algorithm (PA-II, Crammer et al. 2006)
// with class-balanced aggressiveness. Why: on real complaints naive Bayes lets the class priors and its independence
// assumption drown the small units (macro-F1 0.25 on LaporGub's 16 sectors, docs/routing.md); a linear model
// trained on the margins does not, and PA keeps what made naive Bayes fit here: it trains in a few passes, and one
// correction is one more step, taken as it happens.
//
// Weights are dense per feature (one row of `stride` labels), only for features seen in at least two complaints
// at the last full training (a hapax is noise to a linear model and half the vocabulary). Features first seen
// after it stay with naive Bayes until the next retraining.
import { mix, type Features } from './features.ts'
import { fitTemperature, softmax } from './model.ts'

/** Aggressiveness (C of PA-II); per class multiplied by n / (L · n_class), as class_weight='balanced' does. */
const C = 1
const MIN_DF = 2

export type LinearExample = Features & { label: number }

export class LinearLayer {
  stride = 0
  temperature = 1
  private table = new Int32Array(1 << 10) // [hash, feature id + 1] pairs
  private size = 0
  idf = new Float32Array(0)
  w = new Float32Array(0)
  bias = new Float64Array(0)
  /** Class-balanced aggressiveness per label, kept for the steps taken after training. */
  cLabel = new Float64Array(0)

  get features(): number {
    return this.size
  }

  private slot(hash: number): number {
    const h = (hash === 0 ? 1 : hash) | 0
    const mask = (this.table.length >> 1) - 1
    let s = mix(h) & mask
    while (this.table[s * 2 + 1] !== 0 && this.table[s * 2] !== h) s = (s + 1) & mask
    return s
  }

  private fid(hash: number): number {
    return this.table[this.slot(hash) * 2 + 1] - 1
  }

  private add(hash: number): number {
    if ((this.size + 1) * 4 > this.table.length) this.grow()
    const s = this.slot(hash)
    if (this.table[s * 2 + 1] === 0) {
      this.table[s * 2] = (hash === 0 ? 1 : hash) | 0
      this.table[s * 2 + 1] = ++this.size
    }
    return this.table[s * 2 + 1] - 1
  }

  private grow(): void {
    const old = this.table
    this.table = new Int32Array(old.length * 2)
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue
      const s = this.slot(old[i])
      this.table[s * 2] = old[i]
      this.table[s * 2 + 1] = old[i + 1]
    }
  }

  /** The TF-IDF vector of a complaint over the known features: ids into `out.ids`, values normalised to length 1. */
  vector(f: Features, out: { ids: Int32Array; vals: Float32Array; n: number }): void {
    let n = 0
    let norm = 0
    if (out.ids.length < f.size) {
      out.ids = new Int32Array(f.size * 2)
      out.vals = new Float32Array(f.size * 2)
    }
    for (let i = 0; i < f.size; i++) {
      const id = this.fid(f.hashes[i])
      if (id < 0) continue
      const v = f.weights[i] * this.idf[id]
      out.ids[n] = id
      out.vals[n++] = v
      norm += v * v
    }
    norm = Math.sqrt(norm) || 1
    for (let i = 0; i < n; i++) out.vals[i] /= norm
    out.n = n
  }

  /** Scores per label (before temperature); labels beyond the trained ones score -Infinity. */
  scores(f: Features, labels: number, out = new Float64Array(labels)): Float64Array {
    this.vector(f, scratch)
    linearScores(this, scratch, out, labels)
    return out
  }

  probabilities(f: Features, labels: number): Float64Array {
    return softmax(this.scores(f, labels), this.temperature)
  }

  /** How much each feature of the complaint speaks for `label` against the best other label (for explanations). */
  contributions(f: Features, label: number, labels: number): Float64Array {
    const out = new Float64Array(f.size)
    if (label >= this.stride) return out
    const s = this.scores(f, labels)
    let rival = -1
    for (let c = 0; c < Math.min(labels, this.stride); c++) if (c !== label && (rival < 0 || s[c] > s[rival])) rival = c
    for (let i = 0; i < f.size; i++) {
      const id = this.fid(f.hashes[i])
      if (id < 0) continue
      const row = id * this.stride
      out[i] = f.weights[i] * this.idf[id] * (this.w[row + label] - (rival >= 0 ? this.w[row + rival] : 0))
    }
    return out
  }

  /** One PA-II step towards `label` (a correction or a newly settled complaint, after the full training). */
  step(f: Features, label: number, labels: number): void {
    if (label >= this.stride || this.stride < 2) return
    this.vector(f, scratch)
    const s = new Float64Array(labels)
    linearScores(this, scratch, s, labels)
    paStep(this, scratch, s, label, this.cLabel[label] || C, null, 0)
  }

  serialize(): Buffer[] {
    const header = Buffer.from(JSON.stringify({ stride: this.stride, temperature: this.temperature, size: this.size, tCap: this.table.length }))
    const len = Buffer.alloc(4)
    len.writeUInt32LE(header.length)
    return [len, header, ...[this.table, this.idf, this.w, this.bias, this.cLabel].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]
  }

  /** Reads a layer written by `serialize` at `at`; returns it and where it ended. */
  static deserialize(buf: Buffer, at: number): { layer: LinearLayer; end: number } {
    const hl = buf.readUInt32LE(at)
    const h = JSON.parse(buf.subarray(at + 4, at + 4 + hl).toString('utf8')) as { stride: number; temperature: number; size: number; tCap: number }
    let p = at + 4 + hl
    const take = <T>(count: number, bytes: number, make: (b: ArrayBuffer) => T): T => {
      const copy = new ArrayBuffer(count * bytes)
      new Uint8Array(copy).set(buf.subarray(p, p + count * bytes))
      p += count * bytes
      return make(copy)
    }
    const l = new LinearLayer()
    l.stride = h.stride
    l.temperature = h.temperature
    l.size = h.size
    l.table = take(h.tCap, 4, (b) => new Int32Array(b))
    l.idf = take(h.size, 4, (b) => new Float32Array(b))
    l.w = take(h.size * h.stride, 4, (b) => new Float32Array(b))
    l.bias = take(h.stride, 8, (b) => new Float64Array(b))
    l.cLabel = take(h.stride, 8, (b) => new Float64Array(b))
    return { layer: l, end: p }
  }

  /**
   * Trains a layer on all examples (labels are the naive Bayes label indices, 0..labels-1). A tenth of them (at most
   * 2,000) is held out to fit the temperature on predictions the layer did not learn from; with fewer than 300
   * examples nothing is held out and the temperature is fitted on what it learnt (over-confident, but the keyword
   * rules carry a Pemda that small anyway).
   */
  static train(examples: LinearExample[], labels: number, seed: () => number): LinearLayer {
    const l = new LinearLayer()
    l.stride = labels
    const df: number[] = []
    const counted = new Map<number, number>()
    for (const e of examples) for (let i = 0; i < e.size; i++) counted.set(e.hashes[i], (counted.get(e.hashes[i]) ?? 0) + 1)
    for (const [hash, n] of counted) {
      if (n < MIN_DF) continue
      const id = l.add(hash)
      df[id] = n
    }
    const total = examples.length
    l.idf = Float32Array.from(df, (d) => Math.log((1 + total) / (1 + d)) + 1)
    l.w = new Float32Array(l.size * labels)
    l.bias = new Float64Array(labels)
    const perLabel = new Array<number>(labels).fill(0)
    for (const e of examples) perLabel[e.label]++
    l.cLabel = Float64Array.from(perLabel, (k) => (k > 0 ? (C * total) / (labels * k) : C))

    const order = Array.from({ length: total }, (_, i) => i)
    shuffle(order, seed)
    const held = total >= 300 ? Math.min(2000, Math.floor(total / 10)) : 0
    const learn = order.slice(held)
    const vectors = examples.map((e) => {
      const v = { ids: new Int32Array(0), vals: new Float32Array(0), n: 0 }
      l.vector(e, v)
      return { ids: v.ids.slice(0, v.n), vals: v.vals.slice(0, v.n), n: v.n }
    })
    // Averaged weights (the running sum trick): u accumulates t·Δ, the average is w - u/t.
    const u = new Float32Array(l.w.length)
    const ub = new Float64Array(labels)
    const avg = { u, ub, t: 1 }
    // Fewer passes for a large history: it needs fewer, and training must stay within seconds.
    const epochs = Math.max(3, Math.min(10, Math.round(200_000 / Math.max(1, learn.length))))
    const s = new Float64Array(labels)
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(learn, seed)
      for (const i of learn) {
        const v = vectors[i]
        linearScores(l, v, s, labels)
        paStep(l, v, s, examples[i].label, l.cLabel[examples[i].label], avg, avg.t)
        avg.t++
      }
    }
    const raw = { w: l.w.slice(), bias: l.bias.slice() }
    const average = () => {
      for (let k = 0; k < l.w.length; k++) l.w[k] = raw.w[k] - u[k] / avg.t
      for (let c = 0; c < labels; c++) l.bias[c] = raw.bias[c] - ub[c] / avg.t
    }
    average()
    const check = (held > 0 ? order.slice(0, held) : learn.slice(0, 2000)).map((i) => {
      const sc = new Float64Array(labels)
      linearScores(l, vectors[i], sc, labels)
      return { scores: sc, label: examples[i].label }
    })
    l.temperature = fitTemperature(check)
    if (held > 0) {
      // Then the held-out complaints are learnt too, in passes over all of them (they are real history), and the
      // temperature fitted before is kept: the layer barely moves.
      l.w.set(raw.w)
      l.bias.set(raw.bias)
      const all = order.slice()
      for (let pass = 0; pass < Math.max(1, Math.round(epochs / 3)); pass++) {
        shuffle(all, seed)
        for (const i of all) {
          const v = vectors[i]
          linearScores(l, v, s, labels)
          paStep(l, v, s, examples[i].label, l.cLabel[examples[i].label], avg, avg.t)
          avg.t++
        }
      }
      raw.w.set(l.w)
      raw.bias.set(l.bias)
      average()
    }
    return l
  }
}

type Vec = { ids: Int32Array; vals: Float32Array; n: number }
const scratch: Vec = { ids: new Int32Array(512), vals: new Float32Array(512), n: 0 }

function linearScores(l: LinearLayer, v: Vec, out: Float64Array, labels: number): void {
  const L = Math.min(labels, l.stride)
  for (let c = 0; c < L; c++) out[c] = l.bias[c]
  for (let c = L; c < labels; c++) out[c] = -Infinity
  const w = l.w
  const stride = l.stride
  for (let k = 0; k < v.n; k++) {
    const row = v.ids[k] * stride
    const x = v.vals[k]
    for (let c = 0; c < L; c++) out[c] += w[row + c] * x
  }
}

/** PA-II against the best-scoring wrong label, with a bias feature of 1 (so |x|² = 2 and the step touches two rows). */
function paStep(l: LinearLayer, v: Vec, s: Float64Array, y: number, c: number, avg: { u: Float32Array; ub: Float64Array } | null, t: number): void {
  let r = -1
  for (let k = 0; k < Math.min(s.length, l.stride); k++) if (k !== y && (r < 0 || s[k] > s[r])) r = k
  if (r < 0) return
  const loss = 1 - (s[y] - s[r])
  if (loss <= 0) return
  const tau = loss / (4 + 1 / (2 * c))
  const stride = l.stride
  for (let k = 0; k < v.n; k++) {
    const row = v.ids[k] * stride
    const d = tau * v.vals[k]
    l.w[row + y] += d
    l.w[row + r] -= d
    if (avg) {
      avg.u[row + y] += t * d
      avg.u[row + r] -= t * d
    }
  }
  l.bias[y] += tau
  l.bias[r] -= tau
  if (avg) {
    avg.ub[y] += t * tau
    avg.ub[r] -= t * tau
  }
}

function shuffle(a: number[], rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
}

// The discriminative half of the routing model: a linear classifier over its own TF-IDF reading of a complaint
// (features.ts extractLayerFeatures: word 1–2-grams with function words kept, the category, char 2–5-grams;
// 1 + ln tf × idf, each block L2-normalised, as the TF-IDF LinearSVC baseline reads it): one-vs-rest linear SVMs (squared hinge, L2, class-balanced — what scikit-learn's LinearSVC
// with class_weight='balanced' is), solved exactly by dual coordinate descent as liblinear does, with C chosen by
// cross-validation inside the training history where that is cheap (train: TUNE_WORK_MAX). Why: on real complaints naive Bayes lets the class priors and its
// independence assumption drown the small units (macro-F1 0.25 on LaporGub's 16 sectors, docs/routing.md); a
// linear model trained on the margins does not. A correction after the training is one more exact coordinate step.
//
// Weights are dense per feature (one row of `stride` labels), for every feature seen at the last full training
// (min df 1: keeping the hapaxes was worth 0.6 points of accuracy on LaporGub). Features first seen after it stay
// with naive Bayes until the next retraining.
import { mix, PAIR, PIECE_KIND, WORD, type Features } from './features.ts'
import { fitTemperature, softmax } from './model.ts'

/** C of the SVMs (per label multiplied by n / (L · n_label), as class_weight='balanced' does) when not tuned. */
export const DEFAULT_C = 1
/** The Cs tried by the inner cross-validation. */
export const C_GRID: readonly number[] = [1, 3]
/** Histories larger than this take DEFAULT_C, leave the character n-grams out and train LARGE_PASSES + 1 passes. */
export const TUNE_MAX = 20_000
/**
 * The character block is left out when examples × their features × labels exceeds this (the solver's work per
 * pass, most of it character n-grams): long complaints over many units would otherwise take tens of seconds to
 * train. LaporGub's training folds (8,000 texts × ~500 features × 16 labels ≈ 6.5·10⁷; about 17 s CPU with the
 * tuning) keep it; a demo history of 5,000 long complaints over 47 units (≈ 1.1·10⁸) does not (4.6 s CPU).
 */
export const CHAR_WORK_MAX = 7e7
/**
 * liblinear's stopping tolerance, and caps on the passes: MAX_PASSES for an untuned history's part before its
 * held-out part, FINAL_PASSES for the training on everything (from scratch after the tuning, else a warm start).
 * They rarely converge within these; what the caps cost and give is in docs/routing.md ("Speed").
 */
const EPS = 0.1
const MAX_PASSES = 20
const FINAL_PASSES = 10
/** Passes of the second solver that an untuned history's temperature is fitted with. */
const TEMPERATURE_PASSES = 5
/**
 * A large history makes this many passes on all but its held-out part, then learns that part (every example seen
 * once). On the 96k demo history the held-out accuracy was 0.718 after one pass, 0.697 after two.
 */
const LARGE_PASSES = 1
/** Passes per C inside the tuning (each warm-started from the last; was 10, see docs/routing.md "Speed"). */
const TUNE_PASSES = 5
const MIN_DF = 1
/**
 * C is tuned (3-fold cross-validation over C_GRID) only while the solver's work (the examples' features × labels)
 * is at most this; a history above it takes UNTUNED_C. Tuning trains 3 × |grid| times more, and picking C on a
 * sample of a larger history is no substitute: on LaporGub a 3,000-complaint sample picks C = 1, the whole
 * training fold C = 3, and C = 1 loses a point of accuracy there (docs/routing.md).
 */
export const TUNE_WORK_MAX = 2e7
/**
 * C of a history too large to tune (up to TUNE_MAX examples); it learns all but its held-out part in up to MAX_PASSES
 * passes, then everything in up to FINAL_PASSES more (a warm start). LaporGub, 5 folds: 20 + 10 passes
 * 0.8275 / 0.7051, 10 + 10 0.8267 / 0.7036.
 */
export const UNTUNED_C = 3
/** The softmax temperature is fitted on at most this many out-of-fold scores (every k-th). */
const TEMPERATURE_SAMPLE = 3000

/** An example: its features, its label index and, where known, each feature's kind (features.ts). */
export type LinearExample = Features & { label: number; kinds?: Uint8Array }
export type LinearTrainOptions = { grid?: readonly number[]; blockScale?: number[]; nb?: number; minDf?: number; chars?: boolean }

/** CPU milliseconds of the last training's steps (for `tanggap bench routing`). */
export const trainProfile: Record<string, number> = {}
const cpuMs = () => process.cpuUsage().user / 1000

export class LinearLayer {
  stride = 0
  temperature = 1
  table = new Int32Array(1 << 10) // [hash, feature id + 1] pairs
  size = 0
  idf = new Float32Array(0)
  /** Per feature: its block (0 words, pairs and extras; 1 word pieces), each block L2-normalised on its own. */
  block = new Uint8Array(0)
  /** Scale of each block after its normalisation (the baseline's FeatureUnion: 1/√2 each). */
  blockScale = [Math.SQRT1_2, Math.SQRT1_2]
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
  vector(complaint: Features, out: { ids: Int32Array; vals: Float32Array; n: number }): void {
    const f = complaint.layer ?? complaint
    let n = 0
    let norm0 = 0
    let norm1 = 0
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
      if (this.block[id] === 0) norm0 += v * v
      else norm1 += v * v
    }
    // Each block to length blockScale (a block absent from the complaint stays absent).
    const s0 = norm0 > 0 ? this.blockScale[0] / Math.sqrt(norm0) : 0
    const s1 = norm1 > 0 ? this.blockScale[1] / Math.sqrt(norm1) : 0
    if (norm1 === 0 || norm0 === 0) {
      const only = norm0 > 0 ? 1 / Math.sqrt(norm0) : norm1 > 0 ? 1 / Math.sqrt(norm1) : 1
      for (let i = 0; i < n; i++) out.vals[i] *= only
    } else for (let i = 0; i < n; i++) out.vals[i] *= this.block[out.ids[i]] === 0 ? s0 : s1
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
    // scores() left the complaint's vector in scratch, the known features of its layer reading in their order;
    // each is credited to the word it came from (a pair half to each), then to that word's feature in f.
    const g = f.layer ?? f
    const src = f.layer?.source
    const kind = f.layer?.kind
    const byWord = new Map<number, number>()
    let k = 0
    for (let i = 0; i < g.size && k < scratch.n; i++) {
      const id = this.fid(g.hashes[i])
      if (id < 0) continue
      const row = id * this.stride
      const v = scratch.vals[k++] * (this.w[row + label] - (rival >= 0 ? this.w[row + rival] : 0))
      if (!src) {
        out[i] = v
        continue
      }
      const at = src[i]
      if (kind?.[i] === PAIR) {
        byWord.set(at, (byWord.get(at) ?? 0) + v / 2)
        byWord.set(at + 1, (byWord.get(at + 1) ?? 0) + v / 2)
      } else byWord.set(at, (byWord.get(at) ?? 0) + v)
    }
    if (src) {
      // Layer words to the complaint's own words (the layer also reads function words, which name nothing).
      const fb = f as Features & { source?: Int32Array; kind?: Uint8Array; words?: readonly string[] }
      const layerWords = f.layer!.words
      const byText = new Map<string, number>()
      for (const [at, v] of byWord) {
        const key = at < 0 ? '' : layerWords[at]
        if (key !== undefined) byText.set(key, (byText.get(key) ?? 0) + v)
      }
      const given = new Set<string>()
      for (let i = 0; i < f.size; i++) {
        const at = fb.source?.[i] ?? -2
        if (at >= 0 && fb.kind?.[i] !== WORD) continue
        const key = at < 0 ? '' : (fb.words?.[at] ?? '')
        if (given.has(key) || !byText.has(key) || (at >= 0 && key === '')) continue
        given.add(key)
        out[i] = byText.get(key)!
      }
    }
    return out
  }

  /**
   * What a complaint settled after the training teaches at once: one exact coordinate step of every binary problem
   * for it, as if its α had been 0 (the full retraining settles it exactly).
   */
  step(f: Features, label: number, labels: number): void {
    if (label >= this.stride || this.stride < 2) return
    this.vector(f, scratch)
    const L = this.stride
    const s = new Float64Array(L)
    linearScores(this, scratch, s, L)
    const c = this.cLabel[label] || DEFAULT_C
    const qii = 2
    for (let k = 0; k < L; k++) {
      const sign = k === label ? 1 : -1
      const g = sign * s[k] - 1
      if (g >= 0) continue
      const delta = (-g / (qii + 0.5 / c)) * sign
      for (let j = 0; j < scratch.n; j++) this.w[scratch.ids[j] * L + k] += delta * scratch.vals[j]
      this.bias[k] += delta
    }
    void labels
  }

  serialize(): Buffer[] {
    const header = Buffer.from(JSON.stringify({ stride: this.stride, temperature: this.temperature, size: this.size, tCap: this.table.length, blockScale: this.blockScale }))
    const len = Buffer.alloc(4)
    len.writeUInt32LE(header.length)
    return [len, header, ...[this.table, this.idf, this.w, this.bias, this.cLabel, this.block].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]
  }

  /** The layer whose `serialize()` parts these are (moved from the worker that trained it): its arrays are views of
   *  the parts, not copies (concatenating and copying 37 MB held the app's thread about 150 ms). */
  static fromParts(parts: Buffer[]): LinearLayer {
    const h = JSON.parse(parts[1].toString('utf8')) as { stride: number; temperature: number; size: number; blockScale: number[] }
    const view = <T>(b: Buffer, bytes: number, make: (buffer: ArrayBuffer, offset: number, length: number) => T): T => make(b.buffer as ArrayBuffer, b.byteOffset, b.byteLength / bytes)
    const l = new LinearLayer()
    l.stride = h.stride
    l.temperature = h.temperature
    l.size = h.size
    l.table = view(parts[2], 4, (b, o, n) => new Int32Array(b, o, n))
    l.idf = view(parts[3], 4, (b, o, n) => new Float32Array(b, o, n))
    l.w = view(parts[4], 4, (b, o, n) => new Float32Array(b, o, n))
    l.bias = view(parts[5], 8, (b, o, n) => new Float64Array(b, o, n))
    l.cLabel = view(parts[6], 8, (b, o, n) => new Float64Array(b, o, n))
    l.block = view(parts[7], 1, (b, o, n) => new Uint8Array(b, o, n))
    l.blockScale = h.blockScale
    return l
  }

  /** Reads a layer written by `serialize` at `at`; returns it and where it ended. */
  static deserialize(buf: Buffer, at: number): { layer: LinearLayer; end: number } {
    const hl = buf.readUInt32LE(at)
    const h = JSON.parse(buf.subarray(at + 4, at + 4 + hl).toString('utf8')) as { stride: number; temperature: number; size: number; tCap: number; blockScale: number[] }
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
    l.block = take(h.size, 1, (b) => new Uint8Array(b))
    l.blockScale = h.blockScale
    return { layer: l, end: p }
  }

  /**
   * Trains a layer on all examples (labels are the naive Bayes label indices, 0..labels-1): one-vs-rest linear SVMs
   * (squared hinge, L2, class-balanced) solved exactly by dual coordinate descent (`OvrSolver`). While the solver's
   * work is small (`TUNE_WORK_MAX`), C is chosen by 3-fold cross-validation inside the examples given (never anything
   * else) and the softmax temperature is fitted on those out-of-fold scores; a history with more work takes
   * `UNTUNED_C` (above `TUNE_MAX` examples `DEFAULT_C`) and fits the temperature on a held-out tenth (at most 2,000)
   * before learning it too (a warm start: the solver continues). Profile in `trainProfile` (CPU ms per step).
   */
  static train(examples: LinearExample[], labels: number, seed: () => number, opts: LinearTrainOptions = {}): LinearLayer {
    for (const k of Object.keys(trainProfile)) if (k.startsWith('tune_passes') || k === 'held_acc') delete trainProfile[k]
    let mark = cpuMs()
    const lap = (name: string) => {
      const now = cpuMs()
      trainProfile[name] = Math.round(now - mark)
      mark = now
    }
    const l = new LinearLayer()
    l.stride = labels
    const large = examples.length > TUNE_MAX
    let work = 0
    for (const e of examples) work += e.size
    // (A trainer that stopped reading them part-way says so: what it kept would then understate the work.)
    const noChars = large || opts.chars === false || work * labels > CHAR_WORK_MAX
    // A large history has words enough: its layer leaves out the word pieces (most of a complaint's features, so
    // most of the training's cost); they stay in the naive Bayes counts.
    // The vocabulary and every example's feature ids in one pass (ids, then values, in flat arrays).
    const ids = new Int32Array(work)
    const vals = new Float32Array(work)
    let df = new Int32Array(1024)
    let blocks = new Uint8Array(1024)
    const from = new Int32Array(examples.length + 1)
    let p = 0
    examples.forEach((e, x) => {
      from[x] = p
      for (let i = 0; i < e.size; i++) {
        const piece = e.kinds?.[i] === PIECE_KIND
        if (noChars && piece) continue
        const id = l.add(e.hashes[i])
        if (id >= df.length) {
          const d = new Int32Array(df.length * 2)
          d.set(df)
          df = d
          const b = new Uint8Array(blocks.length * 2)
          b.set(blocks)
          blocks = b
        }
        df[id]++
        if (piece) blocks[id] = 1
        ids[p] = id
        vals[p++] = e.weights[i]
      }
    })
    from[examples.length] = p
    const minDf = opts.minDf ?? MIN_DF
    let size = l.size
    if (minDf > 1) {
      // Features seen in fewer than minDf examples are dropped: a vocabulary of the others, ids renumbered.
      const kept = new LinearLayer()
      const to = new Int32Array(size).fill(-1)
      for (let t = 0; t < l.table.length; t += 2) {
        const id = l.table[t + 1] - 1
        if (id >= 0 && df[id] >= minDf) to[id] = kept.add(l.table[t])
      }
      const df2 = new Int32Array(kept.size)
      const b2 = new Uint8Array(kept.size)
      let q = 0
      for (let x = 0; x < examples.length; x++) {
        const a = from[x]
        from[x] = q
        for (let k = a; k < from[x + 1]; k++) {
          const id = to[ids[k]]
          if (id < 0) continue
          df2[id] = df[ids[k]]
          b2[id] = blocks[ids[k]]
          ids[q] = id
          vals[q++] = vals[k]
        }
      }
      from[examples.length] = q
      l.table = kept.table
      l.size = kept.size
      size = kept.size
      df = df2
      blocks = b2
    }
    l.block = blocks.slice(0, size)
    if (opts.blockScale) l.blockScale = opts.blockScale
    const total = examples.length
    l.idf = Float32Array.from(df.subarray(0, size), (d) => Math.log((1 + total) / (1 + d)) + 1)
    lap('vocabulary')
    // Each example's TF-IDF vector, each block normalised as `vector` does it (the same numbers).
    const vectors: Vec[] = new Array(total)
    for (let x = 0; x < total; x++) {
      const a = from[x]
      const b = from[x + 1]
      let norm0 = 0
      let norm1 = 0
      for (let k = a; k < b; k++) {
        const v = vals[k] * l.idf[ids[k]]
        vals[k] = v
        if (l.block[ids[k]] === 0) norm0 += v * v
        else norm1 += v * v
      }
      const s0 = norm0 > 0 ? l.blockScale[0] / Math.sqrt(norm0) : 0
      const s1 = norm1 > 0 ? l.blockScale[1] / Math.sqrt(norm1) : 0
      if (norm1 === 0 || norm0 === 0) {
        const only = norm0 > 0 ? 1 / Math.sqrt(norm0) : norm1 > 0 ? 1 / Math.sqrt(norm1) : 1
        for (let k = a; k < b; k++) vals[k] *= only
      } else for (let k = a; k < b; k++) vals[k] *= l.block[ids[k]] === 0 ? s0 : s1
      vectors[x] = { ids: ids.subarray(a, b), vals: vals.subarray(a, b), n: b - a }
    }
    lap('vectors')
    const y = Int32Array.from(examples, (e) => e.label)
    const perLabel = new Array<number>(labels).fill(0)
    for (const c of y) perLabel[c]++
    // class_weight='balanced': n / (L · n_class), L the labels present.
    const present = perLabel.filter((k) => k > 0).length
    const balance = Float64Array.from(perLabel, (k) => (k > 0 ? total / (present * k) : 1))
    let solverWork = 0
    for (const v of vectors) solverWork += v.n
    solverWork *= labels
    trainProfile.work = solverWork
    const all = Int32Array.from({ length: total }, (_, i) => i)

    // Tuning C costs about 3 × |grid| trainings: done while the history's work is small, else C is UNTUNED_C.
    const grid = opts.grid ?? (solverWork <= TUNE_WORK_MAX ? C_GRID : [large ? DEFAULT_C : UNTUNED_C])
    let chosen = grid[0]
    let oof: { scores: Float64Array; label: number }[] = []
    if (grid.length > 1 && total >= 60) {
      const tuned = tuneC(vectors, y, labels, l.size, balance, grid, seed, 3, opts.nb)
      chosen = tuned.c
      oof = tuned.scores
    }
    l.cLabel = Float64Array.from(balance, (b) => b * chosen)
    const solver = new OvrSolver(vectors, y, labels, l.size, l.cLabel, opts.nb ? nbRatios(vectors, y, all, labels, l.size, 1, opts.nb) : null)
    let last: Int32Array = all
    const untuned = oof.length === 0 && total >= 300
    if (untuned && large) {
      // A large history's temperature is fitted on a held-out part (a tenth, at most 2,000): the rest is learnt in
      // one pass, the part scored, then learnt too (only it: every example seen once).
      const { held, rest } = holdOut(total, seed)
      solver.solve(rest, seed, EPS, LARGE_PASSES)
      oof = Array.from(held, (i) => ({ scores: solver.scores(vectors[i]), label: y[i] }))
      last = held
    }
    lap('tuning')
    trainProfile.c = chosen
    solver.solve(last, seed, EPS, large ? 1 : FINAL_PASSES)
    lap('solve')
    if (untuned && !large) {
      // The temperature of a history not tuned (nor large): a second solver learns all but a held-out part in TEMPERATURE_PASSES and
      // scores that part (the layer itself learns everything from scratch: learning the part last, on its own,
      // cost LaporGub 0.6 points of accuracy).
      const { held, rest } = holdOut(total, seed)
      const t = new OvrSolver(vectors, y, labels, l.size, l.cLabel, null)
      t.solve(rest, seed, EPS, TEMPERATURE_PASSES)
      oof = Array.from(held, (i) => ({ scores: t.scores(vectors[i]), label: y[i] }))
    }
    if (oof.length > 0 && !(grid.length > 1 && total >= 60)) trainProfile.held_acc = Math.round((1000 * oof.filter((o) => o.scores.indexOf(Math.max(...o.scores)) === o.label).length) / oof.length)
    if (oof.length === 0) oof = Array.from(all.subarray(0, 2000), (i) => ({ scores: solver.scores(vectors[i]), label: y[i] }))
    trainProfile.passes = solver.passes
    l.w = solver.effective()
    l.bias = solver.bias
    l.temperature = fitTemperature(oof.length > TEMPERATURE_SAMPLE ? oof.filter((_, i) => i % Math.ceil(oof.length / TEMPERATURE_SAMPLE) === 0) : oof)
    lap('temperature')
    return l
  }
}

type Vec = { ids: Int32Array; vals: Float32Array; n: number }
const scratch: Vec = { ids: new Int32Array(512), vals: new Float32Array(512), n: 0 }

function linearScores(l: { w: Float32Array; bias: Float64Array; stride: number }, v: Vec, out: Float64Array, labels: number): void {
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

/**
 * One-vs-rest linear SVMs with squared hinge loss and L2 regularisation, all L of them solved together by dual
 * coordinate descent (Hsieh et al. 2008, what liblinear's LinearSVC does): the dual of each binary problem is
 * min ½αᵀ(Q + D)α − eᵀα over α ≥ 0, D_ii = 1 / (2 C_i), and each coordinate step is exact. The binary problems are
 * independent, so one visit of an example scores it against every label at once (a weight row per feature, the
 * labels side by side) and updates each label's coordinate. A bias feature of 1 is part of x (|x|² = 1 + 1).
 * Stops as liblinear does (largest minus smallest projected gradient below `eps`), with its shrinking: an example
 * whose every coordinate sits at 0 with a gradient above the last pass's largest is left out until the end, then
 * everything is checked once more. Warm-startable: `solve` continues from the current α.
 */
export class OvrSolver {
  readonly w: Float32Array<ArrayBuffer>
  readonly bias: Float64Array<ArrayBuffer>
  readonly stride: number
  private readonly alpha: Float32Array
  passes = 0

  constructor(
    private readonly x: readonly Vec[],
    private readonly y: Int32Array,
    readonly labels: number,
    features: number,
    /** C per label (applied to the examples of that label in every binary problem, as class_weight does). */
    private readonly cLabel: Float64Array,
    /** NBSVM (Wang & Manning 2012): per (feature, label) scale of x in that label's problem, or none. */
    readonly r: Float32Array | null = null,
  ) {
    this.stride = labels
    this.w = new Float32Array(features * labels)
    this.bias = new Float64Array(labels)
    this.alpha = new Float32Array(x.length * labels)
  }

  scores(v: Vec, out = new Float64Array(this.labels)): Float64Array {
    if (!this.r) {
      linearScores(this, v, out, this.labels)
      return out
    }
    const L = this.labels
    for (let c = 0; c < L; c++) out[c] = this.bias[c]
    for (let k = 0; k < v.n; k++) {
      const row = v.ids[k] * L
      const x = v.vals[k]
      for (let c = 0; c < L; c++) out[c] += this.w[row + c] * this.r[row + c] * x
    }
    return out
  }

  /** The weights to score plain vectors with: w, or w ∘ r for NBSVM. */
  effective(): Float32Array<ArrayBuffer> {
    if (!this.r) return this.w
    const out = new Float32Array(this.w.length)
    for (let i = 0; i < out.length; i++) out[i] = this.w[i] * this.r[i]
    return out
  }

  /**
   * Optimises the dual over the examples `subset` (their α; others keep theirs, which stay in w). Shrinking is per
   * coordinate (example, label): a shrunk coordinate is not even scored, so after the first passes an example costs
   * only its few labels still near a margin.
   */
  solve(subset: Int32Array, rng: () => number, eps = EPS, maxPasses = MAX_PASSES): number {
    const L = this.labels
    const s = new Float64Array(L)
    const d = new Float64Array(L)
    const touched = new Int32Array(L)
    const live = new Int32Array(L)
    const q = new Float64Array(L)
    const shrunk = new Uint8Array(this.x.length * L)
    const active = Int32Array.from(subset)
    let size = active.length
    let pgMaxOld = Infinity
    let pgMinOld = -Infinity
    let pass = 0
    let anyShrunk = false
    const w = this.w
    for (; pass < maxPasses; pass++) {
      for (let i = size - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1))
        const t = active[i]
        active[i] = active[j]
        active[j] = t
      }
      let pgMax = -Infinity
      let pgMin = Infinity
      for (let a = 0; a < size; a++) {
        const i = active[a]
        const v = this.x[i]
        const base = i * L
        let nl = 0
        for (let c = 0; c < L; c++) if (shrunk[base + c] === 0) live[nl++] = c
        const r = this.r
        if (r) {
          for (let j = 0; j < nl; j++) {
            s[live[j]] = this.bias[live[j]]
            q[live[j]] = 1
          }
          for (let k = 0; k < v.n; k++) {
            const row = v.ids[k] * L
            const xv = v.vals[k]
            for (let j = 0; j < nl; j++) {
              const xr = r[row + live[j]] * xv
              s[live[j]] += w[row + live[j]] * xr
              q[live[j]] += xr * xr
            }
          }
        } else if (nl === L) linearScores(this, v, s, L)
        else {
          for (let j = 0; j < nl; j++) s[live[j]] = this.bias[live[j]]
          for (let k = 0; k < v.n; k++) {
            const row = v.ids[k] * L
            const xv = v.vals[k]
            for (let j = 0; j < nl; j++) s[live[j]] += w[row + live[j]] * xv
          }
        }
        const yi = this.y[i]
        const dii = 0.5 / this.cLabel[yi]
        let qii = 1
        if (!r) for (let k = 0; k < v.n; k++) qii += v.vals[k] * v.vals[k]
        let m = 0
        let left = 0
        for (let j = 0; j < nl; j++) {
          const c = live[j]
          const sign = c === yi ? 1 : -1
          const old = this.alpha[base + c]
          const g = sign * s[c] - 1 + dii * old
          let pg = g
          if (old === 0) {
            if (g > pgMaxOld) {
              shrunk[base + c] = 1 // at its bound and well inside: left out until the final check
              anyShrunk = true
              continue
            }
            if (g > 0) pg = 0
          }
          left++
          if (pg > pgMax) pgMax = pg
          if (pg < pgMin) pgMin = pg
          if (Math.abs(pg) < 1e-12) continue
          const next = Math.max(0, old - g / ((r ? q[c] : qii) + dii))
          this.alpha[base + c] = next
          const delta = (next - old) * sign
          if (delta !== 0) {
            d[m] = delta
            touched[m++] = c
          }
        }
        if (m > 0) {
          for (let k = 0; k < v.n; k++) {
            const row = v.ids[k] * L
            const xv = v.vals[k]
            if (r) for (let j = 0; j < m; j++) w[row + touched[j]] += d[j] * xv * r[row + touched[j]]
            else for (let j = 0; j < m; j++) w[row + touched[j]] += d[j] * xv
          }
          for (let j = 0; j < m; j++) this.bias[touched[j]] += d[j]
        }
        if (left === 0) {
          active[a--] = active[--size]
          active[size] = i
        }
      }
      if (pgMax === -Infinity) pgMax = 0
      if (pgMin === Infinity) pgMin = 0
      if (pgMax - pgMin <= eps) {
        if (!anyShrunk) break
        // Converged on what is left: everything once more, nothing shrunk (liblinear's final check).
        size = active.length
        shrunk.fill(0)
        anyShrunk = false
        pgMaxOld = Infinity
        pgMinOld = -Infinity
        continue
      }
      pgMaxOld = pgMax <= 0 ? Infinity : pgMax
      pgMinOld = pgMin >= 0 ? -Infinity : pgMin
    }
    void pgMinOld
    this.passes += pass
    return pass
  }
}

/**
 * NBSVM's log-count ratios (Wang & Manning 2012), one-vs-rest: for feature f and label c, log of (f's share of
 * label c's feature mass) over (its share of the other labels'), both smoothed by `smooth`, from the examples
 * `subset` only. Scaling x by them before the SVM lets the SVM start from naive Bayes' view of each word.
 */
export function nbRatios(x: readonly Vec[], y: Int32Array, subset: ArrayLike<number>, labels: number, features: number, smooth = 1, power = 1): Float32Array {
  const p = new Float64Array(features * labels)
  const tot = new Float64Array(features)
  const mass = new Float64Array(labels)
  let all = 0
  for (let a = 0; a < subset.length; a++) {
    const i = subset[a]
    const v = x[i]
    const c = y[i]
    for (let k = 0; k < v.n; k++) {
      const val = v.vals[k] > 0 ? 1 : 0
      p[v.ids[k] * labels + c] += val
      tot[v.ids[k]] += val
      mass[c] += val
      all += val
    }
  }
  const r = new Float32Array(features * labels)
  for (let f = 0; f < features; f++)
    for (let c = 0; c < labels; c++) {
      const pc = (p[f * labels + c] + smooth) / (mass[c] + smooth * features)
      const qc = (tot[f] - p[f * labels + c] + smooth) / (all - mass[c] + smooth * features)
      r[f * labels + c] = Math.pow(Math.abs(Math.log(pc / qc)), power)
    }
  return r
}

/**
 * C from `grid` by 3-fold stratified cross-validation inside the given examples only: the C with the best accuracy +
 * macro-F1 on the folds' held-out parts. Each fold warm-starts from the previous (smaller) C. Also returns the
 * out-of-fold scores at that C, on which the temperature is fitted.
 */
export function tuneC(x: readonly Vec[], y: Int32Array, labels: number, features: number, balance: Float64Array, grid: readonly number[], rng: () => number, folds = 3, nb = 0) {
  const n = y.length
  const fold = new Int32Array(n)
  const byLabel: number[][] = Array.from({ length: labels }, () => [])
  y.forEach((c, i) => byLabel[c].push(i))
  let next = 0
  for (const idx of byLabel) {
    shuffle(idx, rng)
    for (const i of idx) fold[i] = next++ % folds
  }
  const sorted = [...grid].sort((a, b) => a - b)
  const oof = sorted.map(() => new Array<Float64Array>(n))
  for (let k = 0; k < folds; k++) {
    const train: number[] = []
    const test: number[] = []
    for (let i = 0; i < n; i++) (fold[i] === k ? test : train).push(i)
    const trainY = new Int32Array(n)
    trainY.set(y)
    // Balance from the inner training part only.
    const counts = new Array<number>(labels).fill(0)
    for (const i of train) counts[y[i]]++
    const present = counts.filter((c) => c > 0).length
    const innerBalance = Float64Array.from(counts, (c, j) => (c > 0 ? train.length / (present * c) : balance[j]))
    const cLabel = new Float64Array(labels)
    const subset = Int32Array.from(train)
    const solver = new OvrSolver(x, trainY, labels, features, cLabel, nb ? nbRatios(x, y, subset, labels, features, 1, nb) : null)
    sorted.forEach((c, g) => {
      for (let j = 0; j < labels; j++) cLabel[j] = innerBalance[j] * c
      trainProfile[`tune_passes_c${c}`] = (trainProfile[`tune_passes_c${c}`] ?? 0) + solver.solve(subset, rng, EPS, TUNE_PASSES)
      for (const i of test) oof[g][i] = solver.scores(x[i])
    })
  }
  let best = 0
  let bestScore = -Infinity
  sorted.forEach((_, g) => {
    const score = accuracyPlusMacroF1(oof[g], y, labels)
    if (score > bestScore + 1e-9) {
      bestScore = score
      best = g
    }
  })
  return { c: sorted[best], scores: oof[best].map((scores, i) => ({ scores, label: y[i] })) }
}

function accuracyPlusMacroF1(scores: Float64Array[], y: Int32Array, labels: number): number {
  const tp = new Float64Array(labels)
  const predicted = new Float64Array(labels)
  const support = new Float64Array(labels)
  let right = 0
  scores.forEach((s, i) => {
    let top = 0
    for (let c = 1; c < labels; c++) if (s[c] > s[top]) top = c
    predicted[top]++
    support[y[i]]++
    if (top === y[i]) {
      right++
      tp[top]++
    }
  })
  let f1 = 0
  let present = 0
  for (let c = 0; c < labels; c++) {
    if (support[c] === 0) continue
    present++
    if (tp[c] > 0) f1 += (2 * tp[c]) / (predicted[c] + support[c])
  }
  return right / scores.length + f1 / Math.max(1, present)
}

/** A random tenth of the examples (at most 2,000), and the rest. */
function holdOut(total: number, rng: () => number): { held: Int32Array; rest: Int32Array } {
  const order = Array.from({ length: total }, (_, i) => i)
  shuffle(order, rng)
  const k = Math.min(2000, Math.floor(total / 10))
  return { held: Int32Array.from(order.slice(0, k)), rest: Int32Array.from(order.slice(k)) }
}

function shuffle(a: number[], rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
}

// The one training path, used by the app (from the store), by `tanggap eval-routing` (from a labelled file) and by
// the benchmark, so that what is measured is what runs: text -> words -> features -> counts, then a temperature
// fitted by leave-one-out on a sample of the examples.
import { DEFAULT_WEIGHTS, FeatureBuffer, extractFeatures, type FeatureWeights, type Features } from './features.ts'
import { NaiveBayes, fitTemperature } from './model.ts'
import { DenseCounts } from './dense.ts'
import { CHAR_WORK_MAX, LinearLayer, TUNE_MAX, trainProfile, type LinearExample, type LinearTrainOptions } from './linear.ts'
import { readWords, type PlaceMatcher } from './normalize.ts'

export type TrainOptions = {
  alpha?: number
  lengthPower?: number
  weights?: FeatureWeights
  places?: PlaceMatcher
  /** How many examples the temperature is fitted on (a uniform sample of all of them). */
  calibration?: number
  seed?: number
  /** Train the linear layer beside the counts (linear.ts); false gives the naive Bayes model alone. */
  linear?: boolean
  /** The Cs the linear layer's inner cross-validation chooses from (default: linear.ts C_GRID, or DEFAULT_C alone for large histories). */
  linearGrid?: readonly number[]
  /** Length of each feature block (words, word pieces) in the linear layer's vectors (linear.ts). */
  blockScale?: number[]
  /** NBSVM: features scaled by |naive Bayes log-count ratio|^nb in each label's problem (0: plain SVM). */
  nb?: number
  minDf?: number
}

export const DEFAULT_ALPHA = 0.5

/** A complaint as the model reads it: its text and optional extra tokens (the LAPOR! category). */
export type Reading = { text: string; extras?: readonly string[] }

export function featurize(r: Reading, buf: FeatureBuffer, opts: Pick<TrainOptions, 'weights' | 'places'> & { chars?: boolean } = {}): string[] {
  const { words, all } = readWords(r.text, opts.places)
  extractFeatures(words, buf, opts.weights ?? DEFAULT_WEIGHTS, r.extras, opts.chars ?? true, all)
  return words
}

type Kept = Features & { label: string; weight: number }

/** Streams examples into a fresh model; `finish` calibrates it. */
export class Trainer {
  private readonly model: NaiveBayes
  private readonly counts = new DenseCounts()
  private readonly buf = new FeatureBuffer()
  private readonly sample: Kept[] = []
  private readonly size: number
  private seen = 0
  private rng: Rng
  // Every example's features, for the linear layer: one flat array of hashes and weights, with offsets.
  private allHashes = new Uint32Array(1 << 16)
  private allWeights = new Float32Array(1 << 16)
  private allKinds = new Uint8Array(1 << 16)
  private used = 0
  private starts: number[] = []
  private exampleLabels: string[] = []
  private layerWork = 0
  private charsRead = true
  /** About how many examples will be added (expect), and the features kept per example since the character n-grams
   *  stopped being read: together they size the feature arrays for the whole history. */
  private expected = 0
  private plainKept = 0
  private plainFeatures = 0

  constructor(private readonly opts: TrainOptions = {}) {
    this.model = new NaiveBayes(opts.alpha ?? DEFAULT_ALPHA)
    if (opts.lengthPower !== undefined) this.model.lengthPower = opts.lengthPower
    this.size = opts.calibration ?? 1000
    this.rng = mulberry32(opts.seed ?? 1)
  }

  add(r: Reading, label: string, weight = 1): void {
    // The linear layer leaves the character n-grams out of a history above TUNE_MAX or above CHAR_WORK_MAX
    // (linear.ts); once either is passed they are not even read (both only grow).
    this.charsRead &&= this.starts.length < TUNE_MAX && this.layerWork * Math.max(1, this.counts.labels.length) <= CHAR_WORK_MAX
    featurize(r, this.buf, { ...this.opts, chars: this.charsRead })
    this.layerWork += this.buf.layer!.size
    this.counts.add(this.buf, label, weight)
    // A correction (weight 2) is shown to the linear layer twice, as it counts double in the counts.
    if (this.opts.linear !== false) for (let k = 0; k < Math.max(1, Math.round(weight)); k++) this.keep(label)
    // Reservoir sample (Vitter's algorithm R) for the calibration.
    this.seen++
    const at = this.seen <= this.size ? this.sample.length : Math.floor(this.rng() * this.seen)
    if (at < this.size) {
      this.sample[at] = {
        hashes: this.buf.hashes.slice(0, this.buf.size),
        weights: this.buf.weights.slice(0, this.buf.size),
        size: this.buf.size,
        label,
        weight,
      }
    }
  }

  /**
   * About how many examples `add` will see (the store's count of complaints). Once the character n-grams are no
   * longer read (TUNE_MAX), the linear layer's feature arrays grow once to what the rest of the history needs, where
   * doubling them as they filled copied up to 134 MB at a time on the app's thread, and the allocations set off full
   * garbage collections: one step of reading 386 ms on 1,000,000 complaints (docs/reliability.md "A compaction from
   * the model's own arrays").
   */
  expect(examples: number): void {
    this.expected = examples
  }

  private nextCapacity(): number {
    const now = this.allHashes.length
    const left = this.expected - this.starts.length
    if (this.plainKept < 1000 || left <= 0) return now * 2
    return Math.max(Math.ceil(now * 1.5), Math.ceil(this.used + (this.plainFeatures / this.plainKept) * left * 1.1))
  }

  private keep(label: string): void {
    const f = this.buf.layer!
    const n = f.size
    if (!this.charsRead) {
      this.plainKept++
      this.plainFeatures += n
    }
    if (this.used + n > this.allHashes.length) {
      const cap = Math.max(this.nextCapacity(), this.used + n)
      const h = new Uint32Array(cap)
      h.set(this.allHashes.subarray(0, this.used))
      const w = new Float32Array(cap)
      w.set(this.allWeights.subarray(0, this.used))
      const k = new Uint8Array(cap)
      k.set(this.allKinds.subarray(0, this.used))
      this.allHashes = h
      this.allWeights = w
      this.allKinds = k
    }
    this.allHashes.set(f.hashes.subarray(0, n), this.used)
    this.allWeights.set(f.weights.subarray(0, n), this.used)
    this.allKinds.set(f.kind.subarray(0, n), this.used)
    this.starts.push(this.used)
    this.used += n
    this.exampleLabels.push(label)
  }

  finish(): NaiveBayes {
    const job = this.finishCounts()
    if (job) this.model.linear = LinearLayer.train(linearExamples(job), job.labelCount, this.rng, job.opts)
    return this.model
  }

  /**
   * The first half of `finish`: the counts and their calibration, here; then what the linear layer learns from, as
   * plain arrays a worker thread can take (routing/linear-worker.ts: seconds of solver work off the app's thread),
   * with the random generator's state, so that the layer comes out as `finish` would make it. Null: no layer.
   * Finish with `finishWith`.
   */
  finishCounts(): LinearJob | null {
    const steps = this.finishCountsInSteps()
    for (;;) {
      const r = steps.next()
      if (r.done) return r.value
    }
  }

  /** `finishCounts` in pieces: yields between them (the upkeep of a running app takes a few per slice); the result is
   *  the same. The profile's CPU times then include whatever ran between the pieces. */
  *finishCountsInSteps(): Generator<void, LinearJob | null> {
    let t = process.cpuUsage().user
    yield* this.counts.intoInSteps(this.model)
    trainProfile.counts = Math.round((process.cpuUsage().user - t) / 1000)
    t = process.cpuUsage().user
    this.model.temperature = yield* calibrateInSteps(this.model, this.sample)
    trainProfile.nb_temperature = Math.round((process.cpuUsage().user - t) / 1000)
    if (this.opts.linear === false || this.model.labels.length < 2) return null
    // Per example, in pieces too: Int32Array.from over a million took 198 ms.
    const labelIndex = new Map(this.model.labels.map((l, i) => [l, i]))
    const n = this.starts.length
    const starts = new Int32Array(n)
    const labels = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      starts[i] = this.starts[i]
      labels[i] = labelIndex.get(this.exampleLabels[i])!
      if ((i & 0xffff) === 0xffff) yield
    }
    return {
      hashes: this.allHashes.subarray(0, this.used),
      weights: this.allWeights.subarray(0, this.used),
      kinds: this.allKinds.subarray(0, this.used),
      starts,
      labels,
      labelCount: this.model.labels.length,
      rngState: this.rng.state(),
      opts: { grid: this.opts.linearGrid, blockScale: this.opts.blockScale, nb: this.opts.nb, minDf: this.opts.minDf, chars: this.charsRead },
    }
  }

  /** The model, with the layer trained from `finishCounts`' job (null: none). */
  finishWith(layer: LinearLayer | null): NaiveBayes {
    if (layer) this.model.linear = layer
    return this.model
  }
}

/** What the linear layer is trained from (Trainer.finishCounts), in arrays that cross to a worker thread. */
export type LinearJob = {
  hashes: Uint32Array
  weights: Float32Array
  kinds: Uint8Array
  /** Where each example's features start in the arrays above. */
  starts: Int32Array
  labels: Int32Array
  labelCount: number
  rngState: number
  opts: LinearTrainOptions
}

export function linearExamples(job: LinearJob): LinearExample[] {
  const n = job.starts.length
  return Array.from(job.starts, (from, i) => {
    const end = i + 1 < n ? job.starts[i + 1] : job.hashes.length
    return { hashes: job.hashes.subarray(from, end), weights: job.weights.subarray(from, end), kinds: job.kinds.subarray(from, end), size: end - from, label: job.labels[i] }
  })
}

/** The linear layer of a job, trained on the calling thread (what the worker does). */
export function trainLinear(job: LinearJob): LinearLayer {
  return LinearLayer.train(linearExamples(job), job.labelCount, mulberry32(job.rngState), job.opts)
}

/** The temperature that fits the sample's scores; pauses every 100 of them (see finishCountsInSteps). */
function* calibrateInSteps(model: NaiveBayes, sample: Kept[]): Generator<void, number> {
  const scored: { scores: ReturnType<NaiveBayes['scores']>; label: number }[] = []
  for (const k of sample) {
    scored.push({ scores: model.scores(k, { label: k.label, weight: k.weight }), label: model.labels.indexOf(k.label) })
    if (scored.length % 100 === 0) yield
  }
  return fitTemperature(scored)
}

export function train(examples: Iterable<{ text: string; label: string; weight?: number; extras?: readonly string[] }>, opts: TrainOptions = {}): NaiveBayes {
  const t = new Trainer(opts)
  for (const e of examples) t.add(e, e.label, e.weight ?? 1)
  return t.finish()
}

/** A small seeded generator (mulberry32): folds and samples must be the same on every run for a seed. */
/** A seeded generator; `state()` is what `mulberry32(state)` continues from exactly (a worker thread goes on with
 *  the same sequence). */
export type Rng = (() => number) & { state(): number }

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Object.assign(next, { state: () => a })
}

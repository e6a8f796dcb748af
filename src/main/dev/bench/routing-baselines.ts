// Textbook baselines for the routing model, measured by `tanggap eval-routing --baseline …` on the same stratified
// folds and seed as the model itself (they plug into evaluate.ts as a Method). Written the way a careful
// scikit-learn user would set them up, since no Python toolkit is available here:
// - tfidf: TfidfVectorizer(word 1–2-grams, or 1–3) + TfidfVectorizer(char_wb 2–5-grams), sublinear tf, smooth idf,
//   each block L2-normalised, concatenated (FeatureUnion);
// - svm: LinearSVC (one-vs-rest, squared hinge, L2, intercept), class_weight='balanced', solved by dual coordinate
//   descent as liblinear does (Hsieh et al. 2008); its scores become probabilities by a softmax whose temperature is
//   fitted on the training fold, so that its calibration can be reported beside the others';
// - logreg: multinomial LogisticRegression, class_weight='balanced', L2, trained by AdaGrad;
// - nb: MultinomialNB on word 1–2-gram counts, alpha 1, class priors from the training set.
// Not used by the app; a measuring stick only.
import type { Labelled, Method } from '#main/routing/evaluate.ts'
import { fitTemperature, softmax } from '#main/routing/model.ts'
import { mulberry32 } from '#main/routing/train.ts'

export type BaselineName = 'svm' | 'logreg' | 'nb'
export type BaselineOptions = { c?: number; wordMax?: 2 | 3; epochs?: number; seed?: number }

type Sparse = { ids: Int32Array; vals: Float64Array }

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []
}

function wordGrams(ws: string[], max: number): string[] {
  const out: string[] = []
  for (let n = 1; n <= max; n++) for (let i = 0; i + n <= ws.length; i++) out.push(`w${n}:${ws.slice(i, i + n).join(' ')}`)
  return out
}

function charGrams(ws: string[]): string[] {
  const out: string[] = []
  for (const w of ws) {
    const p = ` ${w} `
    for (let n = 2; n <= 5; n++) for (let i = 0; i + n <= p.length; i++) out.push(`c:${p.slice(i, i + n)}`)
  }
  return out
}

type Block = (ws: string[]) => string[]

/** A fitted vectoriser: a vocabulary and idf per block; `transform` gives an L2-normalised row per block, joined. */
export class Tfidf {
  private vocab = new Map<string, number>()
  private idf: number[] = []
  private blockOf: number[] = []
  constructor(
    private readonly blocks: Block[],
    private readonly sublinear: boolean,
    private readonly useIdf: boolean,
  ) {}

  fit(texts: string[]): this {
    const df: number[] = []
    for (const t of texts) {
      const ws = words(t)
      const seen = new Set<number>()
      this.blocks.forEach((b, k) => {
        for (const g of b(ws)) {
          let id = this.vocab.get(g)
          if (id === undefined) {
            id = this.vocab.size
            this.vocab.set(g, id)
            df.push(0)
            this.blockOf.push(k)
          }
          if (!seen.has(id)) {
            seen.add(id)
            df[id]++
          }
        }
      })
    }
    const n = texts.length
    this.idf = df.map((d) => (this.useIdf ? Math.log((1 + n) / (1 + d)) + 1 : 1))
    return this
  }

  get size(): number {
    return this.vocab.size
  }

  transform(text: string, normalise = true): Sparse {
    const ws = words(text)
    const tf = new Map<number, number>()
    for (const b of this.blocks) for (const g of b(ws)) {
      const id = this.vocab.get(g)
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1)
    }
    const ids = Int32Array.from(tf.keys())
    const vals = Float64Array.from(ids, (id) => (this.sublinear ? 1 + Math.log(tf.get(id)!) : tf.get(id)!) * this.idf[id])
    if (normalise) {
      const norms = this.blocks.map(() => 0)
      ids.forEach((id, i) => (norms[this.blockOf[id]] += vals[i] * vals[i]))
      const scale = 1 / Math.sqrt(this.blocks.length)
      ids.forEach((id, i) => {
        const nrm = Math.sqrt(norms[this.blockOf[id]])
        vals[i] = nrm > 0 ? (vals[i] / nrm) * scale : 0
      })
    }
    return { ids, vals }
  }
}

function labelsOf(train: Labelled[]): { labels: string[]; y: Int32Array; weight: Float64Array } {
  const labels = [...new Set(train.map((e) => e.label))].sort()
  const index = new Map(labels.map((l, i) => [l, i]))
  const y = Int32Array.from(train, (e) => index.get(e.label)!)
  const count = labels.map(() => 0)
  for (const c of y) count[c]++
  // class_weight='balanced': n / (L * n_c)
  const weight = Float64Array.from(y, (c) => train.length / (labels.length * count[c]))
  return { labels, y, weight }
}

function ranker(labels: string[], scores: (x: Sparse) => Float64Array, vec: Tfidf, temperature: number) {
  return (text: string) => {
    const p = softmax(scores(vec.transform(text)), temperature)
    const best = [...p.keys()].sort((a, b) => p[b] - p[a]).slice(0, 3)
    return { labels: best.map((i) => labels[i]), confidence: best.length ? p[best[0]] : null }
  }
}

function linearScores(W: Float64Array[], bias: Float64Array): (x: Sparse) => Float64Array {
  return (x) => {
    const out = Float64Array.from(bias)
    for (let c = 0; c < W.length; c++) {
      const w = W[c]
      let s = 0
      for (let i = 0; i < x.ids.length; i++) s += w[x.ids[i]] * x.vals[i]
      out[c] += s
    }
    return out
  }
}

export const tfidfBlocks = (wordMax: number): Block[] => [(ws) => wordGrams(ws, wordMax), charGrams]

/** LinearSVC, one-vs-rest, squared hinge, dual coordinate descent with a bias feature of 1. */
export function svmMethod(opts: BaselineOptions = {}): Method {
  const C = opts.c ?? 0.5
  return (train) => {
    const vec = new Tfidf(tfidfBlocks(opts.wordMax ?? 2), true, true).fit(train.map((e) => e.text))
    const X = train.map((e) => vec.transform(e.text))
    const { labels, y, weight } = labelsOf(train)
    const D = vec.size
    const n = X.length
    const qii = X.map((x) => x.vals.reduce((a, v) => a + v * v, 0) + 1)
    const rng = mulberry32(opts.seed ?? 1)
    const order = Int32Array.from({ length: n }, (_, i) => i)
    const W: Float64Array[] = []
    const bias = new Float64Array(labels.length)
    for (let c = 0; c < labels.length; c++) {
      const w = new Float64Array(D)
      let b = 0
      const alpha = new Float64Array(n)
      for (let epoch = 0; epoch < (opts.epochs ?? 60); epoch++) {
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(rng() * (i + 1))
          ;[order[i], order[j]] = [order[j], order[i]]
        }
        let maxPG = -Infinity
        let minPG = Infinity
        for (const i of order) {
          const x = X[i]
          const yi = y[i] === c ? 1 : -1
          const dii = 1 / (2 * C * weight[i])
          let dot = b
          for (let k = 0; k < x.ids.length; k++) dot += w[x.ids[k]] * x.vals[k]
          const G = yi * dot - 1 + dii * alpha[i]
          const PG = alpha[i] === 0 ? Math.min(G, 0) : G
          maxPG = Math.max(maxPG, PG)
          minPG = Math.min(minPG, PG)
          if (Math.abs(PG) < 1e-12) continue
          const old = alpha[i]
          alpha[i] = Math.max(0, old - G / (qii[i] + dii))
          const d = (alpha[i] - old) * yi
          for (let k = 0; k < x.ids.length; k++) w[x.ids[k]] += d * x.vals[k]
          b += d
        }
        if (maxPG - minPG < 0.1) break // liblinear's stopping rule for the dual (eps 0.1)
      }
      W.push(w)
      bias[c] = b
    }
    const scores = linearScores(W, bias)
    const T = fitTemperature(X.map((x, i) => ({ scores: scores(x), label: y[i] })))
    return ranker(labels, scores, vec, T)
  }
}

/** Multinomial logistic regression, class-balanced, L2 (1 / C per example), AdaGrad. */
export function logregMethod(opts: BaselineOptions = {}): Method {
  const C = opts.c ?? 10
  return (train) => {
    const vec = new Tfidf(tfidfBlocks(opts.wordMax ?? 2), true, true).fit(train.map((e) => e.text))
    const X = train.map((e) => vec.transform(e.text))
    const { labels, y, weight } = labelsOf(train)
    const L = labels.length
    const D = vec.size
    const n = X.length
    const W = labels.map(() => new Float64Array(D))
    const G2 = labels.map(() => new Float64Array(D).fill(1e-8))
    const bias = new Float64Array(L)
    const bG2 = new Float64Array(L).fill(1e-8)
    const lambda = 1 / (C * n)
    const eta = 0.5
    const scores = linearScores(W, bias)
    const rng = mulberry32(opts.seed ?? 1)
    const order = Int32Array.from({ length: n }, (_, i) => i)
    for (let epoch = 0; epoch < (opts.epochs ?? 15); epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1))
        ;[order[i], order[j]] = [order[j], order[i]]
      }
      for (const i of order) {
        const x = X[i]
        const p = softmax(scores(x))
        for (let c = 0; c < L; c++) {
          const g = weight[i] * (p[c] - (y[i] === c ? 1 : 0))
          const w = W[c]
          const acc = G2[c]
          for (let k = 0; k < x.ids.length; k++) {
            const f = x.ids[k]
            // L2 (1/(2C))·|w|², its per-example share applied to the weights this example touches (the usual sparse shortcut).
            const grad = g * x.vals[k] + lambda * w[f]
            acc[f] += grad * grad
            w[f] -= (eta * grad) / Math.sqrt(acc[f])
          }
          bG2[c] += g * g
          bias[c] -= (eta * g) / Math.sqrt(bG2[c])
        }
      }
    }
    return ranker(labels, scores, vec, 1)
  }
}

/** MultinomialNB on word 1–2-gram counts (no idf, no normalisation), alpha 1, fitted priors. */
export function nbMethod(opts: { alpha?: number } = {}): Method {
  const alpha = opts.alpha ?? 1
  return (train) => {
    const vec = new Tfidf([(ws) => wordGrams(ws, 2)], false, false).fit(train.map((e) => e.text))
    const { labels, y } = labelsOf(train)
    const L = labels.length
    const D = vec.size
    const counts = labels.map(() => new Float64Array(D))
    const totals = new Float64Array(L)
    const docs = new Float64Array(L)
    train.forEach((e, i) => {
      const x = vec.transform(e.text, false)
      docs[y[i]]++
      x.ids.forEach((f, k) => {
        counts[y[i]][f] += x.vals[k]
        totals[y[i]] += x.vals[k]
      })
    })
    const logp = counts.map((row, c) => Float64Array.from(row, (v) => Math.log((v + alpha) / (totals[c] + alpha * D))))
    const prior = Float64Array.from(docs, (d) => Math.log(d / train.length))
    const scores = (x: Sparse) => {
      const out = Float64Array.from(prior)
      for (let c = 0; c < L; c++) for (let k = 0; k < x.ids.length; k++) out[c] += x.vals[k] * logp[c][x.ids[k]]
      return out
    }
    return (text) => {
      const p = softmax(scores(vec.transform(text, false)))
      const best = [...p.keys()].sort((a, b) => p[b] - p[a]).slice(0, 3)
      return { labels: best.map((i) => labels[i]), confidence: best.length ? p[best[0]] : null }
    }
  }
}

export function baselineMethod(name: BaselineName, opts: BaselineOptions = {}): Method {
  return name === 'svm' ? svmMethod(opts) : name === 'logreg' ? logregMethod(opts) : nbMethod()
}

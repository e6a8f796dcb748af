// Measuring the classifier on any labelled texts (`tanggap eval-routing`): stratified K-fold cross-validation, or
// training on one file and testing on another, with the same training code the app uses. Works for any label set
// (OPD keys, unit names, category names) and any size.
import { performance } from 'node:perf_hooks'
import { FeatureBuffer } from './features.ts'
import { Trainer, featurize, mulberry32, type TrainOptions } from './train.ts'
import type { NaiveBayes } from './model.ts'
import { normalizeTokens } from './normalize.ts'
import { resolveRules, ruleHits, ruleProbabilities, type RuleSet } from './rules.ts'
import { blend, modelShare, rankGroups, rulesFit } from './blend.ts'
import { kabupatenSeed } from '#main/reference/kabupaten.ts'
import { readJson } from '#main/resources.ts'

export type Labelled = { text: string; label: string }

export type LabelScore = { precision: number; recall: number; f1: number; support: number }

export type EvalResult = {
  n: number
  labels: string[]
  accuracy: number
  macro_f1: number
  top3_accuracy: number
  /**
   * Calibration of the top suggestion's confidence: expected calibration error over 10 equal-width bins (the
   * support-weighted gap between mean confidence and accuracy) and the bins themselves; null when the method gives
   * no confidence (the keyword rules' ranks).
   */
  ece: number | null
  reliability: ReliabilityBin[] | null
  /**
   * The misrouted queue simulated on the test texts: a tenth of them (seeded) are given to a wrong label, as if
   * misrouted; a text is flagged when the top suggestion disagrees with the label it holds with at least the
   * threshold's confidence. Precision: flagged texts that were really misrouted. Null without confidences.
   */
  misroute: MisrouteScore[] | null
  /**
   * The queue's threshold chosen from the calibration (`queueThreshold`: top suggestion right ≥ 90 % at and above
   * it, on these held-out predictions) and the simulated queue's precision and recall there.
   */
  queue: (MisrouteScore & { right_at_or_above: number }) | null
  per_label: Record<string, LabelScore>
  /** Mean time to train one model (one fold, or the one training file). */
  train_ms: number
  predict_ms_per_item: number
}

export type MisrouteScore = { threshold: number; misrouted: number; flagged: number; precision: number; recall: number }

export type ReliabilityBin = { from: number; to: number; n: number; confidence: number; accuracy: number }

/** The labels for one text, best first (the three best are what the app shows), and how sure the first one is. */
export type Guess = { labels: string[]; confidence: number | null }

/** Ranks labels for one text. */
export type Ranker = (text: string) => Guess

/** A method under evaluation: learns from training texts, returns how to rank labels for a new one. */
export type Method = (train: Labelled[]) => Ranker

export function modelMethod(opts: TrainOptions = {}): Method {
  return (train) => {
    const t = new Trainer(opts)
    for (const e of train) t.add(e, e.label)
    return modelRanker(t.finish(), opts)
  }
}

export function modelRanker(model: NaiveBayes, opts: TrainOptions = {}): Ranker {
  const buf = new FeatureBuffer()
  return (text) => {
    featurize({ text }, buf, opts)
    const p = model.probabilities(buf)
    const best = [...p.keys()].sort((a, b) => p[b] - p[a]).slice(0, 3)
    return { labels: best.map((i) => model.labels[i]), confidence: best.length ? p[best[0]] : null }
  }
}

/** The keyword rules of a seed kabupaten, resolved against its unit tree (resources/seed/units-*.json). */
export function seedRules(kabupaten: string): RuleSet {
  const tree = readJson<{ opd: { key: string; bidang?: [string, string][] }[] }>('seed', kabupatenSeed(kabupaten).units)
  const paths = new Set(tree.opd.flatMap((o) => [o.key, ...(o.bidang ?? []).map(([b]) => `${o.key}/${b}`)]))
  return resolveRules((p) => paths.has(p))
}

function modelDistribution(model: NaiveBayes, buf: FeatureBuffer): Map<string, number> {
  const p = model.probabilities(buf)
  return new Map(model.labels.map((l, i) => [l, p[i]]))
}

/** The rules alone, as a kabupaten with no history gets them; ranks OPD keys, so gold labels must be OPD keys. */
export function rulesMethod(rules: RuleSet): Method {
  return () => (text) => {
    const p = ruleProbabilities(ruleHits(rules, normalizeTokens(text)))
    return { labels: rankGroups(p).map((r) => r.group), confidence: null }
  }
}

/** What the app does: the model learnt from the training texts blended with the rules by history size. */
export function blendMethod(rules: RuleSet, opts: TrainOptions = {}): Method {
  return (train) => {
    const t = new Trainer(opts)
    for (const e of train) t.add(e, e.label)
    const model = t.finish()
    const buf = new FeatureBuffer()
    const fit = rulesFit(model.labels, rules.labels)
    return (text) => {
      const words = featurize({ text }, buf, opts)
      const share = 1 - (1 - modelShare(model.examples, model.coverage(buf))) * fit
      const p = blend(modelDistribution(model, buf), ruleProbabilities(ruleHits(rules, words)), share)
      const ranked = rankGroups(p)
      return { labels: ranked.map((r) => r.group), confidence: ranked[0]?.confidence ?? null }
    }
  }
}

/** Fold of each example: within each label, shuffled and dealt round-robin, so every fold has its share. */
export function stratifiedFolds(labels: readonly string[], folds: number, seed: number): number[] {
  const rng = mulberry32(seed)
  const byLabel = new Map<string, number[]>()
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]))
  const fold = new Array<number>(labels.length)
  let next = 0
  for (const l of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(l)!
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1))
      ;[idx[i], idx[j]] = [idx[j], idx[i]]
    }
    // Continue dealing where the previous label stopped, so small labels do not all land in fold 0.
    for (const i of idx) fold[i] = next++ % folds
  }
  return fold
}

type Tally = { gold: string[]; ranked: Guess[]; trainMs: number[]; predictMs: number }

const BINS = 10
const MISROUTED_SHARE = 0.1
export const MISROUTE_THRESHOLDS = [0.5, 0.7, 0.9]

/** The share of top suggestions that must be right at and above the misrouted queue's threshold. */
export const QUEUE_RIGHT_SHARE = 0.9

/**
 * The threshold for the misrouted queue read off the held-out predictions' calibration: the lowest confidence
 * (0.50, 0.55 … 0.95) at and above which the top suggestion is right at least QUEUE_RIGHT_SHARE of the time (at
 * least 20 predictions there); null if none is.
 */
export function queueThreshold(gold: readonly string[], guesses: readonly Guess[]): { threshold: number; right: number; n: number } | null {
  if (guesses.length === 0 || guesses.some((g) => g.confidence === null)) return null
  for (let k = 10; k < 20; k++) {
    const t = k / 20
    let n = 0
    let right = 0
    guesses.forEach((g, i) => {
      if (g.confidence! < t) return
      n++
      if (g.labels[0] === gold[i]) right++
    })
    if (n >= 20 && right / n >= QUEUE_RIGHT_SHARE) return { threshold: t, right: round(right / n), n }
  }
  return null
}

export function misrouteScores(gold: readonly string[], guesses: readonly Guess[], labels: readonly string[], seed: number, thresholds: readonly number[] = MISROUTE_THRESHOLDS): MisrouteScore[] | null {
  if (labels.length < 2 || guesses.some((g) => g.confidence === null)) return null
  const rng = mulberry32(seed ^ 0x5eed)
  const held = gold.map((g) => {
    if (rng() >= MISROUTED_SHARE) return { label: g, isWrong: false }
    const others = labels.filter((l) => l !== g)
    return { label: others[Math.floor(rng() * others.length)], isWrong: true }
  })
  const misrouted = held.filter((h) => h.isWrong).length
  return thresholds.map((threshold) => {
    let flagged = 0
    let right = 0
    guesses.forEach((g, i) => {
      if (g.confidence! < threshold || g.labels[0] === held[i].label) return
      flagged++
      if (held[i].isWrong) right++
    })
    return { threshold, misrouted, flagged, precision: flagged ? round(right / flagged) : 0, recall: misrouted ? round(right / misrouted) : 0 }
  })
}

/** Reliability bins and expected calibration error of the first guesses (null if any guess has no confidence). */
export function calibration(gold: readonly string[], guesses: readonly Guess[]): { ece: number; reliability: ReliabilityBin[] } | null {
  if (guesses.length === 0 || guesses.some((g) => g.confidence === null)) return null
  const bins = Array.from({ length: BINS }, (_, i) => ({ from: i / BINS, to: (i + 1) / BINS, n: 0, conf: 0, right: 0 }))
  guesses.forEach((g, i) => {
    const c = g.confidence!
    const b = bins[Math.min(BINS - 1, Math.floor(c * BINS))]
    b.n++
    b.conf += c
    if (g.labels[0] === gold[i]) b.right++
  })
  let ece = 0
  for (const b of bins) if (b.n > 0) ece += (b.n / guesses.length) * Math.abs(b.conf / b.n - b.right / b.n)
  return {
    ece: round(ece),
    reliability: bins.filter((b) => b.n > 0).map((b) => ({ from: b.from, to: round(b.to, 2), n: b.n, confidence: round(b.conf / b.n), accuracy: round(b.right / b.n) })),
  }
}

function score(t: Tally, labels: string[], seed = 1): EvalResult {
  const n = t.gold.length
  const per: Record<string, LabelScore> = {}
  let correct = 0
  let top3 = 0
  const tp = new Map<string, number>()
  const predicted = new Map<string, number>()
  const support = new Map<string, number>()
  t.gold.forEach((g, i) => {
    const guess = t.ranked[i].labels[0]
    support.set(g, (support.get(g) ?? 0) + 1)
    if (guess !== undefined) predicted.set(guess, (predicted.get(guess) ?? 0) + 1)
    if (guess === g) {
      correct++
      tp.set(g, (tp.get(g) ?? 0) + 1)
    }
    if (t.ranked[i].labels.slice(0, 3).includes(g)) top3++
  })
  let f1Sum = 0
  for (const l of labels) {
    const hit = tp.get(l) ?? 0
    const precision = hit === 0 ? 0 : hit / predicted.get(l)!
    const recall = hit === 0 ? 0 : hit / support.get(l)!
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    f1Sum += f1
    per[l] = { precision: round(precision), recall: round(recall), f1: round(f1), support: support.get(l) ?? 0 }
  }
  const cal = calibration(t.gold, t.ranked)
  const qt = queueThreshold(t.gold, t.ranked)
  const atQt = qt ? misrouteScores(t.gold, t.ranked, labels, seed, [qt.threshold])?.[0] : undefined
  return {
    n,
    labels,
    accuracy: round(correct / n),
    macro_f1: round(f1Sum / labels.length),
    top3_accuracy: round(top3 / n),
    ece: cal?.ece ?? null,
    reliability: cal?.reliability ?? null,
    misroute: misrouteScores(t.gold, t.ranked, labels, seed),
    queue: qt && atQt ? { ...atQt, right_at_or_above: qt.right } : null,
    per_label: per,
    train_ms: Math.round(t.trainMs.reduce((a, b) => a + b, 0) / Math.max(1, t.trainMs.length)),
    predict_ms_per_item: round(t.predictMs / n, 4),
  }
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits

function labelSet(data: Labelled[]): string[] {
  return [...new Set(data.map((d) => d.label))].sort()
}

export function crossValidate(data: Labelled[], method: Method, folds = 5, seed = 1): EvalResult & { folds: number; seed: number } {
  if (data.length < 2) throw new Error(`perlu minimal 2 contoh berlabel, ada ${data.length}`)
  if (!Number.isInteger(folds) || folds < 2 || folds > data.length) throw new Error(`--folds harus 2..${data.length} (jumlah contoh)`)
  const fold = stratifiedFolds(data.map((d) => d.label), folds, seed)
  const tally: Tally = { gold: [], ranked: [], trainMs: [], predictMs: 0 }
  for (let k = 0; k < folds; k++) {
    const trainSet = data.filter((_, i) => fold[i] !== k)
    const testSet = data.filter((_, i) => fold[i] === k)
    const t0 = performance.now()
    const rank = method(trainSet)
    tally.trainMs.push(performance.now() - t0)
    const t1 = performance.now()
    for (const e of testSet) {
      tally.ranked.push(rank(e.text))
      tally.gold.push(e.label)
    }
    tally.predictMs += performance.now() - t1
  }
  return { ...score(tally, labelSet(data), seed), folds, seed }
}

/** Trains on one set and tests on another; `isUntrained` for a method that learns nothing (the rules alone). */
export function trainTest(trainSet: Labelled[], testSet: Labelled[], method: Method, isUntrained = false): EvalResult {
  if (testSet.length === 0) throw new Error('data uji kosong')
  if (trainSet.length === 0 && !isUntrained) throw new Error('data latih kosong')
  const t0 = performance.now()
  const rank = method(trainSet)
  const trainMs = performance.now() - t0
  const t1 = performance.now()
  const tally: Tally = { gold: testSet.map((e) => e.label), ranked: testSet.map((e) => rank(e.text)), trainMs: [trainMs], predictMs: 0 }
  tally.predictMs = performance.now() - t1
  return score(tally, labelSet(testSet))
}

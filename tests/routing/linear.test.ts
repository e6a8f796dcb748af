// The linear layer's solver and its tuning: the one-vs-rest SVMs reach the optimum of their primal (checked from the
// optimality condition, not from a stored answer), C is chosen only from the examples given, and a snapshot of an
// older format is retrained rather than read.
import { describe, expect, it } from 'vitest'
import { C_GRID, LinearLayer, OvrSolver, TUNE_WORK_MAX, UNTUNED_C, trainProfile, tuneC, type LinearExample } from '#main/routing/linear.ts'
import { crossValidate, modelMethod, stratifiedFolds, type Labelled } from '#main/routing/evaluate.ts'
import { mulberry32 } from '#main/routing/train.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { catchUp, rebuild } from '#main/routing/learn.ts'
import { routingContext } from '#main/routing/context.ts'
import { currentModel, modelRow } from '#main/routing/store.ts'
import { SNAPSHOT_VERSION } from '#main/routing/model.ts'
import { FeatureBuffer, PAIR, PIECE_KIND, WORD, extractLayerFeatures, wordHash } from '#main/routing/features.ts'
import { featurize } from '#main/routing/train.ts'
import { insertComplaints } from '../fixtures.ts'
import { tempStore } from '../helpers.ts'
import { openStore } from '#main/store/open.ts'

type Vec = { ids: Int32Array; vals: Float32Array; n: number }

/** Unit vectors over `dims` features: label c lives mostly on features 2c and 2c+1, with noise elsewhere. */
function problem(n: number, labels: number, dims: number, noise: number, seed: number) {
  const rng = mulberry32(seed)
  const x: Vec[] = []
  const y = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % labels
    y[i] = c
    const dense = new Float64Array(dims)
    dense[2 * c] = 1 + rng()
    dense[2 * c + 1] = rng()
    for (let k = 0; k < 3; k++) dense[Math.floor(rng() * dims)] += noise * rng()
    const ids: number[] = []
    const vals: number[] = []
    let norm = 0
    dense.forEach((v, k) => {
      if (v !== 0) {
        ids.push(k)
        vals.push(v)
        norm += v * v
      }
    })
    x.push({ ids: Int32Array.from(ids), vals: Float32Array.from(vals, (v) => v / Math.sqrt(norm)), n: ids.length })
  }
  return { x, y }
}

describe('routing linear layer', () => {
  it('solves each one-vs-rest SVM to its optimum: the primal gradient w − 2·Σ C_i ξ_i y_i x_i vanishes', () => {
    const labels = 3
    const dims = 12
    const { x, y } = problem(90, labels, dims, 0.8, 3)
    const cLabel = Float64Array.from([0.5, 1, 2]) // unequal, as class balancing makes them
    const solver = new OvrSolver(x, y, labels, dims, cLabel)
    solver.solve(Int32Array.from(x.keys()), mulberry32(1), 1e-6, 5000)
    let worst = 0
    for (let c = 0; c < labels; c++) {
      const grad = new Float64Array(dims + 1) // the bias is the last weight (feature of value 1)
      for (let k = 0; k < dims; k++) grad[k] = solver.w[k * labels + c]
      grad[dims] = solver.bias[c]
      x.forEach((v, i) => {
        const sign = y[i] === c ? 1 : -1
        const s = solver.scores(v)[c]
        const xi = Math.max(0, 1 - sign * s)
        const f = 2 * cLabel[y[i]] * xi * sign
        for (let k = 0; k < v.n; k++) grad[v.ids[k]] -= f * v.vals[k]
        grad[dims] -= f
      })
      for (const g of grad) worst = Math.max(worst, Math.abs(g))
    }
    expect(worst).toBeLessThan(1e-3)
  })

  it('separates a separable problem completely, and a warm start from the optimum needs one pass', () => {
    const { x, y } = problem(60, 4, 10, 0, 5)
    const solver = new OvrSolver(x, y, 4, 10, new Float64Array(4).fill(10))
    const all = Int32Array.from(x.keys())
    solver.solve(all, mulberry32(2), 1e-4, 5000)
    x.forEach((v, i) => {
      const s = solver.scores(v)
      expect(s.indexOf(Math.max(...s))).toBe(y[i])
    })
    expect(solver.solve(all, mulberry32(3), 1e-4, 5000)).toBeLessThanOrEqual(1)
  })

  it('chooses C by cross-validation inside the examples given: a C of the grid, out-of-fold scores for each of them', () => {
    const { x, y } = problem(120, 3, 12, 1.5, 7)
    const balance = new Float64Array(3).fill(1)
    const a = tuneC(x, y, 3, 12, balance, [0.1, 1, 10], mulberry32(4))
    expect([0.1, 1, 10]).toContain(a.c)
    expect(a.scores).toHaveLength(120)
    a.scores.forEach((s, i) => expect(s.label).toBe(y[i]))
    // Out-of-fold: each example's scores come from a model that did not learn it, so they are less sure than the
    // scores of a model trained on everything.
    const full = new OvrSolver(x, y, 3, 12, new Float64Array(3).fill(a.c))
    full.solve(Int32Array.from(x.keys()), mulberry32(5))
    const margin = (s: Float64Array, c: number) => s[c] - Math.max(...s.filter((_, k) => k !== c))
    const oofMean = a.scores.reduce((t, s) => t + margin(s.scores, s.label), 0) / 120
    const fullMean = x.reduce((t, v, i) => t + margin(full.scores(v), y[i]), 0) / 120
    expect(oofMean).toBeLessThan(fullMean)
  })

  it('tunes C only where that is cheap: a history with more solver work takes C = 3, its temperature from held-out scores', () => {
    // Each example: 4 features of its label and `width` - 4 from a shared pool; work = examples × features × labels.
    const examples = (n: number, labels: number, width: number): LinearExample[] =>
      Array.from({ length: n }, (_, i) => {
        const c = i % labels
        const hashes = Uint32Array.from({ length: width }, (_, k) => (k < 4 ? 100 * c + k + 1 : 1_000_000 + ((i * 7 + k * 13) % 5000)))
        return { hashes, weights: new Float32Array(width).fill(1), size: width, label: c }
      })
    const big = examples(1000, 20, 1100)
    expect(1000 * 1100 * 20).toBeGreaterThan(TUNE_WORK_MAX)
    const layer = LinearLayer.train(big, 20, mulberry32(3))
    expect(trainProfile.c).toBe(UNTUNED_C)
    expect(trainProfile.tune_passes_c1).toBeUndefined()
    expect(trainProfile.held_acc).toBeGreaterThan(900) // per mille, on the tenth the temperature's solver never saw
    expect(layer.temperature).toBeGreaterThan(0)
    expect(big.every((e) => layer.scores(e, 20).indexOf(Math.max(...layer.scores(e, 20))) === e.label)).toBe(true)

    LinearLayer.train(examples(200, 20, 1100), 20, mulberry32(3))
    expect(trainProfile.tune_passes_c1).toBeGreaterThan(0)
    expect(C_GRID).toContain(trainProfile.c)
  })

  it('never trains on the test fold in cross-validation: each fold is trained without any of its own texts', () => {
    const data: Labelled[] = Array.from({ length: 60 }, (_, i) => ({ text: `keluhan nomor ${'abcdefghij'[i % 10]}${i} ${i % 3 === 0 ? 'jalan rusak' : i % 3 === 1 ? 'sampah menumpuk' : 'puskesmas tutup'} kata${i}`, label: ['pu', 'dlh', 'dinkes'][i % 3] }))
    const folds = stratifiedFolds(data.map((d) => d.label), 3, 1)
    const seen: Set<string>[] = []
    const inner = modelMethod()
    const r = crossValidate(
      data,
      (train) => {
        seen.push(new Set(train.map((t) => t.text)))
        return inner(train)
      },
      3,
      1,
    )
    expect(seen).toHaveLength(3)
    seen.forEach((texts, k) => data.forEach((d, i) => expect(texts.has(d.text)).toBe(folds[i] !== k)))
    expect(r.accuracy).toBeGreaterThan(0.9)
  })

  it('reads a complaint for the layer as the TF-IDF baseline does: words and pairs, char 2–5-grams, 1 + ln tf', () => {
    const buf = new FeatureBuffer(false)
    extractLayerFeatures(['jalan', 'rusak', 'jalan'], buf)
    const kinds = Array.from(buf.kind.subarray(0, buf.size))
    expect(kinds.filter((k) => k === WORD)).toHaveLength(2) // jalan, rusak
    expect(kinds.filter((k) => k === PAIR)).toHaveLength(2) // "jalan rusak", "rusak jalan"
    // " jalan ": 6 + 5 + 4 + 3 pieces of 2..5 letters, " rusak " the same, shared pieces counted once each.
    const pieces = new Set<string>()
    for (const w of [' jalan ', ' rusak ']) for (let n = 2; n <= 5; n++) for (let k = 0; k + n <= w.length; k++) pieces.add(w.slice(k, k + n))
    expect(kinds.filter((k) => k === PIECE_KIND)).toHaveLength(pieces.size)
    const jalan = Array.from(buf.hashes.subarray(0, buf.size)).indexOf(wordHash('jalan'))
    expect(buf.weights[jalan]).toBeCloseTo(1 + Math.log(2), 6)
    // The app's reading keeps function words for the layer only; numbers and people's names in neither.
    const full = new FeatureBuffer()
    const words = featurize({ text: 'Mohon dinas perbaiki jalan RT 05 yang rusak' }, full)
    expect(words).not.toContain('mohon')
    expect(full.layer!.words).toContain('mohon')
    expect(full.layer!.words.join(' ')).not.toMatch(/\d/)
  })

  it('retrains a model stored in an older snapshot format instead of failing to read it', () => {
    const { db: older, file } = tempStore()
    seedKabupaten(older, '64.08')
    insertComplaints(
      older,
      Array.from({ length: 6 }, (_, i) => ({
        tracking_id: `V${i}`,
        submitted: `2026-11-1${i}T01:00:00Z`,
        judul: i % 2 ? 'Sampah' : 'KTP',
        isi: i % 2 ? 'sampah menumpuk tidak diangkut' : 'ktp elektronik belum jadi',
        status: 'selesai' as const,
        unitKode: i % 2 ? '64.08/dlh/persampahan' : '64.08/disdukcapil',
      })),
    )
    rebuild(older, '64.08')
    expect(modelRow(older, '64.08')).toBeDefined()
    // As an older version of the app left it: its own training, in its own format (and its own built_at).
    const first = "kabupaten_kode = '64.08' AND part = 0 AND generation = (SELECT snapshot_generation FROM routing_model WHERE kabupaten_kode = '64.08')"
    const blob = older.prepare(`SELECT bytes FROM routing_snapshot WHERE ${first}`).pluck().get() as Buffer
    const old = Buffer.from(blob)
    old.write(`{"v":${SNAPSHOT_VERSION - 1}`, 4, 'utf8')
    older.prepare(`UPDATE routing_snapshot SET bytes = ? WHERE ${first}`).run(old)
    older.prepare("UPDATE routing_model SET built_at = built_at - 1000 WHERE kabupaten_kode = '64.08'").run()
    expect(modelRow(older, '64.08')).toBeUndefined()
    older.close()
    // And this version opening that store afresh.
    const db = openStore(file)
    expect(currentModel(db, routingContext(db, '64.08'))).toBeNull()
    expect(modelRow(db, '64.08')).toBeUndefined()
    expect(catchUp(db, '64.08').rebuilt).toBe(true)
    expect(modelRow(db, '64.08')).toBeDefined()
    db.close()
  })
})

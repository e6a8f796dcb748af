// Counting for a full training: a dense (feature x label) table instead of the model's sparse one, because a
// count in a dense row is one memory access where the sparse table needs three, and a full training makes
// millions of them. The counts go into the model once, feature by feature, at the end (so each feature's entries
// also end up side by side, which keeps predictions cache-friendly). Transient memory: features x labels x 4 bytes.
import { mix, type Features } from './features.ts'
import type { NaiveBayes } from './model.ts'

export class DenseCounts {
  private table = new Int32Array(1 << 16) // [hash, feature id] pairs, hash 0 = empty
  private hashes = new Int32Array(1 << 14)
  private counts: Float32Array
  private stride: number
  private features = 0
  private labelIndex = new Map<string, number>()
  readonly labels: string[] = []
  private docs: number[] = []
  private totals: number[] = []

  constructor(labelCapacity = 64) {
    this.stride = labelCapacity
    this.counts = new Float32Array((1 << 14) * labelCapacity)
  }

  private labelOf(label: string): number {
    let c = this.labelIndex.get(label)
    if (c === undefined) {
      c = this.labels.length
      this.labels.push(label)
      this.labelIndex.set(label, c)
      this.docs.push(0)
      this.totals.push(0)
      if (c === this.stride) this.widen()
    }
    return c
  }

  private fid(hash: number): number {
    const h = (hash === 0 ? 1 : hash) | 0
    if ((this.features + 1) * 4 > this.table.length) this.growTable()
    const mask = (this.table.length >> 1) - 1
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const k = this.table[slot * 2]
      if (k === h) return this.table[slot * 2 + 1]
      if (k === 0) {
        const id = this.features++
        if (id === this.hashes.length) {
          const more = new Int32Array(id * 2)
          more.set(this.hashes)
          this.hashes = more
          const counts = new Float32Array(id * 2 * this.stride)
          counts.set(this.counts)
          this.counts = counts
        }
        this.hashes[id] = h
        this.table[slot * 2] = h
        this.table[slot * 2 + 1] = id
        return id
      }
    }
  }

  add(f: Features, label: string, weight: number): void {
    const c = this.labelOf(label)
    let sum = 0
    for (let i = 0; i < f.size; i++) {
      const x = f.weights[i] * weight
      sum += x
      this.counts[this.fid(f.hashes[i]) * this.stride + c] += x
    }
    this.docs[c] += weight
    this.totals[c] += sum
  }

  /** Moves every count into the model (which should be empty). */
  into(model: NaiveBayes): void {
    for (const _ of this.intoInSteps(model));
  }

  /** `into`, pausing every 4,096 features (a running app's upkeep takes one piece per slice: the whole move was
   *  about 400 ms for 205,000 features and 56 labels). */
  *intoInSteps(model: NaiveBayes): Generator<void, void> {
    const index = this.labels.map((l) => model.labelOf(l))
    this.labels.forEach((_, c) => model.addLabelTotals(index[c], this.docs[c], this.totals[c]))
    for (let id = 0; id < this.features; id++) {
      const row = id * this.stride
      for (let c = 0; c < this.labels.length; c++) {
        const n = this.counts[row + c]
        if (n > 0) model.addCell(this.hashes[id], index[c], n)
      }
      if ((id & 4095) === 4095) yield
    }
  }

  private widen(): void {
    const stride = this.stride * 2
    const counts = new Float32Array(this.hashes.length * stride)
    for (let id = 0; id < this.features; id++) counts.set(this.counts.subarray(id * this.stride, (id + 1) * this.stride), id * stride)
    this.counts = counts
    this.stride = stride
  }

  private growTable(): void {
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
}

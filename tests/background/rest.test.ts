// Background work on the app's thread leaves the store's write lock to other writers (background/pace.ts). The
// serupa backfill ran its slices back to back, re-taking the lock before a waiting writer's busy handler woke: on
// 1,000,000 complaints the KPI rebuild's worker gave up after its 10 s busy timeout. Here another thread writes
// beside a running backfill, as the rebuild's worker or the CLI would, with a busy timeout of 2 s.
import { afterAll, describe, expect, it } from 'vitest'
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { pendingCount } from '#main/serupa/arrival.ts'
import { startSerupaBackfill } from '#main/serupa/background.ts'
import { rest, restAfter, MAX_REST_MS } from '#main/background/pace.ts'
import { tempStore } from '../helpers.ts'

// Plain JavaScript in the worker: a second connection that takes the write lock `times` times, `everyMs` apart, and
// reports how long each wait for the lock took (or the error that ended it).
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = ' + workerData.busyMs)
const waits = []
let error = null
const sleeper = new Int32Array(new SharedArrayBuffer(4))
for (let i = 0; i < workerData.times && !error; i++) {
  Atomics.wait(sleeper, 0, 0, workerData.everyMs)
  const t = performance.now()
  try {
    db.exec('BEGIN IMMEDIATE')
    waits.push(performance.now() - t)
    db.prepare("INSERT OR REPLACE INTO setting (key, value) VALUES ('test.other_writer', ?)").run(String(i))
    db.exec('COMMIT')
  } catch (e) {
    error = e.message
  }
}
db.close()
parentPort.postMessage({ waits, error, lastAt: Date.now() })
`

describe('background work in slices', () => {
  const stops: (() => void)[] = []
  afterAll(() => stops.forEach((stop) => stop()))

  it('rests as long as each slice, within bounds', () => {
    expect(restAfter(0.2)).toBe(1)
    expect(restAfter(25)).toBe(25)
    expect(restAfter(90)).toBe(90)
    expect(restAfter(5_000)).toBe(MAX_REST_MS)
  })

  it('lets another thread write while the serupa backfill runs on the app thread', async () => {
    const { db, file } = tempStore()
    generateDemo(db, { kabupaten: '64.08', count: 8000, seed: 31, until: new Date('2026-11-20T12:00:00Z') })
    const pending = pendingCount(db)
    expect(pending).toBeGreaterThan(6000)
    let doneAt = Infinity
    stops.push(startSerupaBackfill(db, { firstDelayMs: 0, sliceMs: 25, log: () => (doneAt = Date.now()) }))
    // Wait until the backfill is under way, then write beside it from another thread.
    while (pendingCount(db) === pending) await new Promise((r) => setTimeout(r, 20))
    const worker = new Worker(WRITER, {
      eval: true,
      workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, busyMs: 2_000, times: 12, everyMs: 25 },
    })
    const result = await new Promise<{ waits: number[]; error: string | null; lastAt: number }>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
    expect(result.error).toBeNull()
    expect(result.waits).toHaveLength(12)
    expect(db.prepare("SELECT value FROM setting WHERE key = 'test.other_writer'").pluck().get()).toBe('11')
    // The backfill was still working when the other thread's last write went in (beside it, not after it).
    expect(result.lastAt).toBeLessThan(doneAt)
  }, 120_000)
})

describe('background work of several tasks on one thread', () => {
  it('takes turns with rests between any two slices, whoever runs them', async () => {
    const slices: { task: string; from: number; to: number }[] = []
    const busy = (ms: number) => {
      const end = performance.now() + ms
      while (performance.now() < end);
    }
    // Two tasks, each resting after its slices as long as they took: the serupa backfill and a sync from the app.
    const task = async (name: string) => {
      for (let i = 0; i < 6; i++) {
        const from = performance.now()
        busy(15)
        const to = performance.now()
        slices.push({ task: name, from, to })
        await rest(to - from)
      }
    }
    await Promise.all([task('A'), task('B')])
    slices.sort((a, b) => a.from - b.from)
    expect(new Set(slices.map((s) => s.task))).toEqual(new Set(['A', 'B']))
    // The first slice of the second task starts at once (nothing rested yet); from then on, every slice waits for
    // the rest of the one before it, whichever task ran that: the thread is free about half the time for requests.
    for (let i = 2; i < slices.length; i++) {
      const before = slices[i - 1]
      expect(slices[i].from - before.to, `slice ${i} (${slices[i].task} after ${before.task})`).toBeGreaterThanOrEqual(0.8 * (before.to - before.from))
    }
  })
})

// Background threads yield to the server's thread (background/priority.ts, background/worker.ts): on Linux a worker
// started with startModule lowers its own thread's nice value before its module loads, the thread that started it
// keeps its own, and a worker started with nice 0 (the bench's simulated users) or with priorities switched off
// runs like its parent. Elsewhere the helpers answer null and change nothing.
import { afterEach, describe, expect, it } from 'vitest'
import { getPriority } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { startModule } from '#main/background/worker.ts'
import { BACKGROUND_NICE, currentThreadId, currentThreadNice, lowerThreadPriority, setThreadPriorityEnabled } from '#main/background/priority.ts'

const MODULE = new URL('./priority-worker.ts', import.meta.url)
const linux = process.platform === 'linux'

function report(worker: Worker | null): Promise<{ nice: number | null; tid: number | null }> {
  if (!worker) throw new Error('worker could not start')
  return new Promise((res, rej) => {
    worker.once('message', (m) => {
      res(m)
      void worker.terminate()
    })
    worker.once('error', rej)
  })
}

afterEach(() => setThreadPriorityEnabled(true))

describe.runIf(linux)('thread priority on Linux', () => {
  it('a background worker runs BACKGROUND_NICE steps below the thread that started it, which keeps its own', async () => {
    const own = currentThreadNice()!
    expect(own).toBe(getPriority()) // the main thread's id is the process id
    const worker = await report(startModule(MODULE, {}))
    expect(worker.tid).not.toBe(currentThreadId())
    expect(worker.nice).toBe(Math.min(19, own + BACKGROUND_NICE))
    expect(currentThreadNice()).toBe(own)
    expect(getPriority()).toBe(own)
  })

  it('nice 0, or priorities switched off, leaves a worker at its parent\'s priority', async () => {
    const own = currentThreadNice()!
    expect((await report(startModule(MODULE, {}, undefined, { nice: 0 }))).nice).toBe(own)
    setThreadPriorityEnabled(false)
    expect((await report(startModule(MODULE, {}))).nice).toBe(own)
    setThreadPriorityEnabled(true)
    expect((await report(startModule(MODULE, {}, undefined, { nice: 3 }))).nice).toBe(Math.min(19, own + 3))
  })

  it('lowerThreadPriority lowers only the calling thread, never raises, and stops at 19', async () => {
    // In a worker, so the test process's own thread keeps its priority.
    const own = currentThreadNice()!
    expect(lowerThreadPriority(0)).toBe(own)
    expect(lowerThreadPriority(-5)).toBe(own)
    const worker = await report(startModule(MODULE, {}, undefined, { nice: 40 }))
    expect(worker.nice).toBe(19)
    expect(currentThreadNice()).toBe(own)
  })
})

describe.runIf(!linux)('thread priority elsewhere', () => {
  it('is a no-op', () => {
    expect(currentThreadId()).toBeNull()
    expect(lowerThreadPriority()).toBeNull()
  })
})

// Background loops back off on a persistent failure instead of spinning: a routing upkeep whose step always fails
// (as on a full disk) is tried a handful of times in a window where a spinning loop would try hundreds, logs the
// error once, shows it through sync.background, and says once when it works again.
import { afterEach, describe, expect, it } from 'vitest'
import { startRoutingUpkeep } from '#main/routing/upkeep.ts'
import { createChangeBus } from '#main/live/bus.ts'
import { backgroundStatus } from '#main/background/status.ts'
import { Backoff } from '#main/background/backoff.ts'
import { tempStore } from '../helpers.ts'

const stops: (() => void)[] = []
afterEach(() => stops.splice(0).forEach((s) => s()))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('background loops on a persistent failure', () => {
  it('routing upkeep backs off exponentially, logs once, shows the error, and recovers', async () => {
    const { db, file } = tempStore()
    const bus = createChangeBus()
    const lines: string[] = []
    let attempts = 0
    let failing = true
    const stop = startRoutingUpkeep(db, bus, {
      firstDelayMs: 0,
      backoff: { baseMs: 20, maxMs: 10_000 },
      log: (l) => lines.push(l),
      stepForTests: () => {
        attempts++
        if (failing) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
        return false
      },
    })
    stops.push(stop)
    // Another writer's changes keep arriving: they must not bring the next attempt forward.
    const noise = setInterval(() => bus.emit({ kabupaten: '64.08', kind: 'complaints', at: Date.now(), count: 1 }), 25)
    await sleep(1_500)
    clearInterval(noise)
    // 20, 40, 80 … ms: about 7 attempts in 1.5 s (the old loop retried every 10 ms to 1 s: 5–150 a second).
    expect(attempts).toBeGreaterThanOrEqual(4)
    expect(attempts).toBeLessThanOrEqual(8)
    expect(lines.filter((l) => /gagal/.test(l))).toHaveLength(1)
    expect(lines[0]).toContain(`Disk tempat berkas data ${file} penuh`)
    const [state] = backgroundStatus(db)
    expect(state).toMatchObject({ name: 'routing', failures: attempts, lastError: expect.stringMatching(/penuh/), retryAt: expect.any(Number) })

    failing = false
    const before = attempts
    while (attempts === before) await sleep(50)
    await sleep(50)
    expect(lines.at(-1)).toMatch(/berjalan lagi setelah \d+ kali gagal/)
    expect(backgroundStatus(db)[0]).toMatchObject({ name: 'routing', failures: 0, lastOkAt: expect.any(Number) })
  }, 30_000)

  it('doubles from 1 s to at most 5 minutes by default', () => {
    const { db } = tempStore()
    const b = new Backoff(db, 'x', 'Uji', { log: () => {} })
    const delays = Array.from({ length: 12 }, () => b.failed(new Error('gagal')))
    expect(delays.slice(0, 4)).toEqual([1_000, 2_000, 4_000, 8_000])
    expect(delays.at(-1)).toBe(300_000)
  })
})

// `tanggap bench sync --runs N`: on a shared machine one run of the bench says as much about the neighbours as about
// the code, so the goal is read from the median of several whole runs. What it prints must be those runs: each one
// a complete sync measured against its own raw insert, the summary made of exactly their ratios, and the temporary
// upstream they shared gone afterwards.
import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { benchSyncRuns } from '#main/dev/bench/sync.ts'

const upstreams = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('tanggap-bench-upstream-')))

describe('bench sync over several runs', () => {
  it('summarises whole runs by their median, lowest and highest ratio', { timeout: 120_000 }, async () => {
    const before = upstreams()
    const r = await benchSyncRuns({ count: 150, kabupaten: '64.08', pageSize: 50, phases: ['page'], runs: 3 })
    if (!('each' in r)) throw new Error('expected a summary of several runs')
    expect(r.runs).toBe(3)
    expect(r.each).toHaveLength(3)
    for (const run of r.each) {
      expect(run.http_with_aggregates?.status).toBe('ok')
      expect(run.count).toBe(150)
      expect(run.raw_insert.rows).toBeGreaterThan(150)
    }
    const ratios = r.each.map((run) => run.ratio_to_raw.http_with_aggregates!)
    const s = r.http_with_aggregates!.ratio_to_raw
    expect(s.each).toEqual(ratios)
    expect(s.median).toBe([...ratios].sort((a, b) => a - b)[1])
    expect([s.min, s.max]).toEqual([Math.min(...ratios), Math.max(...ratios)])
    expect(r.raw_insert_ms.each).toEqual(r.each.map((run) => run.raw_insert.ms))
    // The upstream the three runs shared was generated into a temporary folder, which is gone now.
    expect(upstreams()).toEqual(before)
  })
})

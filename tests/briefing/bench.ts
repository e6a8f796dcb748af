// Benchmark (not a test): how long a briefing and a wall refresh take on a large store, printed as JSON.
// Run: npx tsx tests/briefing/bench.ts [count=1000000] [--db existing.db]
// A briefing is asked for once per meeting, a wall snapshot every 15 s per wall: both must stay well under a second.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { briefingDeck } from '#main/briefing/deck.ts'
import { wallSnapshot } from '#main/wall/snapshot.ts'

const args = process.argv.slice(2)
const dbAt = args.indexOf('--db')
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000)
const dir = dbAt >= 0 ? null : mkdtempSync(join(tmpdir(), 'tanggap-bench-briefing-'))
const ws = openWorkspace(dbAt >= 0 ? args[dbAt + 1] : join(dir!, 'bench.db'))
const until = new Date('2026-11-20T12:00:00Z')
const setup: Record<string, number> = {}
if (dir) setup.generate_ms = generateDemo(ws.db, { kabupaten: '64.08', count, seed: 1, until }).ms

function time(fn: () => unknown, runs = 10) {
  fn() // warm caches
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return { median_ms: Math.round(samples[runs >> 1]), max_ms: Math.round(samples[runs - 1]), runs }
}

const now = until.getTime()
const year = { from: '2025-11-21', to: '2026-11-20' }
const month = { from: '2026-10-22', to: '2026-11-20' }
const first = wallSnapshot(ws.db, { kabupaten: '64.08', period: month }, now)
console.log(
  JSON.stringify(
    {
      complaints: ws.db.prepare('SELECT count(*) FROM complaint').pluck().get(),
      ...setup,
      goal: { median_ms_under: 1000 },
      briefing_deck_year: time(() => briefingDeck(ws.db, '64.08', year, now)),
      briefing_deck_month: time(() => briefingDeck(ws.db, '64.08', month, now)),
      wall_snapshot_30_days: time(() => wallSnapshot(ws.db, { kabupaten: '64.08', period: month, since: first.now, sinceId: first.maxId }, now + 15_000)),
    },
    null,
    2,
  ),
)
ws.close()
if (dir) rmSync(dir, { recursive: true, force: true })

// Benchmark (not a test): the calendar must recompute deadlines for 1,000,000 complaints after an edit.
// Run: npx tsx tests/calendar/bench.ts
import { createCalendar, dueAt, workingDaysBetween } from '#main/calendar/calendar.ts'
import { computeDeadlines, DEFAULT_DEADLINE_RULES } from '#main/calendar/deadlines.ts'
import { officialDaysOff } from './time.ts'

const N = 1_000_000
const DAY = 86_400_000
const t0 = performance.now()
const cal = createCalendar({ utcOffsetMinutes: 480, daysOff: officialDaysOff(), skipCutiBersama: true })
const tBuild = performance.now() - t0

const lo = Date.parse('2024-01-01T00:00:00Z')
const from = new Float64Array(N)
const to = new Float64Array(N)
let s = 12345
const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
for (let i = 0; i < N; i++) {
  from[i] = lo + Math.floor(rnd() * 3 * 365 * DAY)
  to[i] = from[i] + Math.floor(rnd() * 30 * DAY)
}

function run(): { wd: number; due: number; sum: number } {
  let sum = 0
  let t = performance.now()
  for (let i = 0; i < N; i++) sum += workingDaysBetween(cal, from[i], to[i])
  const wd = performance.now() - t
  t = performance.now()
  for (let i = 0; i < N; i++) sum += dueAt(cal, from[i], 1 + (i % 10)) % 7
  return { wd, due: performance.now() - t, sum }
}
run() // warm-up
const r = run()

let t = performance.now()
let met = 0
for (let i = 0; i < N; i++) {
  const d = computeDeadlines(
    { submitted_at: from[i], verified_at: from[i] + DAY, dispositioned_at: from[i] + DAY, first_response_at: to[i], closed_at: null, status: 'proses' },
    cal,
    DEFAULT_DEADLINE_RULES,
    to[i] + 5 * DAY,
  )
  if (d.firstResponse.state === 'met') met++
}
const tCompute = performance.now() - t

console.log(`build calendar 2015–2035: ${tBuild.toFixed(1)} ms`)
console.log(`1M workingDaysBetween: ${r.wd.toFixed(0)} ms; 1M dueAt: ${r.due.toFixed(0)} ms; together ${(r.wd + r.due).toFixed(0)} ms (checksum ${r.sum})`)
console.log(`1M computeDeadlines (4 rules each): ${tCompute.toFixed(0)} ms (${met} first responses met)`)

// The baseline keeper of serve mode (src/main/isu/keeper.ts): on a real store file, with a fake clock passed in and
// real timers, it writes the present baseline's row of every kabupaten that has none — the figures a plain
// recomputation from isu_day gives — and the new day's row right after a kabupaten's local midnight (WITA for Kutai
// Timur, WIB for Natuna), dropping the old one; a change of one of the baseline's days while it reads them (the
// rows span several transactions) leaves no stale row behind; switched off, serve mode writes nothing.
import { afterEach, describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { startOfDay, dayOf } from '#main/calendar/days.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { detectIssues, ISU_DEFAULTS } from '#main/isu/detect.ts'
import { baselineOf, baselineRows, baselineSpan, storedBaseline } from '#main/isu/baseline.ts'
import { keepSteps, startBaselineKeeper, type KeeperOptions } from '#main/isu/keeper.ts'
import { openWorkspace } from '#main/app/workspace/open.ts'
import { startServer } from '#main/app/server/serve.ts'
import { tempDir, tempStore } from '../helpers.ts'
import { join } from 'node:path'

const KUTIM = '64.08'
const NATUNA = '21.03'
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()
const HOUR = 3_600_000
const { baselineDays: B, windowDays: W } = ISU_DEFAULTS

const offsetOf = (db: Db, kab: string) => (db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kab) as number) * 60_000
const fromDayAt = (db: Db, kab: string, now: number) => baselineSpan(now, offsetOf(db, kab), B, W).baselineFrom
/** The figures computed afresh from isu_day, as a request without a kept row computes them. */
const recomputed = (db: Db, kab: string, now: number) => {
  const from = fromDayAt(db, kab, now)
  return baselineOf(baselineRows(db, kab, from, B), from, B, W)
}
const rows = (db: Db) => db.prepare('SELECT kabupaten_kode, from_day FROM isu_base ORDER BY kabupaten_kode, from_day').raw().all()

let stops: (() => void)[] = []
afterEach(() => {
  for (const stop of stops) stop()
  stops = []
})

/** Starts the keeper and resolves with each pass's stored rows, in order, until `passes` have run. */
function runKeeper(db: Db, passes: number, opts: KeeperOptions): Promise<{ kabupaten: string; fromDay: number }[][]> {
  return new Promise((resolve) => {
    const seen: { kabupaten: string; fromDay: number }[][] = []
    const stop = startBaselineKeeper(db, {
      firstDelayMs: 0,
      log: () => {},
      ...opts,
      onPass: (stored) => {
        seen.push(stored)
        if (seen.length === passes) resolve(seen)
      },
    })
    stops.push(stop)
  })
}

function twoKabupaten(): Db {
  const { db } = tempStore()
  generateDemo(db, { kabupaten: KUTIM, count: 3000, seed: 3, until: UNTIL, spikes: false })
  generateDemo(db, { kabupaten: NATUNA, count: 1500, seed: 4, until: UNTIL, spikes: false })
  return db
}

describe('baseline keeper', () => {
  it('writes the missing row of each kabupaten at start: the figures recomputed from isu_day', async () => {
    const db = twoKabupaten()
    db.exec('DELETE FROM isu_base')
    const [first] = await runKeeper(db, 1, { now: () => NOW, sliceMs: 2 })
    expect(first.map((s) => s.kabupaten).sort()).toEqual([NATUNA, KUTIM].sort())
    for (const kab of [KUTIM, NATUNA]) {
      const kept = storedBaseline(db, kab, fromDayAt(db, kab, NOW), B, W)
      expect(kept).not.toBeNull()
      expect(kept).toEqual(recomputed(db, kab, NOW))
    }
    // The issue list reads the row and answers as without it.
    const withRow = detectIssues(db, KUTIM, NOW)
    const saved = db.prepare('SELECT * FROM isu_base').all()
    db.exec('DELETE FROM isu_base')
    expect(detectIssues(db, KUTIM, NOW)).toEqual(withRow)
    const insert = db.prepare('INSERT INTO isu_base (kabupaten_kode, from_day, days, window_days, data) VALUES (@kabupaten_kode, @from_day, @days, @window_days, @data)')
    for (const r of saved) insert.run(r)
  })

  it('keeps the new day right after local midnight (WITA before WIB), dropping the earlier row', async () => {
    const db = twoKabupaten()
    const wita = offsetOf(db, KUTIM)
    expect(wita - offsetOf(db, NATUNA)).toBe(HOUR) // WITA = UTC+8, WIB = UTC+7
    // The fake clock runs in real time from 300 ms before Kutai Timur's next local midnight.
    const midnight = startOfDay(dayOf(NOW, wita) + 1, wita)
    const t0 = Date.now()
    const now = () => midnight - 300 + (Date.now() - t0)
    db.exec('DELETE FROM isu_base')
    const [atStart, afterMidnight] = await runKeeper(db, 2, { now, afterMidnightMs: 50 })
    expect(atStart.map((s) => s.kabupaten).sort()).toEqual([NATUNA, KUTIM].sort())
    // Only Kutai Timur has a new day: Natuna's midnight is an hour later.
    expect(afterMidnight).toEqual([{ kabupaten: KUTIM, fromDay: fromDayAt(db, KUTIM, midnight) }])
    expect(fromDayAt(db, KUTIM, midnight)).toBe(fromDayAt(db, KUTIM, midnight - 1) + 1)
    expect(rows(db)).toEqual([
      [NATUNA, fromDayAt(db, NATUNA, midnight)],
      [KUTIM, fromDayAt(db, KUTIM, midnight)],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))))
    expect(storedBaseline(db, KUTIM, fromDayAt(db, KUTIM, midnight), B, W)).toEqual(recomputed(db, KUTIM, midnight))
  })

  it('stores nothing stale when one of the days changes while it reads them, and keeps it on the next try', () => {
    const db = twoKabupaten()
    db.exec('DELETE FROM isu_base')
    const from = fromDayAt(db, KUTIM, NOW)
    const steps = keepSteps(db, KUTIM, from)
    for (let i = 0; i < 4; i++) steps.next() // the placeholder and the first weeks read
    // An old complaint of the baseline deleted by a write outside the refresh hook (another process).
    const off = offsetOf(db, KUTIM)
    const old = db
      .prepare("SELECT id FROM complaint WHERE kabupaten_kode = ? AND status != 'dihapus' AND submitted_at >= ? ORDER BY submitted_at LIMIT 1")
      .pluck()
      .get(KUTIM, startOfDay(from + 20, off)) as number
    db.prepare("UPDATE complaint SET status = 'dihapus' WHERE id = ?").run(old)
    let done = steps.next()
    while (!done.done) done = steps.next()
    expect(done.value).toBe(false)
    expect(storedBaseline(db, KUTIM, from, B, W)).toBeNull()
    expect(rows(db)).toEqual([])
    // Tried again: the figures of the store as it is now.
    const again = keepSteps(db, KUTIM, from)
    let step = again.next()
    while (!step.done) step = again.next()
    expect(step.value).toBe(true)
    expect(storedBaseline(db, KUTIM, from, B, W)).toEqual(recomputed(db, KUTIM, NOW))
  })

  it('is off in serve mode when asked (tests that compare store states), on by default', async () => {
    const dir = tempDir()
    const ws = openWorkspace(join(dir, 'serve.db'))
    generateDemo(ws.db, { kabupaten: KUTIM, count: 800, seed: 6, until: new Date(), spikes: false })
    ws.db.exec('DELETE FROM isu_base')
    const off = await startServer({ workspace: ws, port: 0, log: () => {}, routingUpkeep: false, backups: false, reminders: false, storeCheck: false, serupaBackfill: false, termsBuild: false, readPool: false, isuBaseline: false })
    await new Promise((r) => setTimeout(r, 1_500))
    expect(rows(ws.db)).toEqual([])
    await off.close()
    const on = await startServer({ workspace: ws, port: 0, log: () => {}, routingUpkeep: false, backups: false, reminders: false, storeCheck: false, serupaBackfill: false, termsBuild: false, readPool: false })
    try {
      // Until the figures are in: the keeper writes a placeholder row first and fills it over a few slices (the
      // suite once read it in between, on a slow machine).
      const stored = () => storedBaseline(ws.db, KUTIM, fromDayAt(ws.db, KUTIM, Date.now()), B, W)
      for (let i = 0; i < 100 && stored() === null; i++) await new Promise((r) => setTimeout(r, 100))
      expect(stored()).toEqual(recomputed(ws.db, KUTIM, Date.now()))
    } finally {
      await on.close()
      ws.close()
    }
  })
})

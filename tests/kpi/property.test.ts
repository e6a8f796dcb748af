// Property: on random stores, every KPI read from the aggregates equals a plain recomputation from the raw
// complaints, for every slice, for random periods, after a bulk rebuild and after incremental updates.
import { describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { rebuildKabupaten, refreshComplaints, slaContext } from '#main/kpi/refresh.ts'
import { kpiTable } from '#main/kpi/queries.ts'
import { DIMS } from '#main/kpi/aggregates.ts'
import { loadCalendar } from '#main/calendar/store.ts'
import { seedOfficialHolidays } from '#main/calendar/holiday-import.ts'
import { plainKpis } from './recompute.ts'
import { tempStore } from '../helpers.ts'
import type { Db } from '#main/store/open.ts'

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)

function randomPeriod(r: () => number, until: number) {
  const start = Date.parse('2023-12-01')
  const a = start + r() * (until - start)
  const b = a + r() * 400 * 86_400_000
  return { from: iso(a), to: iso(Math.min(b, until + 5 * 86_400_000)) }
}

/** Changes a few complaints the way local actions and sync do, and refreshes only them. */
function mutate(db: Db, kabupaten: string, r: () => number, now: number) {
  const ids = db.prepare('SELECT id FROM complaint WHERE kabupaten_kode = ? ORDER BY id').pluck().all(kabupaten) as number[]
  const units = db.prepare("SELECT id FROM unit WHERE kabupaten_kode = ? AND kind IN ('opd', 'bidang')").pluck().all(kabupaten) as number[]
  const picked = Array.from({ length: 25 }, () => ids[Math.floor(r() * ids.length)])
  const addEvent = db.prepare(
    "INSERT INTO complaint_event (complaint_id, kind, at, actor, from_unit_id, to_unit_id, reason) VALUES (?, 'disposition', ?, 'test', ?, ?, 'uji')",
  )
  for (const id of picked) {
    const c = db.prepare('SELECT * FROM complaint WHERE id = ?').get(id) as Record<string, any>
    const choice = r()
    if (choice < 0.4) {
      const to = units[Math.floor(r() * units.length)]
      const at = Math.max(c.updated_at, c.submitted_at) + 3_600_000
      addEvent.run(id, at, c.unit_id, to)
      db.prepare(
        'UPDATE complaint SET unit_id = ?, first_unit_id = coalesce(first_unit_id, ?), disposition_count = disposition_count + 1, dispositioned_at = coalesce(dispositioned_at, ?), updated_at = ? WHERE id = ?',
      ).run(to, to, at, at, id)
    } else if (choice < 0.7) {
      db.prepare("UPDATE complaint SET status = 'selesai', closed_at = ?, updated_at = ? WHERE id = ?").run(now - 86_400_000, now - 86_400_000, id)
    } else {
      db.prepare("UPDATE complaint SET status = 'belum_terverifikasi', verified_at = NULL, closed_at = NULL, kecamatan_kode = NULL, desa_kode = NULL WHERE id = ?").run(id)
    }
  }
  refreshComplaints(db, kabupaten, [...new Set(picked)], slaContext(db, kabupaten, now))
}

/** A period that starts on a month or year boundary and ends on one, so the month and year rows are read. */
function alignedPeriod(r: () => number) {
  const year = 2024 + Math.floor(r() * 2)
  const startMonth = r() < 0.5 ? 0 : Math.floor(r() * 12)
  const months = 1 + Math.floor(r() * 24)
  return { from: iso(Date.UTC(year, startMonth, 1)), to: iso(Date.UTC(year, startMonth + months, 0)) }
}

function compare(db: Db, kabupaten: string, r: () => number, now: number, until: number) {
  const calendar = loadCalendar(db, kabupaten)
  for (const dim of DIMS) for (const period of [randomPeriod(r, until), alignedPeriod(r)]) {
    const table = kpiTable(db, { kabupaten, dim, period, now, minSample: 5, calendar })
    const plain = plainKpis(db, kabupaten, dim, period, now)
    const rows = dim === 'all' ? [table.total] : table.rows
    expect(new Set(rows.map((x) => x.key)), `${dim} keys`).toEqual(new Set(plain.keys()))
    for (const row of rows) {
      const want = plain.get(row.key)!
      for (const [field, value] of Object.entries(want)) {
        const got = (row as Record<string, unknown>)[field]
        if (typeof value === 'number' && typeof got === 'number') expect(got, `${dim}/${row.key}/${field} ${period.from}..${period.to}`).toBeCloseTo(value, 9)
        else expect(got, `${dim}/${row.key}/${field} ${period.from}..${period.to}`).toEqual(value)
      }
    }
  }
}

describe('KPI aggregates (property)', () => {
  for (const seed of [11, 12, 13]) {
    it(`equal a plain recomputation on random store #${seed}, after a rebuild and after incremental updates`, () => {
      const r = rng(seed)
      const { db } = tempStore()
      seedOfficialHolidays(db)
      const kabupaten = seed % 2 ? '64.08' : '21.03'
      const until = Date.parse('2025-06-01') + Math.floor(r() * 500) * 86_400_000
      generateDemo(db, { kabupaten, count: 600, seed, until: new Date(until) })
      const now = until + Math.floor(r() * 20) * 3_600_000
      db.transaction(() => rebuildKabupaten(db, kabupaten, slaContext(db, kabupaten, now)))()
      compare(db, kabupaten, r, now, until)
      db.transaction(() => mutate(db, kabupaten, r, now))()
      compare(db, kabupaten, r, now, until)
    })
  }
})

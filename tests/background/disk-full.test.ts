// A really full disk, without root or a loop device: SQLite's max_page_count caps the store at its current size,
// so every write that needs a new page fails with SQLITE_FULL exactly as on a full filesystem. The KPI rebuild
// then stops with the message (the next change retries it) and leaves the old numbers whole.
import { describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { addLocalDayOff } from '#main/calendar/store.ts'
import { isStale } from '#main/kpi/refresh.ts'
import { rebuildInBackground } from '#main/kpi/background-rebuild.ts'
import { tempStore } from '../helpers.ts'


function fill(db: ReturnType<typeof tempStore>['db']): void {
  // No free pages left to reuse: any write that needs room must grow the file.
  db.exec('VACUUM')
  db.pragma('wal_checkpoint(TRUNCATE)')
  const pages = db.pragma('page_count', { simple: true }) as number
  // sql-vetted: an integer read from SQLite itself
  db.pragma(`max_page_count = ${pages}`)
}

describe('a full disk', () => {
  it('a background KPI rebuild on a store that cannot grow fails once with the message and leaves the old numbers', async () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: '64.08', count: 400, seed: 5, until: new Date('2026-11-20T00:00:00Z') })
    addLocalDayOff(db, '64.08', '2025-03-03', 'Hari jadi')
    const before = db.prepare('SELECT count(*), sum(n) FROM kpi_due').raw().get()
    // The worker opens its own connection: a cap set on ours does not bind it, so the in-thread path is tested.
    fill(db)
    const err = await rebuildInBackground(db, '64.08', { inThread: true }).then(
      () => null,
      (e: Error) => e,
    )
    expect(err?.message).toMatch(/full|penuh/)
    expect(isStale(db, '64.08')).toBe(true)
    expect(db.prepare('SELECT count(*), sum(n) FROM kpi_due').raw().get()).toEqual(before)
  }, 120_000)
})

// The end of a bulk load (sync/engine.ts writeLoadHooks) writes the words its pages left while the aggregates are
// rebuilt in a worker that holds the write lock in turns. However long another connection holds the lock, the end
// waits for it and completes: waiting in SQLite's busy handler failed a whole 100,000-record CLI run with "database
// is locked" after its 10 s timeout (docs/reliability.md "The end of a bulk sync from the CLI").
import { describe, expect, it } from 'vitest'
import { tempStore } from '../helpers.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { Ingester } from '#main/sync/ingest.ts'
import { writeLoadHooks } from '#main/sync/engine.ts'
import { BUSY_TIMEOUT_MS, openStore } from '#main/store/open.ts'
import '#main/isu/terms.ts'
import { H, T0, record } from './records.ts'

describe('the end of a bulk load', () => {
  it('writes the words its pages left once another connection lets go of the lock, held longer than the busy timeout', async () => {
    const { db, file } = tempStore()
    seedKabupaten(db, '64.08')
    const ingester = new Ingester(db, saveSource(db, { name: 'lapor', kind: 'lapor-json', kabupaten: '64.08' }))
    const items = Array.from({ length: 30 }, (_, i) => ({ record: record({ tracking_id: String(1_980_000 + i), submitted_at: T0 + i * H, updated_at: T0 + i * H + 1 }) }))
    // A bulk load's pages: deadline rows only, the words left to the end.
    expect(ingester.ingest(items, { refreshAggregates: false }).inserted).toBe(30)
    const pending = () => db.prepare('SELECT count(*) FROM isu_term_pending').pluck().get()
    expect(pending()).toBe(30)

    // Another connection (the rebuild's worker, starved of CPU) holds the lock past the busy timeout. Its release
    // is a timer on this thread: it fires only if the end waits on the event loop.
    const other = openStore(file)
    other.exec('BEGIN IMMEDIATE')
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT')
        other.close()
        resolve()
      }, BUSY_TIMEOUT_MS + 500),
    )
    await writeLoadHooks(db, '64.08', { budgetMs: 150, rests: false })
    await released
    expect(pending()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM isu_term').pluck().get()).toBe(30)
  }, 30_000)
})

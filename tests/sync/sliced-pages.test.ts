// A sync page stored in slices (sync/engine.ts ingestInSlices: the app's thread answers requests between slices)
// leaves the store exactly as the page stored in one call: complaints, history, deadline rows, KPI aggregates,
// quarantine, cursor and the run's counters; a page whose first slices were committed before the run stopped is
// stored again with those records unchanged and every record counted once.
import { describe, expect, it, vi } from 'vitest'
import { startBackgroundWork } from '#main/app/workspace/background.ts'
import { createChangeBus } from '#main/live/bus.ts'
import { tempStore } from '../helpers.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'
import { saveSource } from '#main/sync/sources.ts'
import { Ingester, type IngestItem } from '#main/sync/ingest.ts'
import { ingestInSlices } from '#main/sync/engine.ts'
import { beginRun } from '#main/sync/runs.ts'
import { derivePending, hasPending } from '#main/sync/derive.ts'
import { refreshComplaints, slaContext } from '#main/kpi/refresh.ts'
// The isu words are kept by an onRefresh hook of their module, as in the app.
import '#main/isu/terms.ts'
import { openStore, type Db } from '#main/store/open.ts'
import { H, T0, record } from './records.ts'

const NOW = T0 + 90 * 24 * H

/** Another connection (a CLI sync, the KPI rebuild's worker) holding the store's write lock for `ms`. Had the app's
 *  thread waited for it in SQLite's busy handler, this timer could not fire before the 10 s busy timeout: the work
 *  would fail with "database is locked". */
function lockFor(db: Db, ms: number): Promise<void> {
  const other = openStore(db.name)
  other.exec('BEGIN IMMEDIATE')
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT')
      other.close()
      resolve()
    }, ms),
  )
}

function setup() {
  const { db } = tempStore()
  seedKabupaten(db, '64.08')
  const source = saveSource(db, { name: 'lapor', kind: 'lapor-json', kabupaten: '64.08' })
  const run = beginRun(db, source.id, 'test', null, NOW)
  return { db, ingester: new Ingester(db, source), run, source }
}

function page(size = 24): IngestItem[] {
  const items: IngestItem[] = []
  for (let i = 0; i < size; i++) {
    const units = ['64.08/dpupr', '64.08/dinkes', '64.08/disdikbud']
    items.push({
      record: record({
        tracking_id: String(1_950_000 + i),
        submitted_at: T0 + i * 7 * H,
        updated_at: T0 + i * 7 * H + 3 * H,
        kategori: i % 3 === 0 ? 'jalan' : 'kesehatan',
        history: [
          { upstream_id: 'e1', kind: 'submitted', at: T0 + i * 7 * H, actor: 'Pelapor', to_status: 'belum_terverifikasi' },
          { upstream_id: 'e2', kind: 'disposition', at: T0 + i * 7 * H + 2 * H, actor: 'Admin', to_unit: units[i % 3] },
        ],
        status_raw: i % 4 === 0 ? 'Selesai' : 'Proses',
      }),
    })
    // A record the connector could not map, and one that fails validation: quarantined with their place in the page.
    if (i === 5) items.push({ error: 'tidak dapat dibaca', raw: { junk: i } })
    if (i === 17) items.push({ record: record({ tracking_id: '1959999', submitted_at: Number.NaN }) })
  }
  return items
}

function snapshot(db: Db) {
  const all = (sql: string) => db.prepare(sql).all()
  return {
    complaints: all("SELECT * FROM complaint WHERE source = 'lapor' ORDER BY id"),
    events: all('SELECT * FROM complaint_event ORDER BY id'),
    sla: all('SELECT * FROM complaint_sla ORDER BY complaint_id'),
    count: all('SELECT * FROM kpi_count ORDER BY kabupaten_kode, dim, grain, day, key'),
    due: all('SELECT * FROM kpi_due ORDER BY kabupaten_kode, dim, due_day, key'),
    quarantine: all('SELECT run_id, tracking_id, ref, reason, raw_hash, last_seen_at, seen_count FROM sync_quarantine ORDER BY id'),
    cursor: all('SELECT cursor, last_synced_at FROM sync_source'),
    run: all('SELECT pages, fetched, inserted, updated, unchanged, quarantined FROM sync_run'),
    // Likely duplicates: decided in the page's transaction for a small page, left pending for a large one.
    pending: all('SELECT complaint_id FROM serupa_pending ORDER BY complaint_id'),
    ganda: all('SELECT * FROM complaint_ganda ORDER BY complaint_id, other_id'),
  }
}

describe('a sync page stored in slices', () => {
  for (const aggregates of [true, false]) {
    it(`equals the page stored in one call (aggregates ${aggregates ? 'page by page' : 'left to a rebuild'})`, async () => {
      const whole = setup()
      const c1 = whole.ingester.ingest(page(), { cursor: 'c1', runId: whole.run, refreshAggregates: aggregates, now: NOW })

      const sliced = setup()
      let calls = 0
      const ingest = sliced.ingester.ingest.bind(sliced.ingester)
      sliced.ingester.ingest = (items, opts) => {
        calls++
        return ingest(items, opts)
      }
      // A cost per record far above the slice's budget: slices of one record until the estimate comes down.
      const c2 = await ingestInSlices(sliced.db, sliced.ingester, page(), { cursor: 'c1', runId: sliced.run, refreshAggregates: aggregates, now: NOW }, { msPerRecord: 1e9 })
      expect(calls).toBeGreaterThan(10)
      expect(c2).toEqual(c1)
      expect(c1).toMatchObject({ inserted: 24, quarantined: 2 })
      expect(snapshot(sliced.db)).toEqual(snapshot(whole.db))
    })
  }

  it("on the app's thread waits for another connection's write lock without stopping the thread", async () => {
    const whole = setup()
    const c1 = whole.ingester.ingest(page(), { cursor: 'c1', runId: whole.run, now: NOW })
    const sliced = setup()
    const released = lockFor(sliced.db, 500)
    const t0 = Date.now()
    const c2 = await ingestInSlices(sliced.db, sliced.ingester, page(), { cursor: 'c1', runId: sliced.run, now: NOW }, { msPerRecord: 1e9, rests: true })
    await released
    expect(Date.now() - t0).toBeLessThan(5_000)
    expect(c2).toEqual(c1)
    expect(snapshot(sliced.db)).toEqual(snapshot(whole.db))
  })

  it('of more than ARRIVALS_NOW_MAX records leaves its likely duplicates to the background, like the page stored in one call', async () => {
    const whole = setup()
    whole.ingester.ingest(page(60), { cursor: 'c1', runId: whole.run, now: NOW })
    const sliced = setup()
    await ingestInSlices(sliced.db, sliced.ingester, page(60), { cursor: 'c1', runId: sliced.run, now: NOW }, { msPerRecord: 1e9 })
    expect(snapshot(sliced.db).pending.length).toBeGreaterThan(50)
    expect(snapshot(sliced.db)).toEqual(snapshot(whole.db))
  })

  it('a page whose first slices were committed before the run stopped is stored again, each record counted once', async () => {
    const clean = setup()
    clean.ingester.ingest(page(), { cursor: 'c1', runId: clean.run, now: NOW })

    const resumed = setup()
    // The stopped run: its first 9 records committed without the cursor or the counters.
    resumed.ingester.ingest(page().slice(0, 9), { now: NOW })
    expect(resumed.db.prepare('SELECT cursor FROM sync_source').pluck().get()).toBeNull()
    const c = await ingestInSlices(resumed.db, resumed.ingester, page(), { cursor: 'c1', runId: resumed.run, now: NOW }, { msPerRecord: 1e9 })
    expect(c).toMatchObject({ unchanged: 8, inserted: 16, quarantined: 2 })
    const a = snapshot(resumed.db)
    const b = snapshot(clean.db)
    expect(a.run).toEqual([{ pages: 1, fetched: 26, inserted: 16, updated: 0, unchanged: 8, quarantined: 2 }])
    expect(a.cursor).toEqual(b.cursor)
    for (const k of ['complaints', 'events', 'sla', 'count', 'due'] as const) expect(a[k]).toEqual(b[k])
    // The quarantined record seen twice is counted twice where it is kept, and belongs to the run that stored the page.
    expect(a.quarantine.map((q) => (q as { run_id: number }).run_id)).toEqual([resumed.run, resumed.run])
  })
})

describe('a page whose rows were committed but not their derived rows (process killed between slices)', () => {
  it('is listed in ingest_pending, and completing it gives the tables of the page stored in one call', async () => {
    const clean = setup()
    clean.ingester.ingest(page(), { cursor: 'c1', runId: clean.run, now: NOW })

    const killed = setup()
    // What the slices of a killed run committed: rows and the pending list, no deadline rows or aggregates yet.
    killed.ingester.ingest(page().slice(0, 9), { now: NOW, deferDerived: true })
    killed.ingester.ingest(page().slice(9), { now: NOW, deferDerived: true, cursor: 'c1', runId: killed.run })
    const listed = killed.db.prepare('SELECT count(*) FROM ingest_pending').pluck().get() as number
    expect(listed).toBe(24)
    expect(killed.db.prepare('SELECT count(*) FROM complaint_sla').pluck().get()).toBe(0)
    expect(killed.db.prepare('SELECT count(*) FROM kpi_count').pluck().get()).toBe(0)
    // The next run completes them first (engine.ts runSync), in chunks like its slices.
    expect(hasPending(killed.db)).toBe(true)
    expect(await derivePending(killed.db, { now: NOW, pace: { msPerRecord: 1e9 } })).toBe(24)
    expect(hasPending(killed.db)).toBe(false)
    const a = snapshot(killed.db)
    const b = snapshot(clean.db)
    for (const k of ['complaints', 'events', 'sla', 'count', 'due', 'cursor'] as const) expect(a[k]).toEqual(b[k])
    const words = (db: Db) => db.prepare('SELECT * FROM isu_word_day ORDER BY kabupaten_kode, word, day').all()
    expect(words(clean.db).length).toBeGreaterThan(24)
    expect(words(killed.db)).toEqual(words(clean.db))
    const termsPending = (db: Db) => db.prepare('SELECT complaint_id FROM isu_term_pending ORDER BY 1').pluck().all()
    expect(termsPending(killed.db)).toEqual(termsPending(clean.db))
  })

  it("is completed on the app's thread beside another connection's write lock, without stopping the thread", async () => {
    const clean = setup()
    clean.ingester.ingest(page(), { now: NOW })
    const killed = setup()
    killed.ingester.ingest(page(), { now: NOW, deferDerived: true })
    const released = lockFor(killed.db, 500)
    const t0 = Date.now()
    expect(await derivePending(killed.db, { now: NOW, pace: { msPerRecord: 1e9 } })).toBe(24)
    await released
    expect(Date.now() - t0).toBeLessThan(5_000)
    for (const k of ['sla', 'count', 'due'] as const) expect(snapshot(killed.db)[k]).toEqual(snapshot(clean.db)[k])
  })

  it('is completed by the app when it opens the store (serve mode or desktop), not only by the next sync run', async () => {
    const clean = setup()
    clean.ingester.ingest(page(), { now: Date.now() })
    const killed = setup()
    killed.ingester.ingest(page(), { now: Date.now(), deferDerived: true })
    const off = { routingUpkeep: false, backups: false, reminders: false, serupaBackfill: false, termsBuild: false, isuBaseline: false, log: () => {} }
    const stop = startBackgroundWork(killed.db, createChangeBus(), off)
    try {
      await vi.waitFor(() => expect(hasPending(killed.db)).toBe(false), { timeout: 20_000, interval: 100 })
      expect(killed.db.prepare('SELECT count(*) FROM complaint_sla').pluck().get()).toBe(24)
      expect(snapshot(killed.db).count).toEqual(snapshot(clean.db).count)
    } finally {
      stop()
    }
  })

  it('a complaint refreshed by another writer while still listed is counted once', async () => {
    const clean = setup()
    clean.ingester.ingest(page(), { now: NOW })
    const killed = setup()
    killed.ingester.ingest(page(), { now: NOW, deferDerived: true })
    // A local action refreshes one listed complaint before the list is completed.
    const id = killed.db.prepare('SELECT complaint_id FROM ingest_pending LIMIT 1').pluck().get() as number
    killed.db.transaction(() => refreshComplaints(killed.db, '64.08', [id], slaContext(killed.db, '64.08', NOW))).immediate()
    await derivePending(killed.db, { now: NOW })
    for (const k of ['sla', 'count', 'due'] as const) expect(snapshot(killed.db)[k]).toEqual(snapshot(clean.db)[k])
  })
})

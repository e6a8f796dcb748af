// The crash test: a child process syncing a large source is killed with SIGKILL at random moments, many times.
// After each kill the store is intact (integrity_check, foreign keys); after a final sync it equals the upstream
// exactly and equals a store synced without interruption, row for row, history and aggregates included.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Db } from '#main/store/open.ts'
import type { RunningSimulator } from '#main/dev/simulator/server.ts'
import { runSync } from '#main/sync/engine.ts'
import { FAST, simSnapshot, simulator, storeFor, storeSnapshot } from './sim.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const KILLS = 8
/** The indexes of the complaints, their deadline rows and their history in a store the migrations made. */
const COMPLAINT_INDEXES = (() => {
  const db = openStore(':memory:')
  try {
    return db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('complaint', 'complaint_sla', 'complaint_event')").pluck().get() as number
  } finally {
    db.close()
  }
})()

let sim: RunningSimulator
beforeAll(async () => {
  sim = await simulator(6000)
})
afterAll(() => sim?.close())

/** Starts `tanggap sync` and SIGKILLs it a random moment after it began pulling; resolves how it ended. */
function syncAndKill(file: string, noAggregates: boolean, rng: () => number): Promise<'killed' | 'finished'> {
  // Groups of pages of 300 ms (sync/page-group.ts): a kill lands inside a group (rolled back whole) after a few
  // have committed, at a different point each time; the default 5 s would hold the whole of this small run.
  const args = ['bin/tanggap.js', 'sync', '--db', file, '--source', 'lapor', '--retries', '2', '--backoff', '10', '--group-ms', '300']
  if (noAggregates) args.push('--no-aggregates')
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve) => {
    let armed = false
    child.stderr.on('data', (d: Buffer) => {
      if (armed || !/pull:/.test(d.toString())) return
      armed = true
      setTimeout(() => child.kill('SIGKILL'), Math.floor(rng() * 800))
    })
    let log = ''
    child.stderr.on('data', (d: Buffer) => (log += d.toString()))
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) console.error(log)
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished')
    })
  })
}

function checkIntact(file: string): { complaints: number; running: number } {
  const db = openStore(file)
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    // A first load sets the indexes of complaint, complaint_sla and complaint_event aside (sync/first-load.ts):
    // opening the store after a kill builds them again (store/deferred-indexes.ts), every one of them.
    expect(db.prepare('SELECT count(*) FROM deferred_index').pluck().get()).toBe(0)
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('complaint', 'complaint_sla', 'complaint_event')").pluck().get()).toBe(COMPLAINT_INDEXES)
    return {
      complaints: db.prepare('SELECT count(*) FROM complaint').pluck().get() as number,
      running: db.prepare("SELECT count(*) FROM sync_run WHERE status = 'running'").pluck().get() as number,
    }
  } finally {
    db.close()
  }
}

/** Everything a sync writes, without the local row ids (which differ between stores). */
function rows(db: Db) {
  const complaints = db.prepare("SELECT * FROM complaint WHERE source = 'lapor' ORDER BY tracking_id").all() as Record<string, unknown>[]
  const strip = (r: Record<string, unknown>) => {
    const { id: _id, ...rest } = r
    return rest
  }
  return {
    complaints: complaints.map(strip),
    events: db
      .prepare(
        `SELECT c.tracking_id, e.kind, e.at, e.actor, e.from_status, e.to_status, e.from_unit_id, e.to_unit_id, e.reason, e.body, e.upstream_id
         FROM complaint_event e JOIN complaint c ON c.id = e.complaint_id ORDER BY c.tracking_id, e.upstream_id`,
      )
      .all(),
    reporters: db.prepare('SELECT c.tracking_id, r.nama, r.nik, r.phone, r.email FROM reporter r JOIN complaint c ON c.id = r.complaint_id ORDER BY c.tracking_id').all(),
    kpi: db.prepare("SELECT * FROM kpi_count WHERE kabupaten_kode = '64.08' ORDER BY dim, grain, day, key").all(),
    sla: db.prepare('SELECT c.tracking_id, s.* FROM complaint_sla s JOIN complaint c ON c.id = s.complaint_id ORDER BY c.tracking_id').all().map((r) => strip({ ...(r as object), complaint_id: 0, id: 0 })),
  }
}

describe('kill -9 during sync', () => {
  it(`resumes after ${KILLS} SIGKILLs with nothing lost, nothing duplicated and an intact store`, async () => {
    const { db, file } = storeFor(sim, { pageSize: 50 })
    db.close()
    let seed = 12345
    const rng = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const outcomes: string[] = []
    const seen: number[] = []
    for (let i = 0; i < KILLS; i++) {
      outcomes.push(await syncAndKill(file, i % 3 === 2, rng))
      const state = checkIntact(file)
      seen.push(state.complaints)
      if (outcomes[i] === 'finished') break
    }
    // The kills really landed mid-run, at different points.
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(3)
    expect(new Set(seen).size).toBeGreaterThanOrEqual(3)

    const resumed = openStore(file)
    const r = await runSync(resumed, 'lapor', { trigger: 'test', policy: FAST })
    expect(r.status).toBe('ok')
    expect(resumed.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(storeSnapshot(resumed)).toEqual(simSnapshot(sim))
    // Every killed run is in the history as interrupted, none is left 'running'.
    const runs = resumed.prepare('SELECT status, count(*) AS n FROM sync_run GROUP BY status').all() as { status: string; n: number }[]
    expect(runs.find((x) => x.status === 'running')).toBeUndefined()
    // (A kill that lands before a run's first row is committed leaves no run to mark: at most one per kill.)
    const interrupted = runs.find((x) => x.status === 'interrupted')?.n ?? 0
    expect(interrupted).toBeGreaterThanOrEqual(1)
    expect(interrupted).toBeLessThanOrEqual(outcomes.filter((o) => o === 'killed').length)
    // No run ever fetched a record twice for nothing: the total fetched is the dataset plus re-reads of at most
    // one uncommitted page per kill.
    const fetched = resumed.prepare('SELECT sum(fetched) FROM sync_run').pluck().get() as number
    expect(fetched).toBe(6000)

    const clean = storeFor(sim, { pageSize: 50 }).db
    expect((await runSync(clean, 'lapor', { trigger: 'test', policy: FAST })).status).toBe('ok')
    const a = rows(resumed)
    const b = rows(clean)
    expect(a.complaints).toEqual(b.complaints)
    expect(a.events).toEqual(b.events)
    expect(a.reporters).toEqual(b.reporters)
    expect(a.sla).toEqual(b.sla)
    expect(a.kpi).toEqual(b.kpi)
    resumed.close()
  }, 600_000)
})

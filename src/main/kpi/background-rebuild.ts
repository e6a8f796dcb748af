// Rebuilds a kabupaten's deadlines and aggregates off the app's thread: the entry point for every heavy rebuild
// while the app serves (a calendar or rule change in Pengaturan, the end of a bulk sync). The work runs in a worker
// thread (kpi/sliced-rebuild.ts: short write slices, aggregates swapped in one short transaction), so requests
// keep being answered with the old numbers until the new ones are in. Open screens hear of it on the change bus
// twice: when it starts (they show "sedang dihitung ulang") and when the new numbers are in (they refetch).
// Where no worker can run (an in-memory store, a bundled build without the module), it runs here in one
// transaction as before.
import type { Db } from '../store/open.ts'
import { storeHandle } from '../store/worker-connection.ts'
import type { ChangeBus } from '../live/bus.ts'
import { startModule } from '../background/worker.ts'
import { markFresh, rebuildKabupaten, slaContext } from './refresh.ts'
import { calendarDigest, recordDigest } from './rebuild-queue.ts'
import type { SlicedJob, SlicedResult } from './sliced-rebuild.ts'
import { calendarRevision } from '../calendar/store.ts'

export type BackgroundRebuild = SlicedResult & { inThread: boolean }

/** Complaints per write transaction: about 30–60 ms of work on this machine, so a waiting writer waits little. */
export const SLICE = 400

const running = new WeakMap<Db, Map<string, Promise<BackgroundRebuild>>>()

/** True while a background rebuild of this kabupaten runs for this connection's app. */
export function isRecomputing(db: Db, kabupaten: string): boolean {
  return running.get(db)?.has(kabupaten) ?? false
}

export type RebuildOptions = {
  bus?: ChangeBus
  now?: number
  digest?: boolean
  clear?: string[]
  /** false: only the aggregates are owed, the deadline rows are current (sliced-rebuild.ts SlicedJob.deadlines). */
  deadlines?: boolean
  slice?: number
  /** Pacing of the worker's write slices (sliced-rebuild.ts SlicedJob.pace; default: the app's). */
  pace?: SlicedJob['pace']
  onProgress?: (done: number) => void
  /** Once the rebuild has taken its first write lock and marked itself running (sliced-rebuild.ts onBegun). */
  onBegun?: () => void
  /** Never start a worker (tests of the fallback). */
  inThread?: boolean
  /** Nice steps below the caller for the worker (background/worker.ts; default BACKGROUND_NICE, behind the app's
   *  thread). 0 for a run of the CLI, whose rebuild is the run's own work. */
  nice?: number
}

export function rebuildInBackground(db: Db, kabupaten: string, opts: RebuildOptions = {}): Promise<BackgroundRebuild> {
  let mine = running.get(db)
  if (!mine) running.set(db, (mine = new Map()))
  const existing = mine.get(kabupaten)
  // A second request while one runs waits for it and then runs again: the first may have read older data.
  const p = (existing ? existing.catch(() => null) : Promise.resolve(null)).then(() => run(db, kabupaten, opts))
  const tracked = p.finally(() => {
    if (mine.get(kabupaten) === tracked) mine.delete(kabupaten)
  })
  mine.set(kabupaten, tracked)
  opts.bus?.emit({ kabupaten, kind: 'complaints', at: Date.now(), count: 0 })
  return tracked
}

function run(db: Db, kabupaten: string, opts: RebuildOptions): Promise<BackgroundRebuild> {
  const job: SlicedJob = { kabupaten, now: opts.now ?? Date.now(), slice: opts.slice ?? SLICE, digest: opts.digest ?? false, clear: opts.clear ?? [], deadlines: opts.deadlines ?? true, pace: opts.pace }
  const handle = storeHandle(db)
  const worker = opts.inThread || !handle ? null : startModule(new URL('./rebuild-worker.ts', import.meta.url), { ...handle, job }, undefined, { nice: opts.nice })
  const announce = (r: BackgroundRebuild) => {
    opts.bus?.emit({ kabupaten, kind: 'complaints', at: Date.now(), count: r.complaints })
    return r
  }
  if (!worker) {
    const r = announce(inThread(db, job))
    opts.onBegun?.()
    return Promise.resolve(r)
  }
  worker.unref() // never keeps a CLI or a test process alive
  return new Promise<BackgroundRebuild>((resolve, reject) => {
    let settled = false
    worker.on('message', (m: { type: 'progress'; done: number } | { type: 'begun' } | { type: 'done'; result: SlicedResult } | { type: 'error'; message: string; code: string | null }) => {
      if (m.type === 'progress') return opts.onProgress?.(m.done)
      if (m.type === 'begun') return opts.onBegun?.()
      settled = true
      if (m.type === 'done') resolve(announce({ ...m.result, inThread: false }))
      else reject(Object.assign(new Error(m.message), { code: m.code ?? undefined }))
    })
    worker.once('error', (err) => {
      settled = true
      reject(err)
    })
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`hitung ulang KPI berhenti tanpa hasil (kode ${code})`))
    })
  })
}

function inThread(db: Db, job: SlicedJob): BackgroundRebuild {
  const t0 = performance.now()
  const complaints = db.transaction(() => {
      const revision = calendarRevision(db)
      const digest = job.digest ? calendarDigest(db, job.kabupaten) : null
      rebuildKabupaten(db, job.kabupaten, slaContext(db, job.kabupaten, job.now))
      markFresh(db, job.kabupaten, revision)
      if (digest !== null) recordDigest(db, job.kabupaten, digest, revision)
      for (const key of job.clear) db.prepare('DELETE FROM setting WHERE key = ?').run(key)
      return db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(job.kabupaten) as number
    }).immediate()
  return { complaints, ms: Math.round(performance.now() - t0), slices: 1, swaps: 1, corrected: 0, inThread: true }
}

// `tanggap bench responsiveness`: does the server keep answering while heavy work runs? Serve mode runs in this
// process on a demo store of --count complaints; 50 simulated users (a worker thread, over HTTP on 127.0.0.1:
// queue page → detail → KPI table, one in five writing a note) keep using it while each kind of background work is
// started in turn (`cli-sync`: `tanggap sync` in another process, writing to the same store beside the server).
// Per kind: the longest event-loop stall of the server's thread (perf_hooks
// monitorEventLoopDelay, plus a 10 ms timer probe) and the users' request latencies (p50/p95/p99), as JSON.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { monitorEventLoopDelay, performance as perf } from 'node:perf_hooks'
import { loadavg } from 'node:os'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Workspace } from '#main/app/workspace/open.ts'
import { startServer } from '#main/app/server/serve.ts'
import { startModule } from '#main/background/worker.ts'
import { deadlineState, whenRebuilt } from '#main/kpi/rebuild-queue.ts'
import { saveSource, sourceByName } from '#main/sync/sources.ts'
import { syncService } from '#main/sync/service.ts'
import { exportJobs } from '#main/export/jobs.ts'
import { appRouter } from '#main/app/api/router.ts'
import { findProfile } from '#main/users/profiles.ts'
import { modelRow } from '#main/routing/store.ts'
import { rebuild } from '#main/routing/learn.ts'
import { BACKGROUND_NICE, currentThreadNice, setThreadPriorityEnabled, threadPriorityEnabled } from '#main/background/priority.ts'
import { startStallProfile, type StallCause } from './stall-profile.ts'
import { defaultToken } from '../simulator/server.ts'
import { startSimulatorProcess } from './sync.ts'
import { resourcePath } from '#main/resources.ts'

export const RESPONSIVENESS_KINDS = ['idle', 'kpi-rebuild', 'sync', 'cli-sync', 'export'] as const
export type ResponsivenessKind = (typeof RESPONSIVENESS_KINDS)[number]

export type ResponsivenessOptions = {
  ws: Workspace
  kabupaten: string
  users: number
  thinkMs: number
  /** Records the sync kind pulls from a `tanggap simulate` child (above 20,000: one rebuild at the end). */
  syncCount: number
  /** The sync kind's upstream store, kept between runs (generated when missing): generating 100,000 records takes
   *  minutes on a loaded machine, and is not the server's work. */
  simDb?: string
  idleMs: number
  /** The most a kind's window lasts (default: until its work ends). A KPI rebuild of 1,000,000 complaints on a
   *  loaded machine takes far longer than the stalls need to show; the note then says the work was still running. */
  windowMs?: number
  /** Serve mode's read pool (default on); false measures the server with every read on its own thread. */
  readPool?: boolean
  /** Background and pool workers at a lower priority than the server's thread (background/priority.ts; default
   *  true); false measures them at the same priority, as before. */
  threadPriority?: boolean
  /** Keep the one-off backfills of a freshly migrated store running (serupa words and duplicates, the early
   *  warning's words; default true); false measures a store that has finished them. */
  backfills?: boolean
  /** Keep routing upkeep running in the server, as serve mode does (default true). */
  routing?: boolean
  kinds?: readonly ResponsivenessKind[]
  log?: (line: string) => void
}

type Sample = { ms: number; ok: boolean }
export type KindResult = {
  kind: ResponsivenessKind
  work_ms: number
  longest_stall_ms: number
  probe_longest_late_ms: number
  requests: number
  failed: number
  p50_ms: number
  p95_ms: number
  p99_ms: number
  max_ms: number
  errors?: string[]
  note?: string
  /** The longest run of the server thread's CPU profile without an idle sample, and where it was spent. */
  longest_busy?: StallCause
  /** CPU of the whole process during the window (every thread: the server's, the read pool, the rebuild worker
   *  and the simulated users' thread too), and the share of the window the server's own thread was busy
   *  (event-loop utilization). */
  cpu_ms: number
  server_thread_busy: number
  /** Load average of the machine (1 min) at the start and the end of the window. */
  load: [number, number]
  /** What the read pool did in the window: reads run in its workers, on the server thread (before a worker was
   *  ready), answered from a kept answer or shared with one in flight. */
  reads?: { off_thread: number; in_thread: number; kept: number; shared: number }
}

const quantile = (sorted: number[], q: number) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]) : 0)

export async function benchResponsiveness(opts: ResponsivenessOptions) {
  const { ws, kabupaten } = opts
  const log = opts.log ?? (() => {})
  // A running app has a routing model: a store that never had one (a fresh demo store) is trained first, outside
  // the measurement, so that "idle" measures an app at rest and not its first training.
  if ((opts.routing ?? true) && !modelRow(ws.db, kabupaten)) {
    const t = performance.now()
    const r = rebuild(ws.db, kabupaten)
    log(`model penerusan dilatih dulu: ${r.complaints} laporan, ${Math.round(performance.now() - t)} ms`)
  }
  const tmp = mkdtempSync(join(tmpdir(), 'tanggap-bench-resp-'))
  const priorityWas = threadPriorityEnabled()
  setThreadPriorityEnabled(opts.threadPriority ?? true)
  let simulator: Awaited<ReturnType<typeof startSimulatorProcess>> | null = null
  // Prepared before the server and the users start: the simulator's own dataset generation is not the server's work.
  if ((opts.kinds ?? RESPONSIVENESS_KINDS).some((k) => k === 'sync' || k === 'cli-sync')) {
    const t = performance.now()
    simulator = await startSimulatorProcess({ count: opts.syncCount, kabupaten, pageSize: 100, log: () => {} }, opts.simDb ?? join(tmp, 'upstream.db'))
    log(`simulator siap: ${Math.round(performance.now() - t)} ms`)
  }
  const server = await startServer({ workspace: ws, port: 0, routingUpkeep: opts.routing ?? true, serupaBackfill: opts.backfills ?? true, termsBuild: opts.backfills ?? true, backups: false, storeCheck: false, readPool: opts.readPool === false ? false : undefined, log: () => {} })
  // The read pool's workers load before the users come (in a running app they load with the first screens).
  if (server.reads) log(`pembaca latar: ${(await server.reads.ready()) ? 'siap' : 'tidak tersedia'}`)
  const users = startModule(new URL('./responsiveness-users.ts', import.meta.url), { url: server.url, users: opts.users, kabupaten, thinkMs: opts.thinkMs }, undefined, { nice: 0 })
  if (!users) throw new Error('pengguna simulasi tidak dapat dijalankan di sini (butuh sumber TypeScript dan tsx)')
  const collect = (type: 'collect' | 'stop' = 'collect') =>
    new Promise<{ samples: Sample[]; errors: string[] }>((resolve) => {
      users.once('message', resolve)
      users.postMessage({ type })
    })
  const results: KindResult[] = []
  // The sync kinds' source: a new one each time, so that it pulls every record of the simulator.
  const source = (prefix: string) => {
    const name = `${prefix}-${Date.now()}`
    saveSource(ws.db, { name, kind: 'lapor-json', kabupaten, config: { baseUrl: simulator!.url, pageSize: 100 }, token: defaultToken(kabupaten) })
    return { id: sourceByName(ws.db, name)!.id, name }
  }
  // Its last run: status (or `unfinished`, when the window ended first), records, error.
  const runNote = (id: number, unfinished: string | null) => {
    const run = ws.db.prepare('SELECT status, fetched, error FROM sync_run WHERE source_id = ? ORDER BY id DESC LIMIT 1').get(id) as { status: string; fetched: number; error: string | null } | undefined
    return `${unfinished ?? run?.status ?? 'no run'}, ${run?.fetched ?? 0} records${run?.error ? `: ${run.error}` : ''}`
  }
  try {
    await new Promise((r) => setTimeout(r, 3_000)) // users warm up
    await collect()
    for (const kind of opts.kinds ?? RESPONSIVENESS_KINDS) {
      log(`${kind}…`)
      const h = monitorEventLoopDelay({ resolution: 10 })
      h.enable()
      const stopProfile = await startStallProfile()
      // The timer probe starts once the profiler runs, as the histogram's first tick does: started before it, the
      // probe was once 442 ms late in an idle window on the 1,000,000-complaint store where the histogram saw 57 ms
      // and the profiler no busy run over 86 ms; starting the profiler is the bench's own instrument.
      let late = 0
      let expected = performance.now() + 10
      const probe = setInterval(() => {
        const now = performance.now()
        late = Math.max(late, now - expected)
        expected = now + 10
      }, 10)
      const reads0 = server.reads?.stats()
      const cpu0 = process.cpuUsage()
      const elu0 = perf.eventLoopUtilization()
      const load0 = loadavg()[0]
      const t0 = performance.now()
      /** Whether `work` ended within the window (--window-ms). */
      const capped = (work: Promise<unknown>): Promise<boolean> =>
        opts.windowMs === undefined ? work.then(() => true) : Promise.race([work.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), Math.max(0, opts.windowMs! - (performance.now() - t0))))])
      let note: string | undefined
      if (kind === 'idle') await new Promise((r) => setTimeout(r, opts.idleMs))
      else if (kind === 'kpi-rebuild') {
        const res = await fetch(`${server.url}/trpc/calendar.addDayOff`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kabupaten, date: '2025-08-18', nama: `Uji tolok ukur ${Date.now()}` }),
        })
        if (!res.ok) throw new Error(`calendar.addDayOff: HTTP ${res.status} ${await res.text()}`)
        await new Promise((r) => setTimeout(r, 300))
        if (await capped(whenRebuilt(ws.db))) {
          const run = deadlineState(ws.db, kabupaten).lastRun
          note = run ? `rebuilt ${run.complaints} complaints in ${run.ms} ms` : undefined
        } else note = `rebuild still running after the ${opts.windowMs} ms window`
      } else if (kind === 'sync') {
        const { id } = source('bench')
        const res = await fetch(`${server.url}/trpc/sync.runNow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sourceId: id }) })
        if (!res.ok) throw new Error(`sync.runNow: HTTP ${res.status} ${await res.text()}`)
        await new Promise((r) => setTimeout(r, 200))
        const done = await capped(syncService(ws.db, ws.bus).settled())
        note = `sync ${runNote(id, done ? null : `still running after the ${opts.windowMs} ms window`)}`
      } else if (kind === 'cli-sync') {
        // Another process writing to the same store: a run of the CLI (its 150 ms slices, back to back).
        const { id, name } = source('bench-cli')
        const child = spawn(process.execPath, [resourcePath('..', 'bin', 'tanggap.js'), 'sync', '--db', ws.file, '--source', name, '--quiet'], { stdio: 'ignore' })
        const exited = once(child, 'exit')
        const done = await capped(exited)
        if (!done) {
          child.kill('SIGTERM')
          await exited
        }
        note = `CLI sync ${runNote(id, done ? null : `stopped after the ${opts.windowMs} ms window`)}`
      } else if (kind === 'export') {
        const user = findProfile(ws.db, 'admin')!
        const jobs = exportJobs(ws.db)
        // Started as the app starts it (the API's exports.start, with the server's read pool): the queue's counts
        // are read there before the rows stream out.
        const api = appRouter.createCaller({ db: ws.db, bus: ws.bus, user, app: { mode: 'serve', defaultKabupaten: null }, reads: server.reads ?? undefined })
        const { job } = (await api.exports.start({ request: { kind: 'queue', kabupaten, queue: 'semua', sort: 'terlama' } as never, format: 'xlsx', delimiter: ';' })) as { job: { id: string } }
        for (;;) {
          const s = jobs.get(job.id, user)
          if (s.status !== 'running' && s.status !== ('queued' as never)) {
            note = `export ${s.status}, ${s.rowsDone} rows`
            break
          }
          await new Promise((r) => setTimeout(r, 100))
        }
      }
      const workMs = Math.round(performance.now() - t0)
      await new Promise((r) => setTimeout(r, 500)) // requests that waited through the end of the work
      const cpu = process.cpuUsage(cpu0)
      const elu = perf.eventLoopUtilization(elu0)
      const reads1 = server.reads?.stats()
      h.disable()
      clearInterval(probe)
      const cause = await stopProfile().catch(() => null)
      const { samples, errors } = await collect()
      const ms = samples.map((s) => s.ms).sort((a, b) => a - b)
      results.push({
        kind,
        work_ms: workMs,
        longest_stall_ms: Math.round(h.max / 1e6),
        probe_longest_late_ms: Math.round(late),
        requests: samples.length,
        failed: samples.filter((s) => !s.ok).length,
        p50_ms: quantile(ms, 0.5),
        p95_ms: quantile(ms, 0.95),
        p99_ms: quantile(ms, 0.99),
        max_ms: Math.round(ms[ms.length - 1] ?? 0),
        ...(errors.length ? { errors: errors.slice(0, 5) } : {}),
        ...(note ? { note } : {}),
        ...(cause ? { longest_busy: cause } : {}),
        cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
        server_thread_busy: Math.round(elu.utilization * 1000) / 1000,
        load: [Math.round(load0 * 10) / 10, Math.round(loadavg()[0] * 10) / 10],
        ...(reads0 && reads1
          ? { reads: { off_thread: reads1.offThread - reads0.offThread, in_thread: reads1.inThread - reads0.inThread, kept: reads1.hits - reads0.hits, shared: reads1.shared - reads0.shared } }
          : {}),
      })
      log(JSON.stringify(results[results.length - 1]))
    }
  } finally {
    await collect('stop').catch(() => null)
    await users.terminate()
    // A sync still running after its window (--window-ms) is cancelled before the store closes under it.
    await syncService(ws.db, ws.bus).stop().catch(() => null)
    simulator?.child.kill()
    await server.close()
    rmSync(tmp, { recursive: true, force: true })
    setThreadPriorityEnabled(priorityWas)
  }
  const nice = currentThreadNice()
  return { users: opts.users, think_ms: opts.thinkMs, thread_priority: nice === null ? 'unsupported' : opts.threadPriority === false ? 'off' : `server ${nice}, workers ${Math.min(19, nice + BACKGROUND_NICE)}`, results }
}

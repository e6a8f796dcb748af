// One sync run of one source: open the run, refresh reference lists, push pending local actions, then pull pages
// from the stored cursor, each page committed with its cursor (ingest.ts), so a run stopped anywhere resumes
// from the last committed page. Network trouble is retried with backoff (http.ts); when retries run out, the run
// ends 'failed' with the reason, and everything committed so far stays.
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import { rebuildInBackground } from '../kpi/background-rebuild.ts'
import { runRefreshHooks } from '../kpi/refresh.ts'
import { indexPendingTerms } from '../isu/terms.ts'
import { connectorFor } from './connector.ts'
import './connectors/index.ts'
import { DEFAULT_POLICY, UpstreamError, delay, type RetryPolicy } from './http.ts'
import { derivePace, derivePending, hasPending, rebuildOwedKey, type DerivePace } from './derive.ts'
import { ARRIVALS_NOW_MAX, Ingester, type IngestCounts, type IngestItem, type IngestOptions } from './ingest.ts'
import type { SyncMonitor, SyncPhase, SyncProgress } from './progress.ts'
import { beginRun, finishRun, heartbeat, type RunCounts, type RunStatus, type RunTrigger } from './runs.ts'
import { sourceByName, sourceById, tokenOf, type SourceRow } from './sources.ts'
import { pushOutbox } from './writeback.ts'
import { withBulkWal } from './wal.ts'
import { beginFirstLoad, type FirstLoad } from './first-load.ts'
import { GROUP_MS, PageGroup } from './page-group.ts'
import { rest, settlesWithin } from '../background/pace.ts'
import { whenLockFree } from '../store/write-or-skip.ts'
import { ALONE_SLICE_MS, COMPANY_SLICE_MS, appOpen, othersWriting, sliceBudget } from './beside.ts'

export type RunOptions = {
  trigger: RunTrigger
  bus?: ChangeBus
  monitor?: SyncMonitor
  onProgress?: (p: SyncProgress) => void
  signal?: AbortSignal
  policy?: RetryPolicy
  /** true: KPI aggregates current after every page; false: one rebuild at the end; 'auto' (default): page by page,
   * unless the first page announces a bulk load (more than BULK_LOAD records), where one rebuild is far cheaper. */
  refreshAggregates?: boolean | 'auto'
  /** The most one slice of a page may take (default: INGEST_SLICE_MS; for a run of the CLI, whose thread answers no
   *  requests, CLI_SLICE_MS while an app has the store open and ALONE_SLICE_MS otherwise: its slices only keep another
   *  process's writers from waiting long for the lock). */
  sliceMs?: number
  /** A run of the CLI alone: how long one transaction may hold the pages that arrive (page-group.ts; default
   *  GROUP_MS, 0: a transaction per page). */
  groupMs?: number
  /** Stop after this many pages (tests; a run ended this way is 'ok' and resumes next time). */
  maxPages?: number
}

export type RunSummary = {
  source: string
  run_id: number
  status: Exclude<RunStatus, 'running'>
  push_conflicts: number
  push_failed: number
  ms: number
  records_per_s: number
  aggregates_rebuild_ms: number | null
  error: string | null
} & RunCounts

const HEARTBEAT_MS = 10_000
/** Records in one run above which aggregates are rebuilt once at the end rather than kept current page by page:
 * measured, refreshing page by page costs several times the rebuild (docs/sync.md). */
export const BULK_LOAD = 20_000
const BUS_EVERY_MS = 1_000
/** The most one slice of a page may hold the app's thread (and the store's write lock), measured; the slice size
 *  follows the measured cost per record (docs/reliability.md "The sync's pages in slices"). */
export const INGEST_SLICE_MS = 25
/** A slice of a run of the CLI (`tanggap sync`) while an app has the store open: a server writing to the same store
 *  waits at most this long for the lock (the budget for the longest stall is 250 ms); fewer, larger commits
 *  are most of a sync's speed, and alone the CLI takes ALONE_SLICE_MS (beside.ts). */
export const CLI_SLICE_MS = 150
/** The end-of-run rebuild of a CLI run (kpi/sliced-rebuild.ts SlicedJob.pace): slices as long as the run's own,
 *  with a rest of a sixth of each (25 ms), where the app's rebuilds rest as long as they worked. */
export const CLI_REBUILD_PACE = { sliceMs: CLI_SLICE_MS, restShare: 1 / 6 }
/** Records in the first slice of a run, before any cost is measured. */
const FIRST_SLICE = 10

export async function runSync(db: Db, source: string | number | SourceRow, opts: RunOptions): Promise<RunSummary> {
  // A run of the CLI (no server on its thread) checkpoints its WAL less often (wal.ts).
  return opts.trigger === 'cli' ? withBulkWal(db, () => syncOnce(db, source, opts)) : syncOnce(db, source, opts)
}

async function syncOnce(db: Db, source: string | number | SourceRow, opts: RunOptions): Promise<RunSummary> {
  const row = typeof source === 'object' ? source : typeof source === 'number' ? sourceById(db, source) : sourceByName(db, source)
  if (!row) throw new Error(`sumber ${source} tidak ada; tambahkan dengan \`tanggap source add\``)
  if (!row.is_enabled) throw new Error(`sumber ${row.name} dinonaktifkan`)
  const started = Date.now()
  const runId = beginRun(db, row.id, opts.trigger, row.cursor, started)
  const signal = opts.signal ?? new AbortController().signal
  const policy = opts.policy ?? DEFAULT_POLICY
  const p: SyncProgress = {
    sourceId: row.id,
    source: row.name,
    kabupaten: row.kabupaten_kode,
    runId,
    status: 'running',
    phase: 'connect',
    pages: 0,
    fetched: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    quarantined: 0,
    retries: 0,
    pushed: 0,
    remaining: null,
    ratePerSec: 0,
    startedAt: started,
    at: started,
    message: null,
  }
  const report = (phase: SyncPhase = p.phase) => {
    p.phase = phase
    p.at = Date.now()
    p.ratePerSec = p.fetched / Math.max(0.001, (p.at - started) / 1000)
    opts.monitor?.report({ ...p })
    opts.onProgress?.({ ...p })
  }
  const ctx = {
    signal,
    policy,
    onRetry: (info: { attempt: number; delayMs: number; reason: string }) => {
      p.retries++
      p.message = `${info.reason}; coba lagi ke-${info.attempt} dalam ${Math.round(info.delayMs / 100) / 10} detik`
      report()
    },
  }
  const beat = setInterval(() => heartbeat(db, runId), HEARTBEAT_MS)
  beat.unref()
  let refresh = opts.refreshAggregates ?? 'auto'
  let lastBus = 0
  const tell = (force = false) => {
    if (!opts.bus || (!force && Date.now() - lastBus < BUS_EVERY_MS)) return
    lastBus = Date.now()
    opts.bus.emit({ kabupaten: row.kabupaten_kode, kind: 'sync', at: lastBus, count: p.inserted + p.updated })
  }
  let status: Exclude<RunStatus, 'running'> = 'ok'
  let error: string | null = null
  let pushConflicts = 0
  let pushFailed = 0
  let rebuildMs: number | null = null
  let group: PageGroup | null = null
  let firstLoad: FirstLoad | null = null
  try {
    report('connect')
    const connector = connectorFor(db, row, tokenOf(db, row.id))
    if (connector.syncReferences) {
      report('references')
      await connector.syncReferences(ctx)
    }
    if (row.is_writeback && connector.push) {
      report('push')
      const pushed = await pushOutbox(db, row, connector, ctx)
      p.pushed = pushed.sent
      pushConflicts = pushed.conflicts
      pushFailed = pushed.failed
    }
    report('pull')
    // Without page-by-page aggregates, a marker says a rebuild is owed until it is done, so a run killed before
    // its final rebuild leaves the debt to the next run rather than stale dashboards for ever.
    // Its value says what is owed: 'aggregates' when the pages wrote their deadline rows (this version), anything
    // else (an older run's 'true') the deadline rows too.
    const owed = rebuildOwedKey(row.kabupaten_kode)
    const owe = () => {
      const was = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(owed) as string | undefined
      if (was === undefined) db.prepare("INSERT INTO setting (key, value) VALUES (?, 'aggregates')").run(owed)
    }
    if (refresh === false) owe()
    const ingester = new Ingester(db, row)
    const budgetMs = opts.sliceMs ?? (opts.trigger === 'cli' ? (appOpen(db) ? CLI_SLICE_MS : ALONE_SLICE_MS) : INGEST_SLICE_MS)
    // In the app (a sync started from Sinkronisasi or by its schedule) every slice is followed by a rest as long as
    // itself (background/pace.ts), so requests and other writers get the thread and the lock; a run of the CLI or
    // of a test goes straight on (its thread answers no one).
    const rests = opts.trigger === 'manual' || opts.trigger === 'schedule'
    const pace: SlicePace = { msPerRecord: INGEST_SLICE_MS / FIRST_SLICE, derive: derivePace(), budgetMs, rests }
    // What a run killed between a page's rows and its derived rows left (sync/derive.ts): completed first.
    if (hasPending(db)) await derivePending(db, { pace: pace.derive, budgetMs, rest: rests })
    const cursor = (db.prepare('SELECT cursor FROM sync_source WHERE id = ?').pluck().get(row.id) as string | null) ?? null
    // Alone, a run of the CLI stores the pages that arrive within its budget in one transaction and writes their
    // derived rows once for all of them (page-group.ts).
    const derived = (pace.derive ??= derivePace())
    group =
      opts.trigger === 'cli' && !rests && budgetMs >= ALONE_SLICE_MS && opts.groupMs !== 0
        ? new PageGroup(
            db,
            () => sliceBudget(db, opts.groupMs ?? GROUP_MS, false),
            (ids) =>
              derivePending(db, { ids, pace: derived, budgetMs, rest: false, aggregates: refresh !== false, decideDuplicates: ids.length <= ARRIVALS_NOW_MAX }).then(() => {}),
            derived,
          )
        : null
    // A first load of the CLI alone builds the indexes of the complaints, their deadline rows and history once, after
    // its last page (first-load.ts).
    firstLoad = opts.trigger === 'cli' ? beginFirstLoad(db) : null
    const pages = connector.pages(cursor, ctx)[Symbol.asyncIterator]()
    try {
      for (;;) {
        const next = pages.next()
        // A group does not wait for the network with the write lock held.
        if (group?.open && !(await settlesWithin(next, group.waitMs()))) await group.commit()
        const { value: page, done } = await next
        if (done) break
        group?.begin()
        if (refresh === 'auto') {
          refresh = page.remaining != null && page.remaining + page.items.length > BULK_LOAD ? false : true
          if (!refresh) owe()
        }
        // In a group the derived rows wait for its commit, written once for all its pages; a bulk load's pages
        // (deadline rows only, the aggregates rebuilt at the end) write theirs with each page, while its rows are
        // still in the cache (docs/reliability.md "Pages in groups").
        const deferred = group !== null && refresh !== false
        const c = await ingestInSlices(db, ingester, page.items, { cursor: page.cursor, runId, refreshAggregates: refresh, deferDerived: deferred }, pace)
        if (deferred) group?.add(c.ids)
        p.pages++
        p.fetched += page.items.length
        p.inserted += c.inserted
        p.updated += c.updated
        p.unchanged += c.unchanged
        p.quarantined += c.quarantined
        if (page.remaining != null) p.remaining = page.remaining
        else if (p.remaining !== null) p.remaining = Math.max(0, p.remaining - page.items.length)
        p.message = null
        report()
        tell()
        if (group && group.left() === 0) await group.commit()
        // Another connection committed (an app that opened the store just before the load began, and now says so):
        // it may read, so its indexes come back now rather than at the end.
        if (firstLoad && (await firstLoad.yieldToOthers(async () => group?.commit()))) firstLoad = null
        if (opts.maxPages && p.pages >= opts.maxPages) break
        // Let the server answer screens between pages of a long first sync (the lock is free while the next page is
        // fetched).
        await delay(0)
        if (signal.aborted) throw new UpstreamError('sinkronisasi dibatalkan', 'aborted')
      }
    } finally {
      // As a for-await loop would: the connector's generator ends however the loop does.
      await pages.return?.(undefined)
    }
    await group?.commit()
    // Before the end of the load reads the table (the words, the refresh hooks).
    await firstLoad?.putBack()
    const owedValue = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(owed) as string | undefined
    if (owedValue !== undefined) {
      // In a worker thread with its own connection (kpi/background-rebuild.ts): a 100,000-record rebuild held the
      // app's thread 8.5 s; now the app answers meanwhile, with the old numbers until the new ones are in.
      report('rebuild')
      const t = Date.now()
      // The pages wrote their deadline rows: only the aggregates are rebuilt (half the work of a full rebuild).
      // Whether another process writes beside this run is asked now, before the rebuild's worker commits: from then
      // on PRAGMA data_version moves with the worker's commits too (beside.ts cannot tell them apart).
      const company = !rests && othersWriting(db)
      let begun = () => {}
      const rebuildBegun = new Promise<void>((resolve) => (begun = resolve))
      const rebuilt = rebuildInBackground(db, row.kabupaten_kode, {
        bus: opts.bus,
        clear: [owed],
        deadlines: owedValue !== 'aggregates',
        pace: opts.trigger === 'cli' ? CLI_REBUILD_PACE : undefined,
        // At the run's own priority from the CLI: a worker niced behind it was starved on a busy machine while it
        // held the write lock (below), and the end of the run waited for it.
        nice: opts.trigger === 'cli' ? 0 : undefined,
        onBegun: () => begun(),
      })
      // Meanwhile, on this thread, what the pages left to the end of the load (kpi/refresh.ts): the early warning's
      // words, then the other refresh hooks once for the kabupaten. Both cores work (docs/reliability.md "Words while
      // the aggregates are rebuilt").
      // They start once the rebuild has taken its first lock: started together, the worker's first transaction
      // waited 1.3–2.9 s behind them. Resting for the worker's commits as for an app's made them 15 s instead of 4.
      const hooks = async () => {
        await Promise.race([rebuildBegun, rebuilt.then(() => {}, () => {})])
        // At most the CLI's 150 ms: the rebuild's worker wants the lock meanwhile.
        await writeLoadHooks(db, row.kabupaten_kode, { budgetMs: Math.min(budgetMs, company ? COMPANY_SLICE_MS : CLI_SLICE_MS), rests: rests || company })
      }
      await Promise.all([rebuilt, hooks()])
      rebuildMs = Date.now() - t
    }
  } catch (e) {
    // The pages a group stored whole are kept, as if each had committed on its own; if that fails, the group is
    // rolled back whole and the next run fetches its pages again.
    if (group?.open) await group.commit().catch(() => {})
    // Left listed if this fails too: the next process that opens the store builds them (store/deferred-indexes.ts).
    await firstLoad?.putBack().catch(() => {})
    status = e instanceof UpstreamError && e.kind === 'aborted' ? 'cancelled' : 'failed'
    error = e instanceof Error ? e.message : String(e)
  } finally {
    clearInterval(beat)
  }
  const run = finishRun(db, runId, { status, error, retries: p.retries, pushed: p.pushed })
  p.status = status
  p.message = error
  report('done')
  tell(true)
  const ms = Date.now() - started
  return {
    source: row.name,
    run_id: runId,
    status,
    pages: run.pages,
    fetched: run.fetched,
    inserted: run.inserted,
    updated: run.updated,
    unchanged: run.unchanged,
    quarantined: run.quarantined,
    retries: p.retries,
    pushed: p.pushed,
    push_conflicts: pushConflicts,
    push_failed: pushFailed,
    ms,
    records_per_s: Math.round(run.fetched / Math.max(0.001, ms / 1000)),
    aggregates_rebuild_ms: rebuildMs,
    error,
  }
}

/**
 * What a bulk load's pages left to its end, beside the aggregates' rebuild (kpi/refresh.ts): the early warning's
 * words, then the other refresh hooks once for the kabupaten. The write lock is waited for on the event loop, never
 * in SQLite's busy handler, from the CLI too: the handler's 10 s timeout failed a whole 100,000-record run at its end
 * while the rebuild's worker, niced and starved of CPU on a busy machine, held the lock (docs/reliability.md "The
 * end of a bulk sync from the CLI").
 */
export async function writeLoadHooks(db: Db, kabupaten: string, opts: { budgetMs: number; rests: boolean }): Promise<void> {
  await indexPendingTerms(db, kabupaten, opts)
  await whenLockFree(db, () => db.transaction(() => runRefreshHooks(db, { kabupaten })).immediate())
}

/** The measured cost per record of storing (msPerRecord) and of deriving (derive), carried from page to page;
 *  `rests`: rest after each slice as long as it took (background/pace.ts; default true), false for the CLI. */
export type SlicePace = { msPerRecord: number; derive?: DerivePace; budgetMs?: number; rests?: boolean }

const earlierCounts = (db: Db) =>
  db.prepare('UPDATE sync_run SET fetched = fetched + ?, inserted = inserted + ?, updated = updated + ?, unchanged = unchanged + ?, quarantined = quarantined + ? WHERE id = ?')

/**
 * Stores one page in slices of about INGEST_SLICE_MS each, letting the app's thread answer requests between them:
 * better-sqlite3 is synchronous, and a page of 100 records cost up to 1.6 s of the server's thread on a
 * 1,000,000-complaint store (docs/reliability.md). Each slice is its own transaction (ingest.ts); the last one
 * also moves the cursor and the run's counters for the whole page, in one transaction, so a run stopped part-way
 * through a page fetches that page again and stores its first slices as unchanged (ingest is idempotent), and the
 * run history still counts every record once. A page that fits in one slice is stored exactly as before.
 * `pace` carries the measured cost per record from page to page (wall time: on a loaded machine a slice that waits
 * for a core counts as longer, and the slices get smaller).
 */
export async function ingestInSlices(
  db: Db,
  ingester: Ingester,
  items: IngestItem[],
  opts: IngestOptions & { cursor?: string | null },
  pace: SlicePace,
): Promise<IngestCounts> {
  const budgetMs = pace.budgetMs ?? INGEST_SLICE_MS
  const sliceOf = () => Math.max(1, Math.floor(sliceBudget(db, budgetMs, pace.rests) / Math.max(0.01, pace.msPerRecord)))
  let lastMs = 0
  const timed = <T>(n: number, f: () => T): T => {
    const t = performance.now()
    const r = f()
    lastMs = performance.now() - t
    // A moving estimate: one slow slice (a checkpoint, a cold page) shrinks the next ones without halting them.
    pace.msPerRecord = 0.5 * pace.msPerRecord + 0.5 * (lastMs / n)
    return r
  }
  // The requests that waited meanwhile run now; on the app's thread, other writers get the lock too. A run of the
  // CLI rests too while another connection (a running app) writes beside it (beside.ts).
  const pause = () => rest(lastMs, pace.rests !== false || othersWriting(db))
  // On the app's thread a slice never sleeps in SQLite's busy handler while another connection writes (the KPI
  // rebuild's worker, a CLI sync): it rests and tries again (store/write-or-skip.ts).
  const write = <T>(f: () => T): Promise<T> => whenLockFree(db, f, pace.rests !== false)
  if (items.length <= sliceOf()) return write(() => timed(items.length, () => ingester.ingest(items, opts)))
  const total: IngestCounts = { inserted: 0, updated: 0, unchanged: 0, quarantined: 0, events: 0, ids: [], problems: [] }
  const add = (c: IngestCounts) => {
    total.inserted += c.inserted
    total.updated += c.updated
    total.unchanged += c.unchanged
    total.quarantined += c.quarantined
    total.events += c.events
    total.ids.push(...c.ids)
    total.problems.push(...c.problems)
  }
  // Records keep their position in the page as their reference (ingest.ts names a record without one "#N").
  const numbered = items.map((item, i) => (item.ref ? item : { ...item, ref: `#${i + 1}` }))
  // One time for the whole page, as when it was stored in one call: what the last slice stamps on the run, and
  // how it finds the records its earlier slices quarantined.
  const now = opts.now ?? Date.now()
  // The slices store rows only and list their complaints in ingest_pending; the page's derived rows (deadlines,
  // aggregates, isu words, a small page's likely duplicates) are written once for the whole page below.
  const sliceOpts: IngestOptions = { refreshAggregates: opts.refreshAggregates, now, deferDerived: true }
  let at = 0
  while (at < numbered.length) {
    const n = Math.min(numbered.length - at, sliceOf())
    const slice = numbered.slice(at, at + n)
    at += n
    if (at < numbered.length) {
      add(await write(() => timed(n, () => ingester.ingest(slice, sliceOpts))))
      await pause()
      continue
    }
    // The earlier slices' records, counted with the run in the last slice's transaction; the last slice counts
    // itself (and the page) in ingest.ts.
    const earlier = { ...total }
    const counted = earlierCounts(db)
    const claim = db.prepare('UPDATE sync_quarantine SET run_id = ? WHERE source_id = ? AND run_id IS NULL AND last_seen_at = ?')
    const last = await write(() =>
      timed(n, () =>
        db
          .transaction(() => {
            const c = ingester.ingest(slice, { ...sliceOpts, cursor: opts.cursor, runId: opts.runId })
            if (opts.runId == null) return c
            counted.run(items.length - n, earlier.inserted, earlier.updated, earlier.unchanged, earlier.quarantined, opts.runId)
            // What the earlier slices quarantined belongs to this run too (they were stored without it, at `now`).
            claim.run(opts.runId, ingester.source.id, now)
            return c
          })
          .immediate(),
      ),
    )
    add(last)
  }
  // The caller writes the derived rows itself (a group of pages, page-group.ts).
  if (opts.deferDerived) return total
  pace.derive ??= derivePace()
  await pause()
  await derivePending(db, {
    ids: total.ids,
    pace: pace.derive,
    budgetMs,
    rest: pace.rests,
    now,
    aggregates: opts.refreshAggregates ?? true,
    // Likely duplicates are decided now only for a small page (a slice is small whatever the page).
    decideDuplicates: items.length <= ARRIVALS_NOW_MAX,
  })
  return total
}

// Recomputing deadlines and KPI aggregates in the background after a calendar or rule change in Pengaturan.
// A rebuild takes about a second on a regency's store and a minute on a million complaints, far too long to hold
// an API request open or the app's thread. So the change is saved and answered first, then the stale kabupaten
// are rebuilt one after the other in a worker thread (kpi/background-rebuild.ts; a screen sees the old
// aggregates until the new ones are swapped in by one short transaction),
// and each finished kabupaten is announced on the change bus so open screens refetch. A change that arrives
// meanwhile needs no bookkeeping: it moves calendar_revision, which makes its kabupaten stale again, and the
// queue keeps going until nothing is stale.
//
// calendar_revision is one counter for the whole store, so a local day off in Natuna makes Kutai Timur stale
// too. Before rebuilding, the queue compares a digest of what a kabupaten's deadlines depend on (its zone, its
// rules, the days off in force for it) with the digest recorded at its last rebuild here; when they are equal, it
// only marks the kabupaten fresh. On a store holding many kabupaten, a local change then costs one rebuild.
import { createHash } from 'node:crypto'
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import { calendarRevision } from '../calendar/store.ts'
import { freshAt, isStale, markFresh } from './refresh.ts'
import { isRecomputing, rebuildInBackground } from './background-rebuild.ts'
import { reportFailure, reportOk } from '../background/status.ts'
import { problemKind, problemMessage } from '../store/health.ts'

export type RebuildRun = { kabupaten: string; finishedAt: number; ms: number; complaints: number }

export type DeadlineState = {
  /** current: computed under today's calendar and rules; recomputing: queued or running; stale: old and nothing
   *  running (the last rebuild failed, or another program changed the calendar: it is rebuilt when the app opens
   *  the store or at the next change). */
  status: 'current' | 'recomputing' | 'stale'
  lastRun: RebuildRun | null
  error: string | null
}

type Queue = {
  timer: NodeJS.Timeout | NodeJS.Immediate | null
  /** Kabupaten whose change came first: rebuilt before the others the same change made stale. */
  first: string[]
  lastRuns: Map<string, RebuildRun>
  error: string | null
  idle: (() => void)[]
  /** A rebuild is running in the background (between two steps). */
  running: boolean
}

// A short pause before the first rebuild: the request's answer goes out first, and a burst of edits (several
// days switched off in a row) costs one rebuild.
const START_DELAY_MS = 150

const queues = new WeakMap<Db, Queue>()

function queueOf(db: Db): Queue {
  let q = queues.get(db)
  if (!q) queues.set(db, (q = { timer: null, first: [], lastRuns: new Map(), error: null, idle: [], running: false }))
  return q
}

/** Asks for a rebuild of every stale kabupaten (this one first); returns at once. */
export function scheduleRebuild(db: Db, bus: ChangeBus, kabupaten?: string, log: (line: string) => void = (l) => console.error(l)): void {
  const q = queueOf(db)
  if (kabupaten && !q.first.includes(kabupaten)) q.first.push(kabupaten)
  q.error = null
  if (q.timer !== null || q.running) return // already queued or between two kabupaten: the running queue picks it up
  q.timer = setTimeout(() => step(db, bus, q, log), START_DELAY_MS)
  q.timer.unref() // never keeps a CLI or a test process alive
}

function nextStale(db: Db, q: Queue): string | undefined {
  const all = db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().all() as string[]
  return [...q.first.filter((k) => all.includes(k)), ...all].find((k) => isStale(db, k))
}

/** What a kabupaten's stored deadlines depend on, besides its complaints. */
export function calendarDigest(db: Db, kabupaten: string): string {
  const zone = db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(kabupaten)
  const rules = db
    .prepare(
      `SELECT verification_days, first_response_days, auto_close_days, completion_cap_days, is_skip_cuti_bersama
       FROM deadline_rule WHERE kabupaten_kode = ?`,
    )
    .raw()
    .get(kabupaten)
  const daysOff = db
    .prepare('SELECT date, kind FROM calendar_day_off WHERE is_active = 1 AND (kabupaten_kode IS NULL OR kabupaten_kode = ?) ORDER BY date, kind')
    .raw()
    .all(kabupaten)
  return createHash('sha256').update(JSON.stringify([zone, rules, daysOff])).digest('hex')
}

type DigestRecord = { revision: number; digest: string }
const digestKey = (kabupaten: string) => `kpi.calendar_digest.${kabupaten}`

/**
 * True when the stored deadlines were computed here under this very digest. The record counts only while the
 * freshness mark is still the one written with it: any other rebuild (a bulk load, a migration that resets the
 * marks) moves or removes the mark, and the record is ignored.
 */
function isUnchanged(db: Db, kabupaten: string, digest: string): boolean {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(digestKey(kabupaten)) as string | undefined
  if (raw === undefined) return false
  const record = JSON.parse(raw) as DigestRecord
  return record.digest === digest && record.revision === freshAt(db, kabupaten)
}

export function recordDigest(db: Db, kabupaten: string, digest: string, revision = calendarRevision(db)): void {
  const record: DigestRecord = { revision, digest }
  db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(digestKey(kabupaten), JSON.stringify(record))
}

function step(db: Db, bus: ChangeBus, q: Queue, log: (line: string) => void): void {
  q.timer = null
  if (!db.open) return finish(q)
  let kabupaten: string | undefined
  const failed = (err: unknown) => {
    // Stop rather than retry in a loop: the same error would come back every turn. The next change retries.
    const kind = problemKind(err)
    q.running = false
    q.error = `Tenggat ${kabupaten ?? ''} gagal dihitung ulang: ${kind ? problemMessage(kind, db.name) : err instanceof Error ? err.message : String(err)}`
    log(q.error)
    try {
      reportFailure(db, 'kpi-rebuild', 'Hitung ulang tenggat dan KPI', q.error, null)
    } catch {
      // the store itself fails: the message is in the log and in deadlineState
    }
    finish(q)
  }
  try {
    kabupaten = nextStale(db, q)
    if (kabupaten === undefined) {
      reportOk(db, 'kpi-rebuild', 'Hitung ulang tenggat dan KPI')
      return finish(q)
    }
    const k = kabupaten
    const digest = calendarDigest(db, k)
    if (isUnchanged(db, k, digest)) {
      db.transaction(() => {
        markFresh(db, k)
        recordDigest(db, k, digest)
      }).immediate()
      return next(db, bus, q, log, k)
    }
    // The rebuild itself runs in a worker thread (kpi/background-rebuild.ts): the app answers meanwhile.
    q.running = true
    rebuildInBackground(db, k, { bus, digest: true }).then(
      (r) => {
        q.running = false
        q.lastRuns.set(k, { kabupaten: k, finishedAt: Date.now(), ms: r.ms, complaints: r.complaints })
        next(db, bus, q, log, k)
      },
      failed,
    )
  } catch (err) {
    failed(err)
  }
}

function next(db: Db, bus: ChangeBus, q: Queue, log: (line: string) => void, done: string): void {
  q.first = q.first.filter((k) => k !== done)
  q.timer = setImmediate(() => step(db, bus, q, log)) // let waiting requests in between two kabupaten
  q.timer.unref()
}

function finish(q: Queue): void {
  q.first = []
  for (const resolve of q.idle.splice(0)) resolve()
}

export function deadlineState(db: Db, kabupaten: string): DeadlineState {
  const q = queueOf(db)
  const status = isRecomputing(db, kabupaten) ? 'recomputing' : !isStale(db, kabupaten) ? 'current' : q.timer !== null || q.running ? 'recomputing' : 'stale'
  return { status, lastRun: q.lastRuns.get(kabupaten) ?? null, error: q.error }
}

/** Resolves once no rebuild is queued or running (tests, and a CLI that must not exit half-way). */
export function whenRebuilt(db: Db): Promise<void> {
  const q = queueOf(db)
  if (q.timer === null && !q.running) return Promise.resolve()
  return new Promise((resolve) => q.idle.push(resolve))
}

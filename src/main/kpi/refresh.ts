// Computes the deadline row (complaint_sla) of complaints and keeps the KPI aggregates in step, in the caller's
// transaction. Two paths share one computation: `refreshComplaints` after writes to some complaints (sync, local
// actions), and `rebuildKabupaten` after bulk loads or when the calendar or deadline rules change.
import type { Db } from '../store/open.ts'
import { perConnection } from '../store/statements.ts'
import { OPEN_STATUSES, type Status } from '#shared/domain.ts'
import type { ComplaintRow } from '../store/rows.ts'
import type { Calendar } from '../calendar/calendar.ts'
import { dayOf } from '../calendar/days.ts'
import { computeDeadlines, type DeadlineOutcome, type DeadlineRules } from '../calendar/deadlines.ts'
import { loadCalendar, loadDeadlineRules, calendarRevision } from '../calendar/store.ts'
import { AggregateBuilder, AggregateDelta, storeSink } from './aggregates.ts'
import { SLA_COLUMNS, SLA_SELECT, slaRowOf, type SlaRow } from './sla-row.ts'
import { historyTimes, parseTrail, TRAIL_SQL } from './history.ts'
import { workingDaysBetween } from '../calendar/calendar.ts'

/** What one complaint's deadline row is computed from: the columns of SOURCE_SQL. */
export type SourceRow = Pick<
  ComplaintRow,
  'id' | 'kabupaten_kode' | 'submitted_at' | 'verified_at' | 'dispositioned_at' | 'first_response_at' | 'closed_at' | 'status' | 'unit_id'
  | 'kecamatan_kode' | 'desa_kode' | 'category_id' | 'channel' | 'klasifikasi' | 'is_anonim' | 'is_rahasia' | 'disposition_count'
  | 'last_tl_at' | 'last_reply_at' | 'first_unit_id'
> & {
  /** The dispositions, status moves and TLs of its history, as one string (history.ts TRAIL_SQL). */
  trail: string | null
}

// sql-vetted: TRAIL_SQL is a constant subquery from history.ts
export const SOURCE_SQL = `
  SELECT c.id, c.kabupaten_kode, c.submitted_at, c.verified_at, c.dispositioned_at, c.first_response_at, c.closed_at,
         c.status, c.unit_id, c.kecamatan_kode, c.desa_kode, c.category_id, c.channel, c.klasifikasi, c.is_anonim,
         c.is_rahasia, c.disposition_count, c.last_tl_at, c.last_reply_at, c.first_unit_id, ${TRAIL_SQL} AS trail
  FROM complaint c`

/** A raw row of SOURCE_SQL as a SourceRow of one fixed shape (read raw: see sla-row.ts slaRowOf for why). */
export function sourceRowOf(a: unknown[]): SourceRow {
  return {
    id: a[0] as number,
    kabupaten_kode: a[1] as string,
    submitted_at: a[2] as number,
    verified_at: a[3] as number | null,
    dispositioned_at: a[4] as number | null,
    first_response_at: a[5] as number | null,
    closed_at: a[6] as number | null,
    status: a[7] as Status,
    unit_id: a[8] as number | null,
    kecamatan_kode: a[9] as string | null,
    desa_kode: a[10] as string | null,
    category_id: a[11] as number | null,
    channel: a[12] as SourceRow['channel'],
    klasifikasi: a[13] as SourceRow['klasifikasi'],
    is_anonim: a[14] as SourceRow['is_anonim'],
    is_rahasia: a[15] as SourceRow['is_rahasia'],
    disposition_count: a[16] as number,
    last_tl_at: a[17] as number | null,
    last_reply_at: a[18] as number | null,
    first_unit_id: a[19] as number | null,
    trail: a[20] as string | null,
  }
}

const OPEN: ReadonlySet<Status> = new Set(OPEN_STATUSES)

/** 1 met, 0 missed, null while the step is pending, overdue, paused or not applicable. */
function metFlag(o: DeadlineOutcome): 0 | 1 | null {
  return o.state === 'met' ? 1 : o.state === 'missed' ? 0 : null
}

/** Maps each unit to its top-level unit under the Pemkab: a bidang to its OPD, a desa to its kecamatan office. */
export function topUnits(db: Db, kabupaten: string): Map<number, number> {
  const rows = db.prepare('SELECT id, parent_id, kind FROM unit WHERE kabupaten_kode = ?').all(kabupaten) as {
    id: number
    parent_id: number | null
    kind: string
  }[]
  const byId = new Map(rows.map((r) => [r.id, r]))
  const top = new Map<number, number>()
  for (const r of rows) {
    let u = r
    while (u.parent_id !== null && byId.get(u.parent_id)?.kind !== 'pemkab' && byId.has(u.parent_id)) u = byId.get(u.parent_id)!
    top.set(r.id, u.id)
  }
  return top
}

export type SlaContext = { cal: Calendar; rules: DeadlineRules; top: Map<number, number>; now: number }

export function slaContext(db: Db, kabupaten: string, now = Date.now()): SlaContext {
  return { cal: loadCalendar(db, kabupaten), rules: loadDeadlineRules(db, kabupaten), top: topUnits(db, kabupaten), now }
}

export function toSlaRow(c: SourceRow, ctx: SlaContext): SlaRow {
  const top = (unit: number | null) => (unit === null ? null : (ctx.top.get(unit) ?? unit))
  const h = historyTimes(parseTrail(c.trail), top)
  // When the record names another holder than the history's last disposition, the history cannot say when the
  // holder received it: the first disposition stands in (as for records without history).
  const received = h.opd_received_at !== null && h.holder_opd === top(c.unit_id) ? h.opd_received_at : null
  const d = computeDeadlines(
    {
      ...c,
      last_pelapor_reply_at: c.last_reply_at,
      opd_received_at: received,
      opd_first_response_at: received === null ? undefined : h.opd_first_response_at,
      tunda: h.tunda,
    },
    ctx.cal,
    ctx.rules,
    ctx.now,
  )
  const isOpen = OPEN.has(c.status)
  // "Overdue now" watches the steps the Pemda owes: verification, first tindak lanjut and the 60-day cap.
  // The auto-close is LAPOR!'s own action, so it does not make a complaint overdue here.
  let next: number | null = null
  if (isOpen) {
    for (const o of [d.verification, d.firstResponse, d.completion]) {
      if ((o.state === 'pending' || o.state === 'overdue') && o.dueAt !== null && (next === null || o.dueAt < next)) next = o.dueAt
    }
  }
  const firstOpd = top(c.first_unit_id)
  const movedOpd = firstOpd !== null && firstOpd !== top(c.unit_id)
  // Rule MISROUTE_CHARGED_PER_HOLDER: A → B → C charges A the hari kerja from its disposition to B's, and B from
  // its own to C's. Their sum is the time from the first disposition to the one C received.
  const segments =
    movedOpd && received !== null && c.dispositioned_at !== null
      ? h.stints.filter((s) => s.to <= received).map((s) => ({ opd: s.opd, hk: workingDaysBetween(ctx.cal, s.from, s.to) }))
      : null
  return {
    complaint_id: c.id,
    kabupaten_kode: c.kabupaten_kode,
    day: dayOf(c.submitted_at, ctx.cal.offsetMs),
    opd_id: top(c.unit_id),
    first_opd_id: top(c.first_unit_id),
    unit_id: c.unit_id,
    kecamatan_kode: c.kecamatan_kode,
    desa_kode: c.desa_kode,
    category_id: c.category_id,
    channel: c.channel,
    klasifikasi: c.klasifikasi,
    status: c.status,
    is_open: isOpen ? 1 : 0,
    is_anonim: c.is_anonim,
    is_rahasia: c.is_rahasia,
    // Misrouted: it ended up with another OPD than the one it was first sent to, or went back as bukan
    // wewenang. A forward inside one OPD (to its own bidang) is routine, not a misroute.
    is_misrouted: c.status === 'bukan_wewenang' || movedOpd ? 1 : 0,
    // Hari kerja lost to the misroute: from the first disposition to the one the holding OPD received. They are
    // the misroute's, not the answering OPD's; each OPD that held it wrongly is charged its own days (segments).
    misroute_hk: segments === null ? null : segments.reduce((sum, s) => sum + s.hk, 0),
    misroute_segments: segments === null ? null : segments.map((s) => `${s.opd}:${s.hk}`).join(';'),
    verify_due_at: d.verification.dueAt!,
    verify_hk: d.verification.workingDays,
    verify_met: metFlag(d.verification),
    response_due_at: d.firstResponse.dueAt,
    response_hk: d.firstResponse.workingDays,
    response_met: metFlag(d.firstResponse),
    autoclose_due_at: d.autoClose.dueAt,
    cap_due_at: d.completion.dueAt!,
    cap_met: metFlag(d.completion),
    selesai_hk: c.status === 'selesai' && c.closed_at !== null ? d.completion.workingDays : null,
    next_due_at: next,
  }
}

const writerOf = new WeakMap<Db, (row: SlaRow) => void>()
/** Writes deadline rows: one prepared statement per connection, values bound by position (named binding cost more). */
function writer(db: Db): (row: SlaRow) => void {
  let write = writerOf.get(db)
  if (write) return write
  // sql-vetted: column names from the SLA_COLUMNS constant, one ? per column
  const insert = db.prepare(`INSERT OR REPLACE INTO complaint_sla (${SLA_COLUMNS.join(', ')}) VALUES (${SLA_COLUMNS.map(() => '?').join(', ')})`)
  const args: unknown[] = new Array(SLA_COLUMNS.length)
  write = (row: SlaRow) => {
    for (let i = 0; i < SLA_COLUMNS.length; i++) args[i] = row[SLA_COLUMNS[i]]
    insert.run(args)
  }
  writerOf.set(db, write)
  return write
}

const BATCH = 5_000

/**
 * After writes to these complaints: recompute their deadline rows and apply the difference to the aggregates, all
 * of a page's complaints together (one upsert per distinct aggregate cell, kpi/aggregates.ts). With `aggregates:
 * false` (a bulk load that owes one aggregate rebuild at the end) only the deadline rows are written, so that
 * rebuild needs only the aggregates (kpi/sliced-rebuild.ts, `deadlines: false`); the hooks wait for the end of the
 * load too (sync/engine.ts runs them while the aggregates are rebuilt in their worker: the early warning's words
 * were a tenth of a bulk sync's time, on the thread that stores the pages).
 */
export function refreshComplaints(db: Db, kabupaten: string, ids: number[], ctx = slaContext(db, kabupaten), opts: { aggregates?: boolean } = {}): void {
  const aggregates = opts.aggregates ?? true
  const write = writer(db)
  const st = refreshStatements(db)
  const delta = aggregates ? new AggregateDelta(ctx.cal.offsetMs) : null
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = JSON.stringify(ids.length <= 500 ? ids : ids.slice(i, i + 500))
    if (delta) for (const r of st.old.all(chunk) as unknown[][]) delta.add(slaRowOf(r), -1)
    for (const a of st.source.all(chunk) as unknown[][]) {
      const row = toSlaRow(sourceRowOf(a), ctx)
      write(row)
      delta?.add(row, 1)
    }
  }
  delta?.write(db)
  noteChanges(db, kabupaten, ids)
  if (aggregates) runRefreshHooks(db, { ids })
}

/** The hooks (onRefresh) for some complaints or a whole kabupaten, in the caller's transaction. */
export function runRefreshHooks(db: Db, changed: { ids: number[] } | { kabupaten: string }): void {
  for (const hook of hooks) hook(db, changed)
}

/** The reads of a refresh, prepared once per connection: ids go in as one JSON array (a statement per chunk size
 *  was prepared on every call, a tenth of a sliced sync's time). */
const refreshStatements = perConnection(prepareRefresh)
function prepareRefresh(db: Db) {
  return {
    // Raw, made into rows of one shape (sla-row.ts slaRowOf).
    // sql-vetted: SLA_SELECT is the constant column list of complaint_sla
    old: db.prepare(`SELECT ${SLA_SELECT} FROM complaint_sla WHERE complaint_id IN (SELECT value FROM json_each(?))`).raw(),
    // sql-vetted: SOURCE_SQL is a constant
    source: db.prepare(`${SOURCE_SQL} WHERE c.id IN (SELECT value FROM json_each(?))`).raw(),
    rebuilding: db.prepare('SELECT 1 FROM setting WHERE key = ?'),
  }
}

/** What else a refresh or rebuild keeps in step: some complaints, or a whole kabupaten. */
export type RefreshHook = (db: Db, changed: { ids: number[] } | { kabupaten: string }) => void
const hooks: RefreshHook[] = []

/**
 * Other aggregates kept current by the same writes (the early warning's words, isu/terms.ts), run in the writer's
 * transaction after the KPI aggregates. Registered by the module that owns them (kpi cannot import it: it
 * depends on routing, which reads kpi).
 */
export function onRefresh(hook: RefreshHook): void {
  if (!hooks.includes(hook)) hooks.push(hook)
}

/** Set while a background rebuild of the kabupaten runs (background/rebuild.ts). */
export const rebuildingKey = (kabupaten: string) => `kpi.rebuilding.${kabupaten}`

/**
 * While a background rebuild of the kabupaten runs, lists the complaints refreshed here, so the rebuild folds
 * their change into the aggregates it computed from an older snapshot (migration 0022). One indexed read otherwise.
 */
function noteChanges(db: Db, kabupaten: string, ids: number[]): void {
  if (ids.length === 0 || !refreshStatements(db).rebuilding.get(rebuildingKey(kabupaten))) return
  const note = db.prepare('INSERT INTO kpi_rebuild_change (kabupaten_kode, complaint_id) VALUES (?, ?)')
  for (const id of ids) note.run(kabupaten, id)
}

/** Where a sliced rebuild stands: the last complaint done, in submission order. */
export type SliceCursor = { at: number; id: number }
export const SLICE_START: SliceCursor = { at: -8.64e15, id: 0 }

/**
 * Recomputes the deadline rows of the next `limit` complaints after `from` (submission order), in the caller's
 * transaction; returns the new cursor, or null when none were left. A background rebuild commits each slice on
 * its own, so another writer never waits long for the lock.
 */
export function rebuildSlice(db: Db, kabupaten: string, ctx: SlaContext, from: SliceCursor, limit: number): { next: SliceCursor; n: number } | null {
  // sql-vetted: SOURCE_SQL is a constant; values are @parameters
  const rows = (
    db
      .prepare(`${SOURCE_SQL} WHERE c.kabupaten_kode = @kab AND (c.submitted_at, c.id) > (@at, @id) ORDER BY c.submitted_at, c.id LIMIT @limit`)
      .raw()
      .all({ kab: kabupaten, at: from.at, id: from.id, limit }) as unknown[][]
  ).map(sourceRowOf)
  if (rows.length === 0) return null
  const write = writer(db)
  for (const c of rows) write(toSlaRow(c, ctx))
  const last = rows[rows.length - 1]
  return { next: { at: last.submitted_at, id: last.id }, n: rows.length }
}

/** Applies the difference between two versions of some deadline rows to the stored aggregates. */
export function applySlaDelta(db: Db, offsetMs: number, before: SlaRow[], after: SlaRow[]): void {
  const delta = new AggregateDelta(offsetMs)
  for (const r of before) delta.add(r, -1)
  for (const r of after) delta.add(r, 1)
  delta.write(db)
}

/** Recompute every deadline and aggregate of a kabupaten (bulk loads, calendar or rule changes). */
export function rebuildKabupaten(db: Db, kabupaten: string, ctx = slaContext(db, kabupaten), onProgress?: (done: number) => void): void {
  db.prepare('DELETE FROM complaint_sla WHERE kabupaten_kode = ?').run(kabupaten)
  db.prepare('DELETE FROM kpi_count WHERE kabupaten_kode = ?').run(kabupaten)
  db.prepare('DELETE FROM kpi_due WHERE kabupaten_kode = ?').run(kabupaten)
  const write = writer(db)
  const builder = new AggregateBuilder(storeSink(db), ctx.cal.offsetMs)
  // Paged in submission order (the builder writes each month once it is complete), by keyset rather than an
  // open iterator: better-sqlite3 refuses other statements on the connection while an iterator is open.
  // sql-vetted: SOURCE_SQL and BATCH are constants; values are @parameters
  const page = db.prepare(
    `${SOURCE_SQL} WHERE c.kabupaten_kode = @kab AND (c.submitted_at, c.id) > (@at, @id)
     ORDER BY c.submitted_at, c.id LIMIT ${BATCH}`,
  )
  let done = 0
  for (let at = -Infinity, id = 0; ; ) {
    const rows = (page.raw().all({ kab: kabupaten, at: Number.isFinite(at) ? at : -8.64e15, id }) as unknown[][]).map(sourceRowOf)
    if (rows.length === 0) break
    for (const c of rows) {
      const row = toSlaRow(c, ctx)
      write(row)
      builder.add(row)
    }
    const last = rows[rows.length - 1]
    ;[at, id] = [last.submitted_at, last.id]
    onProgress?.((done += rows.length))
  }
  builder.flush()
  runRefreshHooks(db, { kabupaten })
  markFresh(db, kabupaten)
}

/**
 * Records that a kabupaten's stored deadlines are current at today's calendar revision: after a rebuild, or when
 * a caller has proved that nothing they depend on changed (kpi/rebuild-queue.ts). A migration that needs every
 * deadline recomputed deletes these rows (as 0011 and 0013 do).
 */
export function markFresh(db: Db, kabupaten: string, revision = calendarRevision(db)): void {
  db.prepare('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)').run(`kpi.calendar_revision.${kabupaten}`, JSON.stringify(revision))
}

/** The calendar revision the stored deadlines were computed at (undefined: never, or a migration reset it). */
export function freshAt(db: Db, kabupaten: string): number | undefined {
  const stored = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(`kpi.calendar_revision.${kabupaten}`) as string | undefined
  return stored === undefined ? undefined : (JSON.parse(stored) as number)
}

/** True when the stored deadlines were computed with another calendar or rule revision. */
export function isStale(db: Db, kabupaten: string): boolean {
  return freshAt(db, kabupaten) !== calendarRevision(db)
}

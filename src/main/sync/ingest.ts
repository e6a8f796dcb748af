// Storing upstream records: the one path by which every connector writes complaints. Per call, ONE transaction
// holds the records, their reporters and history, the quarantine of bad ones, the source cursor, the run counters
// and the KPI aggregates, so a crash at any moment leaves either all of a page or none of it.
//
// Idempotent by construction: a complaint is keyed by (source, tracking_id); a version is applied only if newer
// than the one held; history entries are keyed by (complaint, upstream_id) and inserted with OR IGNORE.
import { createHash } from 'node:crypto'
import type { Db } from '../store/open.ts'
import type { ChangeBus } from '../live/bus.ts'
import type { Status } from '#shared/domain.ts'
import { refreshComplaints, slaContext, type SlaContext } from '../kpi/refresh.ts'
import { processArrivals } from '../serupa/arrival.ts'
import { markPending } from './derive.ts'
import { normaliseStatus, parseRecord, type UpstreamRecord } from './record.ts'
import { isClosed, milestonesOf, type EventFact } from './milestones.ts'

export type SourceRef = { id: number; name: string; kabupaten_kode: string }

/** A mapped record (validated here), or a record the connector could not even map (quarantined as is).
 * `raw` is the payload as received, kept in the quarantine (default: `record`); `ref` says where it was. */
export type IngestItem = { record: unknown; raw?: unknown; ref?: string } | { error: string; raw: unknown; ref?: string; tracking_id?: string }

export type IngestOptions = {
  /** Committed with the data when given (undefined: the cursor is left alone). */
  cursor?: string | null
  /** sync_run row whose counters move with the data. */
  runId?: number | null
  /** Told after commit, so open screens refetch. */
  bus?: ChangeBus
  /** Keep the KPI aggregates current in the same transaction (default true). A bulk load may switch it off and
   * rebuild the aggregates once at the end instead (kpi/background-rebuild.ts with `deadlines: false`): the
   * deadline rows (complaint_sla) are written with every page either way. */
  refreshAggregates?: boolean
  /** Do everything, report the counts, then roll back (file import's preview). */
  dryRun?: boolean
  now?: number
  /** Store the rows only and list their complaints in ingest_pending (same transaction); their derived rows are
   *  written afterwards for a whole page at once (sync/derive.ts). Ignored in a dry run. */
  deferDerived?: boolean
}

export type IngestCounts = {
  inserted: number
  updated: number
  /** Same version as held, or older (an older version never overwrites a newer one). */
  unchanged: number
  quarantined: number
  /** New history entries stored. */
  events: number
  /** Complaint ids inserted or updated. */
  ids: number[]
  /** Per quarantined item: where and why (also stored in sync_quarantine unless dryRun). */
  problems: { ref: string | null; tracking_id: string | null; reason: string }[]
}

/** Up to this many complaints stored at once get their likely duplicates in the same transaction; more wait for the
 *  background slices. */
export const ARRIVALS_NOW_MAX = 50
const RAW_LIMIT = 1_000_000 // a quarantined payload is kept up to 1 MB, so one absurd record cannot bloat the store

/** Thrown before any write: the record goes to the quarantine with this message. */
class Quarantined extends Error {}
/** The store refused a write in the fast path: redo the page carefully. */
class StoreRefused extends Error {}

type Stored = { outcome: 'inserted' | 'updated' | 'unchanged'; id: number; events: number }
class DryRunRollback extends Error {}

/** One per source and run: prepared statements and reference lookups are built once, not per page. */
export class Ingester {
  private units = new Map<string, number>()
  private categories = new Map<string, number>()
  private kecamatan = new Set<string>()
  private desaKecamatan = new Map<string, string>()
  private openQuarantine = new Set<string>()
  private slaCtx: SlaContext | null = null
  private readonly st: ReturnType<typeof statements>

  constructor(
    private readonly db: Db,
    readonly source: SourceRef,
  ) {
    this.st = statements(db)
    this.reload()
  }

  /** Re-read units, categories and places (after a connector synced its reference lists). */
  reload(): void {
    const { db, source } = this
    const kab = source.kabupaten_kode
    this.units.clear()
    this.categories.clear()
    for (const u of db.prepare('SELECT id, kode, upstream_id FROM unit WHERE kabupaten_kode = ?').all(kab) as { id: number; kode: string; upstream_id: string | null }[]) {
      this.units.set(u.kode, u.id)
    }
    // Upstream ids take precedence over local kodes when both spell the same string.
    for (const u of db.prepare('SELECT id, upstream_id FROM unit WHERE kabupaten_kode = ? AND upstream_id IS NOT NULL').all(kab) as { id: number; upstream_id: string }[]) {
      this.units.set(u.upstream_id, u.id)
    }
    for (const c of db.prepare('SELECT id, kode FROM category').all() as { id: number; kode: string }[]) this.categories.set(c.kode, c.id)
    for (const c of db.prepare('SELECT id, upstream_id FROM category WHERE upstream_id IS NOT NULL').all() as { id: number; upstream_id: string }[]) {
      this.categories.set(c.upstream_id, c.id)
    }
    this.kecamatan = new Set(db.prepare('SELECT kode FROM kecamatan WHERE kabupaten_kode = ?').pluck().all(kab) as string[])
    this.desaKecamatan = new Map(
      (db.prepare('SELECT d.kode, d.kecamatan_kode FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ?').all(kab) as {
        kode: string
        kecamatan_kode: string
      }[]).map((d) => [d.kode, d.kecamatan_kode]),
    )
    this.reloadQuarantine()
    this.slaCtx = null
  }

  ingest(items: IngestItem[], opts: IngestOptions = {}): IngestCounts {
    const now = opts.now ?? Date.now()
    const fresh = (): IngestCounts => ({ inserted: 0, updated: 0, unchanged: 0, quarantined: 0, events: 0, ids: [], problems: [] })
    let counts = fresh()
    const aggregates = opts.refreshAggregates ?? true
    const run = (careful: boolean) => {
      items.forEach((item, i) => this.one(item, i, counts, opts, now, careful))
      if (opts.cursor !== undefined) this.st.setCursor.run(opts.cursor, now, this.source.id)
      if (opts.runId != null) {
        this.st.runCounts.run(items.length, counts.inserted, counts.updated, counts.unchanged, counts.quarantined, now, opts.runId)
      }
      // Everything derived from the page's complaints, in one place: their deadline rows and, unless a bulk load
      // rebuilds them once at the end, the KPI aggregates (one upsert per distinct cell of the page).
      if (!opts.dryRun && counts.ids.length && opts.deferDerived) {
        markPending(this.db, counts.ids)
      } else if (!opts.dryRun && counts.ids.length) {
        this.slaCtx ??= slaContext(this.db, this.source.kabupaten_kode, now)
        refreshComplaints(this.db, this.source.kabupaten_kode, counts.ids, { ...this.slaCtx, now }, { aggregates })
        // Laporan serupa / Kemungkinan ganda: the likely duplicates of new or changed texts, decided now for a few
        // arrivals (a manual entry, an incremental sync's page). A large page leaves them to the background slices
        // (serupa/arrival.ts; the queue computes what is still pending in its window on the fly): deciding them
        // here made a 100,000-complaint sync three times slower (593 of 857 s), on the thread that answers users.
        if (aggregates && counts.ids.length <= ARRIVALS_NOW_MAX) processArrivals(this.db, counts.ids)
      }
      if (opts.dryRun) throw new DryRunRollback()
    }
    // Fast path: the whole page in one transaction without a savepoint per record (SQLite journals every page a
    // savepoint touches, which made ingest several times slower). Records are validated before any write, so the
    // store refusing one is rare; then the page is rolled back and done again carefully, one savepoint per record.
    for (const careful of [false, true]) {
      try {
        this.db.transaction(run).immediate(careful)
        break
      } catch (err) {
        if (err instanceof DryRunRollback) break
        if (careful || !(err instanceof StoreRefused)) throw err
        counts = fresh()
        this.reloadQuarantine()
      }
    }
    if (opts.dryRun) {
      this.reloadQuarantine() // what the rolled-back run added is gone again
    } else if (opts.bus && counts.inserted + counts.updated > 0) {
      opts.bus.emit({ kabupaten: this.source.kabupaten_kode, kind: 'complaints', at: now, count: counts.inserted + counts.updated })
    }
    return counts
  }

  private reloadQuarantine(): void {
    const rows = this.db.prepare('SELECT DISTINCT tracking_id FROM sync_quarantine WHERE source_id = ? AND resolved_at IS NULL AND tracking_id IS NOT NULL').pluck().all(this.source.id)
    this.openQuarantine = new Set(rows as string[])
  }

  private one(item: IngestItem, index: number, counts: IngestCounts, opts: IngestOptions, now: number, careful: boolean): void {
    const ref = item.ref ?? `#${index + 1}`
    const raw = item.raw ?? ('record' in item ? item.record : undefined)
    const guessId = trackingIdOf('record' in item ? item.record : item.raw) ?? ('tracking_id' in item ? (item.tracking_id ?? null) : null)
    const quarantine = (reason: string, trackingId: string | null) => {
      counts.quarantined++
      counts.problems.push({ ref, tracking_id: trackingId, reason })
      const json = safeJson(raw)
      this.st.quarantine.run({
        source: this.source.id,
        run: opts.runId ?? null,
        tracking: trackingId,
        ref,
        reason,
        raw: json,
        hash: createHash('sha256').update(json).digest('hex'),
        now,
      })
      if (trackingId) this.openQuarantine.add(trackingId)
    }
    if ('error' in item) return quarantine(item.error, guessId)
    const parsed = parseRecord(item.record)
    if (!parsed.ok) return quarantine(parsed.reason, guessId)
    const r = parsed.record
    let done: Stored
    try {
      // Careful mode: a savepoint per record, so a record the store refuses is rolled back alone.
      done = careful ? this.db.transaction(() => this.store(r, now)).immediate() : this.store(r, now)
    } catch (err) {
      if (err instanceof Quarantined) return quarantine(err.message, r.tracking_id)
      if (err instanceof Error && /constraint/i.test(err.message)) {
        if (!careful) throw new StoreRefused(err.message)
        return quarantine(`ditolak basis data: ${err.message}`, r.tracking_id)
      }
      throw err
    }
    counts[done.outcome]++
    counts.events += done.events
    if (done.outcome !== 'unchanged') counts.ids.push(done.id)
  }

  private unitId(ref: string | null | undefined, where: string): number | null {
    if (ref == null) return null
    const id = this.units.get(ref)
    if (id === undefined) throw new Quarantined(`${where}: unit "${ref}" tidak dikenal di kabupaten ${this.source.kabupaten_kode}`)
    return id
  }

  private store(r: UpstreamRecord, now: number): Stored {
    const { st, source } = this
    const status = (r.status ?? normaliseStatus(r.status_raw)) as Status
    const categoryId = r.kategori == null ? null : this.categories.get(r.kategori)
    if (categoryId === undefined) throw new Quarantined(`kategori: "${r.kategori}" tidak dikenal`)
    const loc = r.location ?? {}
    let kecamatan = loc.kecamatan_kode ?? null
    const desa = loc.desa_kode ?? null
    if (desa !== null) {
      const of = this.desaKecamatan.get(desa)
      if (of === undefined) throw new Quarantined(`location.desa_kode: desa ${desa} bukan bagian kabupaten ${source.kabupaten_kode}`)
      if (kecamatan !== null && of !== kecamatan) throw new Quarantined(`location: desa ${desa} bukan bagian kecamatan ${kecamatan}`)
      kecamatan = of
    }
    if (kecamatan !== null && !this.kecamatan.has(kecamatan)) {
      throw new Quarantined(`location.kecamatan_kode: kecamatan ${kecamatan} bukan bagian kabupaten ${source.kabupaten_kode}`)
    }
    // Unit references of the history, resolved (a list beside it rather than copies of every entry: this is the
    // hot path of a million-record sync).
    const history = r.history
    const fromUnits = history.map((e, i) => this.unitId(e.from_unit, `history.${i}.from_unit`))
    const toUnits = history.map((e, i) => this.unitId(e.to_unit, `history.${i}.to_unit`))
    const currentUnit = this.unitId(r.unit, 'unit')

    const held = st.find.get(source.name, r.tracking_id) as { id: number; upstream_version: number | null; upstream_updated_at: number | null; updated_at: number } | undefined
    if (held && !isNewer(r, held)) return { outcome: 'unchanged', id: held.id, events: 0 }
    let events = 0
    let id = held?.id ?? 0
    const insertEvents = (complaintId: number) => {
      for (let i = 0; i < history.length; i++) {
        const e = history[i]
        // The upstream echo of our own write-back: the local entry is already in the history.
        if (e.client_id && st.isOurs.get(e.client_id, complaintId)) continue
        events += st.addEvent.run(complaintId, e.kind, e.at, e.actor, e.from_status ?? null, e.to_status ?? null, fromUnits[i], toUnits[i], e.reason ?? null, e.body ?? null, e.upstream_id).changes
      }
    }
    let facts: EventFact[]
    if (held) {
      insertEvents(id)
      // Local entries (triage actions) count too: the row reflects everything we know.
      facts = st.facts.all(id) as EventFact[]
    } else {
      facts = history.map((e, i) => ({ kind: e.kind, at: e.at, to_status: e.to_status ?? null, to_unit_id: toUnits[i] }))
    }
    const m = milestonesOf(facts, status)
    const given = r.milestones
    // Positional, in the order of COLUMNS.
    const values = [
      source.kabupaten_kode, source.name, r.tracking_id, r.judul, r.isi, r.klasifikasi, r.channel, categoryId, status, r.status_raw,
      r.is_anonim ? 1 : 0, r.is_rahasia ? 1 : 0, kecamatan, desa, loc.text ?? null, loc.lat ?? null, loc.lon ?? null,
      currentUnit ?? m.last_unit_id, r.submitted_at, r.kejadian_at ?? null,
      given?.verified_at ?? m.verified_at, given?.dispositioned_at ?? m.dispositioned_at, given?.first_response_at ?? m.first_response_at,
      isClosed(status) ? (given?.closed_at ?? m.closed_at ?? r.updated_at) : null, m.disposition_count,
      held ? Math.max(held.updated_at, r.updated_at) : r.updated_at, r.updated_at, r.version ?? null,
      m.last_tl_at, m.last_reply_at, m.first_unit_id ?? currentUnit,
      r.channel_raw ?? null, r.klasifikasi_raw ?? null,
    ]
    if (held) {
      st.update.run(...UPDATE_ARGS.map((i) => values[i]), id)
    } else {
      id = Number(st.insert.run(...values).lastInsertRowid)
      insertEvents(id)
    }
    if (r.reporter) st.reporter.run(id, r.reporter.nama ?? null, r.reporter.nik ?? null, r.reporter.phone ?? null, r.reporter.email ?? null)
    if (this.openQuarantine.has(r.tracking_id)) {
      st.resolve.run(now, source.id, r.tracking_id)
      this.openQuarantine.delete(r.tracking_id)
    }
    return { outcome: held ? 'updated' : 'inserted', id, events }
  }
}

/** Whether an incoming version should replace the held one: by version counter when both have one, else by time. */
function isNewer(r: Pick<UpstreamRecord, 'version' | 'updated_at'>, held: { upstream_version: number | null; upstream_updated_at: number | null }): boolean {
  if (r.version != null && held.upstream_version != null) return r.version > held.upstream_version
  return held.upstream_updated_at === null || r.updated_at > held.upstream_updated_at
}

/** Validate and store records in one transaction (see Ingester for a long run over many pages). */
export function ingestRecords(db: Db, source: SourceRef, items: IngestItem[], opts: IngestOptions = {}): IngestCounts {
  return new Ingester(db, source).ingest(items, opts)
}

function trackingIdOf(v: unknown): string | null {
  if (v && typeof v === 'object' && 'tracking_id' in v) {
    const t = (v as { tracking_id: unknown }).tracking_id
    if (typeof t === 'string' || typeof t === 'number') return String(t).slice(0, 100)
  }
  return null
}

function safeJson(v: unknown): string {
  let s: string
  try {
    s = typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null')
  } catch {
    s = String(v)
  }
  return s.length > RAW_LIMIT ? s.slice(0, RAW_LIMIT) + '…[dipotong]' : s
}

/** The complaint columns ingest writes, in the order of its value lists. */
const COLUMNS = [
  'kabupaten_kode', 'source', 'tracking_id', 'judul', 'isi', 'klasifikasi', 'channel', 'category_id', 'status', 'status_raw',
  'is_anonim', 'is_rahasia', 'kecamatan_kode', 'desa_kode', 'lokasi_text', 'lat', 'lon',
  'unit_id', 'submitted_at', 'kejadian_at',
  'verified_at', 'dispositioned_at', 'first_response_at',
  'closed_at', 'disposition_count',
  'updated_at', 'upstream_updated_at', 'upstream_version',
  'last_tl_at', 'last_reply_at', 'first_unit_id',
  'channel_raw', 'klasifikasi_raw',
] as const

/** On update, where a local value survives an upstream without one (the location tagged during triage), with the
 * positions in the value list its placeholders take. The desa follows the kecamatan: a kecamatan from upstream
 * brings its own desa (or none). */
const at = (c: (typeof COLUMNS)[number]) => COLUMNS.indexOf(c)
const LOCAL_WINS: Partial<Record<(typeof COLUMNS)[number], { sql: string; args: number[] }>> = {
  kecamatan_kode: { sql: 'coalesce(?, kecamatan_kode)', args: [at('kecamatan_kode')] },
  desa_kode: { sql: 'CASE WHEN ? IS NULL THEN desa_kode ELSE ? END', args: [at('kecamatan_kode'), at('desa_kode')] },
  lokasi_text: { sql: 'coalesce(?, lokasi_text)', args: [at('lokasi_text')] },
  lat: { sql: 'coalesce(?, lat)', args: [at('lat')] },
  lon: { sql: 'coalesce(?, lon)', args: [at('lon')] },
  // A record without its raw words (a connector that does not give them) keeps the ones stored before.
  channel_raw: { sql: 'coalesce(?, channel_raw)', args: [at('channel_raw')] },
  klasifikasi_raw: { sql: 'coalesce(?, klasifikasi_raw)', args: [at('klasifikasi_raw')] },
}
const UPDATE_ARGS = COLUMNS.flatMap((c, i) => LOCAL_WINS[c]?.args ?? [i])

function statements(db: Db) {
  const marks = COLUMNS.map(() => '?').join(', ')
  return {
    find: db.prepare('SELECT id, upstream_version, upstream_updated_at, updated_at FROM complaint WHERE source = ? AND tracking_id = ?'),
    // sql-vetted: COLUMNS is a constant column list; marks are ? placeholders
    insert: db.prepare(`INSERT INTO complaint (${COLUMNS.join(', ')}) VALUES (${marks})`),
    // A location tagged locally during triage survives an upstream that does not know one.
    // sql-vetted: COLUMNS and LOCAL_WINS are constants of this module
    update: db.prepare(
      `UPDATE complaint SET ${COLUMNS.map((c) => `${c} = ${LOCAL_WINS[c]?.sql ?? '?'}`).join(', ')} WHERE id = ?`,
    ),
    reporter: db.prepare(
      `INSERT INTO reporter (complaint_id, nama, nik, phone, email) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(complaint_id) DO UPDATE SET nama = excluded.nama, nik = excluded.nik, phone = excluded.phone, email = excluded.email`,
    ),
    addEvent: db.prepare(
      `INSERT OR IGNORE INTO complaint_event (complaint_id, kind, at, actor, from_status, to_status, from_unit_id, to_unit_id, reason, body, upstream_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    facts: db.prepare('SELECT kind, at, to_status, to_unit_id FROM complaint_event WHERE complaint_id = ?'),
    isOurs: db.prepare('SELECT 1 FROM sync_outbox WHERE client_id = ? AND complaint_id = ?').pluck(),
    quarantine: db.prepare(
      `INSERT INTO sync_quarantine (source_id, run_id, tracking_id, ref, reason, raw_json, raw_hash, first_seen_at, last_seen_at)
       VALUES (@source, @run, @tracking, @ref, @reason, @raw, @hash, @now, @now)
       ON CONFLICT(source_id, raw_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at, seen_count = seen_count + 1,
         run_id = excluded.run_id, ref = excluded.ref, reason = excluded.reason`,
    ),
    resolve: db.prepare('UPDATE sync_quarantine SET resolved_at = ? WHERE source_id = ? AND tracking_id = ? AND resolved_at IS NULL'),
    setCursor: db.prepare('UPDATE sync_source SET cursor = ?, last_synced_at = ? WHERE id = ?'),
    runCounts: db.prepare(
      `UPDATE sync_run SET pages = pages + 1, fetched = fetched + ?, inserted = inserted + ?, updated = updated + ?, unchanged = unchanged + ?,
         quarantined = quarantined + ?, heartbeat_at = ? WHERE id = ?`,
    ),
  }
}

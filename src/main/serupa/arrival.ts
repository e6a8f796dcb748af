// "Kemungkinan ganda" decided when a complaint arrives: its words are stored and it is compared with the earlier
// complaints of its place — the same desa, or the same kecamatan among complaints whose desa is unknown — up to 14
// days before it. Pairs from 0.45 are stored (complaint_ganda); the queue (queue/ganda.ts) lists those from its
// threshold up. The score is that of "Laporan serupa": TF-IDF cosine over words and 3-letter pieces, rarity counted
// among the complaint and those earlier ones (what is known when it arrives), × 0.9 when only the kecamatan is
// shared, × up to 0.9 for the days between them.
//
// Which complaints need this is written by triggers (migration 0031: serupa_pending) on every insert and on every
// change of text, place or time, whoever the writer is. The ingest path (sync, import, manual intake) processes its
// own complaints in its transaction (`processArrivals`); the rest — an existing store's backfill, writers outside
// the ingest path — is processed in background slices, newest first (`processPendingSlice`), and the queue computes
// what is still pending in its window on the fly, so its answer is right meanwhile.
import type { Db } from '#main/store/open.ts'
import { indexesAside } from '#main/store/deferred-indexes.ts'
import { prepared } from '#main/store/statements.ts'
import { LOCK_TAKEN, writeOrSkip } from '#main/store/write-or-skip.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import { storeWords, storeWordsUntil, vecsOfRows, wordsOf, type WithWords } from './terms.ts'
import { cosines, vocabularyCheckpoint, type Vec } from './vectors.ts'

/** Pairs are stored from this score up (the detail pane's threshold); the queue lists from its own (0.6). */
export const PAIR_FLOOR = 0.45
export const GANDA_WINDOW_DAYS = 14
const MAX_EARLIER = 2000
const PLACE_ROWS = 20_000

/** What a batch of complaints (a background slice, an ingest page) shares: vectors by complaint, and each place's
 *  complaints from `floor` (the batch's earliest time less the window) to `ceiling` (its latest), read once instead
 *  of once a complaint. */
export type Batch = { vecs: Map<number, Vec>; places: Map<string, { from: number; to: number; rows: PlaceRow[]; complete: boolean }>; floor: number; ceiling: number }
export const newBatch = (floor: number, ceiling: number): Batch => ({ vecs: new Map(), places: new Map(), floor, ceiling })

export type PlaceRow = WithWords & { submitted_at: number; kabupaten_kode: string; kecamatan_kode: string | null; desa_kode: string | null; status: string }
export type Pair = { complaint_id: number; other_id: number; score: number }

const ROW = 'c.id, c.judul, c.isi, c.submitted_at, c.kabupaten_kode, c.kecamatan_kode, c.desa_kode, c.status, t.words'
const JOIN = 'complaint c LEFT JOIN complaint_terms t ON t.complaint_id = c.id'
// The place of a complaint: its desa, or — when the desa is unknown — its kecamatan among those without a desa.
// Two statements, so that each uses its index (desa_kode, submitted_at) or (kabupaten_kode, kecamatan_kode, …).
const PLACE_DESA = 'c.desa_kode = @desa'
const PLACE_KEC = 'c.kabupaten_kode = @kab AND c.kecamatan_kode = @kec AND c.desa_kode IS NULL'

const rowSql = `SELECT ${ROW} FROM ${JOIN} WHERE c.id = ?` // sql-vetted: constant column and join lists
const earlierSql = (place: string) =>
  `SELECT ${ROW} FROM ${JOIN} WHERE ${place} AND c.kabupaten_kode = @kab AND c.status != 'dihapus'
     AND c.submitted_at >= @from AND (c.submitted_at < @at OR (c.submitted_at = @at AND c.id < @id))
   ORDER BY c.submitted_at DESC, c.id DESC LIMIT ${MAX_EARLIER}` // sql-vetted: constant place conditions and limit
const rangeSql = (place: string) =>
  `SELECT ${ROW} FROM ${JOIN} WHERE ${place} AND c.kabupaten_kode = @kab AND c.status != 'dihapus'
     AND c.submitted_at BETWEEN @from AND @to ORDER BY c.submitted_at, c.id LIMIT ${PLACE_ROWS}` // sql-vetted: constant place conditions and limit
const laterSql = (place: string) =>
  `SELECT ${ROW} FROM ${JOIN} WHERE ${place} AND c.kabupaten_kode = @kab AND c.status != 'dihapus'
     AND c.submitted_at <= @to AND (c.submitted_at > @at OR (c.submitted_at = @at AND c.id > @id))
   ORDER BY c.submitted_at, c.id LIMIT ${MAX_EARLIER}` // sql-vetted: constant place conditions and limit
// The same later complaints, those not pending, for the background slices to list again as pending.
const laterDoneSql = (place: string) =>
  `SELECT c.id, c.submitted_at FROM complaint c WHERE ${place} AND c.kabupaten_kode = @kab AND c.status != 'dihapus'
     AND c.submitted_at <= @to AND (c.submitted_at > @at OR (c.submitted_at = @at AND c.id > @id))
     AND NOT EXISTS (SELECT 1 FROM serupa_pending p WHERE p.complaint_id = c.id)
   ORDER BY c.submitted_at, c.id LIMIT ${MAX_EARLIER}` // sql-vetted: constant place conditions and limit

export function complaintRow(db: Db, id: number): PlaceRow | undefined {
  return prepared(db, rowSql).get(id) as PlaceRow | undefined
}

const placeParams = (me: PlaceRow) => ({ desa: me.desa_kode, kab: me.kabupaten_kode, kec: me.kecamatan_kode, at: me.submitted_at, id: me.id })

/** The pairs of complaint `me` with the earlier complaints of its place (score ≥ PAIR_FLOOR). */
export function pairsOf(db: Db, me: PlaceRow, store = false, batch?: Batch): Pair[] {
  return scorePairs(db, me, earlierOf(db, me, batch), store, batch)
}

/** The earlier complaints of `me`'s place within the window, nearest first (at most MAX_EARLIER); from the batch's
 *  place rows when it has them. */
function earlierOf(db: Db, me: PlaceRow, batch?: Batch): PlaceRow[] {
  if (!me.kecamatan_kode || me.status === 'dihapus') return []
  const from = me.submitted_at - GANDA_WINDOW_DAYS * DAY_MS
  const place = me.desa_kode ? PLACE_DESA : PLACE_KEC
  if (batch) {
    const key = me.desa_kode ?? `kec:${me.kabupaten_kode}:${me.kecamatan_kode}`
    let c = batch.places.get(key)
    if (!c || c.from > from || c.to < me.submitted_at) {
      const [lo, hi] = [Math.min(from, batch.floor), Math.max(me.submitted_at, batch.ceiling)]
      const rows = prepared(db, rangeSql(place)).all({ ...placeParams(me), from: lo, to: hi }) as PlaceRow[]
      batch.places.set(key, (c = { from: lo, to: hi, rows, complete: rows.length < PLACE_ROWS }))
    }
    if (c.complete) {
      // The same rows as earlierSql: before `me` in (time, id), from `from` on, nearest first, at most MAX_EARLIER.
      const rows = c.rows
      let lo = 0
      let hi = rows.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        const r = rows[mid]
        if (r.submitted_at < me.submitted_at || (r.submitted_at === me.submitted_at && r.id < me.id)) lo = mid + 1
        else hi = mid
      }
      const earlier: PlaceRow[] = []
      for (let i = lo - 1; i >= 0 && rows[i].submitted_at >= from && earlier.length < MAX_EARLIER; i--) earlier.push(rows[i])
      return earlier
    }
  }
  return prepared(db, earlierSql(place)).all({ ...placeParams(me), from }) as PlaceRow[]
}

/** The pairs of `me` among `earlier` (score ≥ PAIR_FLOOR). */
function scorePairs(db: Db, me: PlaceRow, earlier: PlaceRow[], store: boolean, batch?: Batch): Pair[] {
  if (!earlier.length) return []
  if (!batch) vocabularyCheckpoint()
  const [mine, ...theirs] = vecsOfRows(db, [me, ...earlier], store, batch?.vecs)
  const texts = cosines(mine, theirs)
  const placeFactor = me.desa_kode ? 1 : 0.9
  const out: Pair[] = []
  earlier.forEach((y, i) => {
    const text = texts[i]
    if (text === null) return
    const dt = me.submitted_at - y.submitted_at
    const score = text * placeFactor * (1 - 0.1 * (dt / (GANDA_WINDOW_DAYS * DAY_MS)))
    if (score >= PAIR_FLOOR) out.push({ complaint_id: me.id, other_id: y.id, score })
  })
  return out
}

/** The later complaints of `me`'s place within the window: their pairs change when `me` arrives or changes. */
export function laterOf(db: Db, me: PlaceRow): PlaceRow[] {
  if (!me.kecamatan_kode) return []
  return prepared(db, laterSql(me.desa_kode ? PLACE_DESA : PLACE_KEC)).all({ ...placeParams(me), to: me.submitted_at + GANDA_WINDOW_DAYS * DAY_MS }) as PlaceRow[]
}

function replacePairs(db: Db, id: number, pairs: Pair[]): void {
  prepared(db, 'DELETE FROM complaint_ganda WHERE complaint_id = ?').run(id)
  const insert = prepared(db, 'INSERT INTO complaint_ganda (complaint_id, other_id, score) VALUES (?, ?, ?)')
  for (const p of pairs) insert.run(p.complaint_id, p.other_id, p.score)
}

/** `marked`: the listing's serupa_epoch (migration 0038), read by the background slices only. */
type Pending = { complaint_id: number; neighbours: 0 | 1; marked?: number }
/** What the background slices computed: the serupa_epoch at which each complaint's pairs were computed. */
type Computed = { epoch: number; at: Map<number, number> }

/** Stores the words and pairs of pending complaints, in the caller's write transaction. For new or changed ones, the
 *  later complaints of their place need their pairs anew: an ingest page collects them in `later` (computed once
 *  after the page); the background slices list them as pending again (neighbours 0), each then done in a slice of
 *  its own, except those `computed` after this complaint was listed (they counted it as it is).
 *  Computing them here made one slice of a store just filled by a large sync run for up to 1.4 s (up to 2,000 later
 *  complaints, each reading its place again). Returns how many were processed: with a `deadline`, it stops at a
 *  complaint whose earlier complaints' words could not all be stored by then, leaving it pending (the words stored
 *  meanwhile are kept). */
function processPending(db: Db, pending: Pending[], batch: Batch, o: { later?: Map<number, PlaceRow>; deadline?: number; computed?: Computed } = {}): number {
  if (!batch.vecs.size) vocabularyCheckpoint()
  const done = prepared(db, 'DELETE FROM serupa_pending WHERE complaint_id = ?')
  const isPending = prepared(db, 'SELECT 1 FROM serupa_pending WHERE complaint_id = ?').pluck()
  const again = prepared(db, 'INSERT OR IGNORE INTO serupa_pending (complaint_id, submitted_at, neighbours, marked) VALUES (?, ?, 0, ?)')
  for (const [i, p] of pending.entries()) {
    const me = complaintRow(db, p.complaint_id)
    if (me) {
      if (me.words === null) storeWords(db, me.id, (me.words = wordsOf(me.judul, me.isi)))
      batch.vecs.delete(me.id)
      const earlier = earlierOf(db, me, batch)
      if (o.deadline !== undefined && !storeWordsUntil(db, earlier, o.deadline)) return i
      replacePairs(db, me.id, scorePairs(db, me, earlier, true, batch))
      o.computed?.at.set(me.id, o.computed.epoch)
      if (p.neighbours && o.later) {
        for (const l of laterOf(db, me)) if (!isPending.get(l.id)) o.later.set(l.id, l)
      } else if (p.neighbours && me.kecamatan_kode) {
        const rows = prepared(db, laterDoneSql(me.desa_kode ? PLACE_DESA : PLACE_KEC)).all({ ...placeParams(me), to: me.submitted_at + GANDA_WINDOW_DAYS * DAY_MS }) as { id: number; submitted_at: number }[]
        const c = o.computed
        for (const l of rows) if (!c || (c.at.get(l.id) ?? -1) < (p.marked ?? Infinity)) again.run(l.id, l.submitted_at, c?.epoch ?? 0)
      }
    }
    done.run(p.complaint_id)
  }
  return pending.length
}

/** The ingest path's hook: processes those of `ids` that are pending (at most `max`; the rest is left to the
 *  background slices). In the caller's transaction. */
export function processArrivals(db: Db, ids: number[], max = 5000): number {
  // During a first load the places' indexes are set aside (store/deferred-indexes.ts): the arrivals wait in
  // serupa_pending for the background work, as a bulk load's do.
  if (!ids.length || indexesAside(db)) return 0
  const pending = prepared(
    db,
    'SELECT complaint_id, neighbours, submitted_at FROM serupa_pending WHERE complaint_id IN (SELECT value FROM json_each(?)) ORDER BY submitted_at, complaint_id LIMIT ?',
  ).all(JSON.stringify(ids), max) as (Pending & { submitted_at: number })[]
  if (!pending.length) return 0
  // In time order, in runs of at most CLUSTER_DAYS: each complaint's place is read once per run (the rows of a place
  // include the page's own). One range for the whole page read, for every place it touched, all of that place's
  // complaints between the page's earliest and latest: a sync page spans months. Vectors stay shared across the page.
  // The later complaints of a new or changed one's place get their pairs anew, but once per page: all of the page
  // is in the table already, so a later complaint's pairs come out the same whichever arrival asked first, and a
  // place dense with arrivals recomputed the same complaint once per arrival before (most of a full sync's time).
  const vecs = new Map<number, Vec>()
  const later = new Map<number, PlaceRow>()
  const inRuns = <T extends { submitted_at: number }>(rows: T[], fn: (run: T[], batch: Batch) => void) => {
    for (let i = 0; i < rows.length; ) {
      let j = i + 1
      while (j < rows.length && rows[j].submitted_at - rows[i].submitted_at <= CLUSTER_DAYS * DAY_MS) j++
      const run = rows.slice(i, j)
      fn(run, { ...newBatch(run[0].submitted_at - GANDA_WINDOW_DAYS * DAY_MS, run[run.length - 1].submitted_at), vecs })
      i = j
    }
  }
  inRuns(pending, (run, batch) => void processPending(db, run, batch, { later }))
  const redo = [...later.values()].sort((a, b) => a.submitted_at - b.submitted_at || a.id - b.id)
  inRuns(redo, (run, batch) => {
    for (const l of run) replacePairs(db, l.id, pairsOf(db, l, true, batch))
  })
  return pending.length
}
const CLUSTER_DAYS = 7

/** Complaints in the first batch of a slice, before its cost is measured: a slice that checked its budget only after
 *  each batch of 64 could run far past it, and the app's thread did not answer meanwhile. */
const FIRST_BATCH = 4

/** When the background slices computed each complaint's pairs (serupa_epoch, migration 0038: moved by the listing
 *  triggers, whoever the writer), per connection. Forgotten when a slice rolls back, and past COMPUTED_MAX (a later
 *  neighbour is then listed once more than needed: slower, never wrong). */
const computedOf = new WeakMap<Db, Map<number, number>>()
const COMPUTED_MAX = 500_000

/** One background slice: the newest pending complaints, for about `budgetMs` of work, in one write transaction.
 *  Batches are sized by the slice's average cost per complaint so far (up to `maxBatch`), so a slice ends near its
 *  budget; a complaint whose earlier complaints' words are not stored yet stops at the budget and is finished by
 *  the next slices. Returns how many were processed and whether any remain. With `skipWhenLocked` (the app's
 *  thread), a slice that finds another connection writing does nothing (`lockTaken`) instead of waiting. */
export function processPendingSlice(db: Db, budgetMs = 50, maxBatch = 64, skipWhenLocked = false): { processed: number; remaining: boolean; lockTaken?: true } {
  let at = computedOf.get(db)
  if (!at || at.size > COMPUTED_MAX) computedOf.set(db, (at = new Map()))
  const computed: Computed = { epoch: 0, at }
  const slice = () => {
    const t0 = performance.now()
    computed.epoch = prepared(db, 'SELECT n FROM serupa_epoch').pluck().get() as number
    const next = prepared(db, 'SELECT complaint_id, neighbours, submitted_at, marked FROM serupa_pending ORDER BY submitted_at DESC LIMIT ?')
    let processed = 0
    let batch: Batch | null = null
    let size = Math.min(FIRST_BATCH, maxBatch)
    for (;;) {
      const pending = next.all(size) as (Pending & { submitted_at: number })[]
      if (!pending.length) return { processed, remaining: false }
      // Newest first: a place read for the first complaint covers the slice's next ones (up to a day earlier).
      const [newest, oldest] = [pending[0].submitted_at, pending[pending.length - 1].submitted_at]
      if (!batch || batch.vecs.size > 50_000 || oldest - GANDA_WINDOW_DAYS * DAY_MS < batch.floor || newest > batch.ceiling) {
        batch = newBatch(Math.min(oldest, newest - DAY_MS) - GANDA_WINDOW_DAYS * DAY_MS, newest)
      }
      const done = processPending(db, pending, batch, { deadline: t0 + budgetMs, computed })
      processed += done
      const spent = performance.now() - t0
      if (done < pending.length || spent >= budgetMs) break
      size = Math.max(1, Math.min(maxBatch, Math.floor((budgetMs - spent) / (spent / processed))))
    }
    return { processed, remaining: true }
  }
  try {
    const r = skipWhenLocked ? writeOrSkip(db, slice) : db.transaction(slice).immediate()
    return r === LOCK_TAKEN ? { processed: 0, remaining: true, lockTaken: true } : r
  } catch (e) {
    // Rolled back: the pairs it computed are gone.
    computedOf.delete(db)
    throw e
  }
}

/** How many complaints are pending. */
export function pendingCount(db: Db): number {
  return prepared(db, 'SELECT count(*) FROM serupa_pending').pluck().get() as number
}

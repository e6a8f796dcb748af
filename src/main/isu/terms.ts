// The words of each complaint for topics across categories, stored once (isu_term, migration 0030) instead of
// normalised on every request. Normalising is the costly step (person names, spellings, places: ~0.1 ms a text);
// a new or edited complaint waits in isu_term_pending (the triggers of 0030 put it there) until `indexTerms` runs:
// in the transaction of every write that refreshes complaints (kpi/refresh.ts onRefresh: sync, import, intake,
// actions), at the end of a kabupaten's rebuild (bulk loads, demo), and for a migrated store in bounded batches (`startTermsBuild`
// in the background of serve mode and the desktop app, or `tanggap bench isu`). A complaint still pending is normalised on the fly by the detector, so it is never missed.
import type { Db } from '#main/store/open.ts'
import { perConnection } from '#main/store/statements.ts'
import { normalizeTokens, placeMatcher, type PlaceMatcher } from '#main/routing/normalize.ts'
import { onRefresh } from '#main/kpi/refresh.ts'
import { startLoop } from '#main/background/loop.ts'
import { LOCK_TAKEN, whenLockFree, writeOrSkip } from '#main/store/write-or-skip.ts'
import { rest } from '#main/background/pace.ts'
// Its onRefresh hook keeps the baseline's figures (isu_base) in the same writes.
import './baseline.ts'

/** The words of a text that count for topics: distinct, in the order they first appear. */
export function termsOf(text: string, places: PlaceMatcher): string[] {
  return [...new Set(normalizeTokens(text, places))]
}

// The place matcher of a kabupaten (its name, its kecamatan and desa) is built once per connection.
const placesCache = new WeakMap<Db, Map<string, { key: string; matcher: PlaceMatcher }>>()

/** A kabupaten's place names are where, not what: they never make a topic. */
export function placesOf(db: Db, kabupaten: string): PlaceMatcher {
  let byKab = placesCache.get(db)
  if (!byKab) placesCache.set(db, (byKab = new Map()))
  const names = db
    .prepare(
      `SELECT nama FROM kabupaten WHERE kode = @kab
       UNION ALL SELECT nama FROM kecamatan WHERE kabupaten_kode = @kab
       UNION ALL SELECT d.nama FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = @kab`,
    )
    .pluck()
    .all({ kab: kabupaten }) as string[]
  const key = `${names.length}|${names[0] ?? ''}`
  const hit = byKab.get(kabupaten)
  if (hit && hit.key === key) return hit.matcher
  const matcher = placeMatcher(names)
  byKab.set(kabupaten, { key, matcher })
  return matcher
}

const BATCH = 2_000

/**
 * Stores the words of pending complaints (`ids`, or every pending complaint of `kabupaten`, or all, at most `limit`),
 * in the caller's transaction, and adds them to isu_word_day (one grouped statement per batch). Returns how many were done.
 */
export function indexTerms(db: Db, o: { ids?: number[]; kabupaten?: string; limit?: number } = {}): number {
  const st = termStatements(db)
  const matchers = new Map<string, PlaceMatcher>()
  const places = (kab: string) => matchers.get(kab) ?? matchers.set(kab, placesOf(db, kab)).get(kab)!
  const write = (rows: PendingRow[]) => writeTerms(db, rows, places)
  let n = 0
  if (o.ids) return o.ids.length === 0 ? 0 : write(st.of.all(JSON.stringify(o.ids)) as PendingRow[])
  const limit = o.limit ?? Infinity
  for (let after = 0; n < limit; ) {
    const rows = st.page.all(after, o.kabupaten ?? null, o.kabupaten ?? null, Math.min(BATCH, limit - n)) as PendingRow[]
    if (rows.length === 0) break
    n += write(rows)
    after = rows[rows.length - 1].id
  }
  // Pending rows of complaints that no longer exist (a rolled-back import) are dropped.
  if (!o.kabupaten && n < limit) db.prepare('DELETE FROM isu_term_pending WHERE complaint_id NOT IN (SELECT id FROM complaint)').run()
  return n
}

/**
 * The words of every pending complaint of a kabupaten, in transactions of about `budgetMs` each (sized by the
 * measured cost per complaint), each when the write lock is free: the end of a bulk sync, whose pages leave their
 * words to it (kpi/refresh.ts). The lock is waited for on the event loop, never in SQLite's busy handler, whose 10 s
 * timeout failed a CLI run while the rebuild's worker held the lock (sync/engine.ts writeLoadHooks). With `rests` (the
 * app's thread, a CLI run beside an app) it rests after each as long as it took, as the sync's own slices do.
 * Returns how many complaints it did.
 */
export async function indexPendingTerms(db: Db, kabupaten: string, opts: { budgetMs: number; rests: boolean }): Promise<number> {
  const st = termStatements(db)
  const places = placesOf(db, kabupaten)
  let msPerComplaint = 0.25
  let n = 0
  for (;;) {
    const limit = Math.max(20, Math.floor(opts.budgetMs / msPerComplaint))
    // Read and normalised outside the write lock: the end of a bulk sync runs this beside the aggregates' rebuild,
    // whose worker wants the lock meanwhile, and normalising inside it made the two take turns (100,000
    // complaints: the end of the sync 11.6 s, 8.9 s since). In the transaction the batch is read again: only what
    // is still pending is written, with the words computed here where its text has not changed meanwhile.
    // The slice is timed whole, normalising included: on the app's thread it is all one busy run.
    const t = performance.now()
    const rows = st.page.all(0, kabupaten, kabupaten, limit) as PendingRow[]
    if (rows.length === 0) return n
    const known = new Map(rows.map((r) => [r.id, { text: textOf(r), words: JSON.stringify(termsOf(textOf(r), places)) }]))
    const ids = JSON.stringify([...known.keys()])
    n += await whenLockFree(db, () => db.transaction(() => writeTerms(db, st.of.all(ids) as PendingRow[], () => places, known)).immediate())
    const ms = performance.now() - t
    msPerComplaint = 0.5 * msPerComplaint + 0.5 * (ms / rows.length)
    await rest(ms, opts.rests)
  }
}

type PendingRow = { id: number; kabupaten_kode: string; judul: string; isi: string }
const textOf = (r: PendingRow) => `${r.judul} ${r.isi}`

/**
 * Stores the words of pending complaints read in the caller's transaction, and adds them to isu_word_day (one
 * grouped statement for the batch, migration 0037). `known`: words normalised beforehand, outside the transaction,
 * used only where the text is still the one they were computed from. Returns how many rows were done.
 */
function writeTerms(db: Db, rows: PendingRow[], places: (kab: string) => PlaceMatcher, known?: Map<number, { text: string; words: string }>): number {
  const st = termStatements(db)
  const added: number[] = []
  for (const r of rows) {
    const was = known?.get(r.id)
    const words = was && was.text === textOf(r) ? was.words : JSON.stringify(termsOf(textOf(r), places(r.kabupaten_kode)))
    if (st.insert.run(r.id, words).changes === 1) added.push(r.id)
    st.done.run(r.id)
  }
  if (added.length) st.words.run(JSON.stringify(added))
  return rows.length
}

const SELECT_PENDING = `SELECT c.id, c.kabupaten_kode, c.judul, c.isi FROM isu_term_pending p JOIN complaint c ON c.id = p.complaint_id`
/** Prepared once per connection: indexTerms runs in every refresh (each sync page, each action). */
const termStatements = perConnection(prepareTerms)
function prepareTerms(db: Db) {
  return {
    insert: db.prepare('INSERT OR IGNORE INTO isu_term (complaint_id, words) VALUES (?, ?)'),
    done: db.prepare('DELETE FROM isu_term_pending WHERE complaint_id = ?'),
    // What the isu_term trigger of 0030 did per complaint, for a batch: each word, and '' for the complaint itself,
    // counted per kabupaten and local day, for complaints that count for topics (not dihapus, not rahasia).
    words: db.prepare(
      `INSERT INTO isu_word_day (kabupaten_kode, word, day, n)
       SELECT c.kabupaten_kode, w.value, (c.submitted_at + k.utc_offset_minutes * 60000) / 86400000, count(*)
         FROM isu_term t JOIN complaint c ON c.id = t.complaint_id JOIN kabupaten k ON k.kode = c.kabupaten_kode,
              json_each(json_insert(t.words, '$[#]', '')) w
        WHERE t.complaint_id IN (SELECT value FROM json_each(?)) AND c.status != 'dihapus' AND c.is_rahasia = 0
        GROUP BY 1, 2, 3
       ON CONFLICT DO UPDATE SET n = n + excluded.n`,
    ),
    // sql-vetted: SELECT_PENDING is a constant above; the ids are one JSON parameter
    of: db.prepare(`${SELECT_PENDING} WHERE p.complaint_id IN (SELECT value FROM json_each(?)) ORDER BY p.complaint_id`),
    // sql-vetted: SELECT_PENDING is a constant above; values are parameters
    page: db.prepare(`${SELECT_PENDING} WHERE p.complaint_id > ? AND (? IS NULL OR c.kabupaten_kode = ?) ORDER BY p.complaint_id LIMIT ?`),
  }
}

/** Complaints whose words are not stored yet (after migrating a store, until the build has run). */
export function pendingTerms(db: Db): number {
  return db.prepare('SELECT count(*) FROM isu_term_pending').pluck().get() as number
}

// Every refresh of some complaints (sync, import, intake, actions) and every rebuild of a kabupaten stores the words
// of those still pending, in the same transaction.
onRefresh((db, changed) => void indexTerms(db, changed))

export const TERMS_TASK = { name: 'isu.terms', label: 'Kata laporan untuk isu yang sedang naik' } as const

/**
 * After migrating a store to 0030, its complaints' words are built in the background of serve mode and the desktop
 * app (app/server/serve.ts): 1,000 complaints per pass (~0.2 s of the server's thread), a pass every 250 ms, until
 * none is pending (a million complaints: about 7 minutes on an idle core). Started only when words are pending at
 * start; afterwards every write stores its own (the onRefresh hook). Until done, the detector normalises on the fly.
 */
export function startTermsBuild(db: Db, opts: { everyMs?: number; batch?: number; log?: (line: string) => void } = {}): () => void {
  if (pendingTerms(db) === 0) return () => {}
  const { everyMs = 250, batch = 1_000, log = (l: string) => console.error(l) } = opts
  let total = 0
  const stop = startLoop(db, TERMS_TASK, { firstDelayMs: 1_000, everyMs, log }, async () => {
    // On the app's thread: while another connection writes, the pass is skipped rather than waited for.
    const n = writeOrSkip(db, () => indexTerms(db, { limit: batch }))
    if (n === LOCK_TAKEN) return true
    total += n
    if (n === 0) {
      log(`Kata laporan untuk isu yang sedang naik: ${total} laporan selesai`)
      stop()
    }
    return n > 0
  })
  return stop
}

// Topics that cut across categories: the same words in complaints filed under different categories (caterpillars
// reported as Kesehatan by one citizen and as Lingkungan by the next, a social-aid payout as Sosial and as
// Pelayanan Publik). A category cell cannot see them — each category holds only part of the rise — so the words of
// the tested window are counted kabupaten-wide and compared with their share of the baseline's complaints.
//
// The baseline share of a word is counted on all the baseline's complaints, read from per-day word counts kept when
// complaints are written (isu_word_day, migration 0030; terms.ts), so a million-complaint store reads a few
// thousand aggregate rows and normalises no text. Words come from the routing normaliser
// (standard spellings, function words, numbers, contacts and person names dropped) with the kabupaten's place
// names removed too: a kecamatan's name is where, not what. Rahasia complaints never contribute a word: a topic is
// shown to every role.
import type { Db } from '#main/store/open.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import type { PlaceMatcher } from '#main/routing/normalize.ts'
import { placesOf, termsOf } from './terms.ts'

/** A topic is across categories: its largest category holds at most this share of its complaints. */
export const TOPIC_MAX_CATEGORY_SHARE = 0.75

/**
 * Where the counts come from. 'aggregate' (every request): the stored words of the window's complaints and the
 * per-day word counts of the baseline (isu_term, isu_word_day; migration 0030), plus the complaints whose words
 * are not stored yet, normalised on the fly. 'scan': every text normalised again — the plain recomputation the
 * tests hold the aggregates to.
 */
export type CountSource = 'aggregate' | 'scan'

type WindowEntry = { id: number; day: number; kategori: number | null; kecamatan: string | null }

export type WordCounts = {
  /** Per candidate word: the window's complaints holding it (id, day index in the window, top-level category). */
  window: Map<string, WindowEntry[]>
  /** Per candidate word: the baseline's complaints holding it. */
  baseline: Map<string, number>
  /** The baseline's complaints that count for topics (not dihapus, not rahasia). */
  sampled: number
}

// While a migrated store's words are being built, a complaint still pending is normalised on the fly: kept per
// connection, checked against its time and text length (a rolled-back id may come back as another complaint).
type Cached = { at: number; len: number; words: string[] }
const MAX_CACHED = 300_000
const wordCache = new WeakMap<Db, Map<number, Cached>>()

function wordsOf(db: Db, r: { id: number; submitted_at: number; judul: string; isi: string }, places: PlaceMatcher): string[] {
  let cache = wordCache.get(db)
  if (!cache) wordCache.set(db, (cache = new Map()))
  const len = r.judul.length + r.isi.length
  const hit = cache.get(r.id)
  if (hit && hit.at === r.submitted_at && hit.len === len) return hit.words
  const words = termsOf(`${r.judul} ${r.isi}`, places)
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(r.id, { at: r.submitted_at, len, words })
  return words
}

/**
 * Names of months and days are when, not what: "sejak Oktober" rises every November by itself (as numbers, they
 * are never a topic; the stored words keep them, the routing normaliser's business).
 */
export const DATE_WORDS: ReadonlySet<string> = new Set(
  'januari februari maret april mei juni juli agustus september oktober november desember senin selasa rabu kamis jumat sabtu minggu ahad'.split(' '),
)

/**
 * A stored word list (JSON.stringify of an array of strings): split directly when no string in it holds an escape
 * (a quote or backslash would), which is every list the normaliser writes; JSON.parse otherwise. The same array.
 */
export function parseWords(json: string): string[] {
  if (json.includes('\\')) return JSON.parse(json) as string[]
  return json.length <= 2 ? [] : json.slice(2, -2).split('","')
}

// Word numbers of this process (every connection's): WORDS[n] is word n. A complaint's stored list as numbers, with
// the stored text it was read from. Both forgotten when large (a long-running server meets new misspellings).
const WORD_NUMBERS = new Map<string, number>()
const WORDS: string[] = []
const NUMBERED = new Map<number, { json: string; ids: Int32Array }>()
const MAX_WORDS = 1_000_000
const MAX_NUMBERED = 300_000

function forgetNumbers(): void {
  WORD_NUMBERS.clear()
  WORDS.length = 0
  NUMBERED.clear()
}

function numbered(list: string[]): Int32Array {
  const out = new Int32Array(list.length)
  for (let j = 0; j < list.length; j++) {
    let n = WORD_NUMBERS.get(list[j])
    if (n === undefined) {
      n = WORDS.length
      WORD_NUMBERS.set(list[j], n)
      WORDS.push(list[j])
    }
    out[j] = n
  }
  return out
}

type TextRow = { id: number; submitted_at: number; judul: string | null; isi: string | null; words: string | null }

/** A row of the window's select (raw: one array per complaint, ~9,500 of them a request on 1,000,000 complaints). */
type WindowRow = [id: number, submittedAt: number, kecamatan: string | null, kategori: number | null, judul: string | null, isi: string | null, words: string | null]

/**
 * The candidate words of the window's complaints (from windowFrom, W days, up to `until`) with the complaints
 * holding each, and the count of each in the baseline's complaints (all of them: the aggregates make that cheap).
 */
export function wordCounts(
  db: Db,
  q: { kabupaten: string; off: number; baselineFrom: number; windowFrom: number; until: number; minCount: number; source?: CountSource },
): WordCounts {
  const places = placesOf(db, q.kabupaten)
  const scan = q.source === 'scan'
  const start = (day: number) => day * DAY_MS - q.off
  // A complaint whose words are not stored yet: its texts, normalised on the fly.
  const texts = db.prepare('SELECT judul, isi FROM complaint WHERE id = ?')
  const wordsIn = (r: TextRow) => {
    if (r.words !== null) return parseWords(r.words)
    if (r.judul === null) Object.assign(r, texts.get(r.id))
    return wordsOf(db, r as TextRow & { judul: string; isi: string }, places)
  }
  // With stored words the select reads the index complaint_kab_submitted alone (migration 0035), not the rows.
  // sql-vetted: two constant variants of the same select (stored words or none)
  const recent = db
    .prepare(
      `SELECT c.id, c.submitted_at, c.kecamatan_kode, COALESCE(k.parent_id, k.id) AS kategori,
              ${scan ? 'c.judul, c.isi, NULL AS words' : 'NULL AS judul, NULL AS isi, t.words'}
         FROM complaint c LEFT JOIN category k ON k.id = c.category_id ${scan ? '' : 'LEFT JOIN isu_term t ON t.complaint_id = c.id'}
        WHERE c.kabupaten_kode = ? AND c.submitted_at >= ? AND c.submitted_at < ? AND c.status != 'dihapus' AND c.is_rahasia = 0`,
    )
    .raw()
    .all(q.kabupaten, start(q.windowFrom), q.until) as WindowRow[]
  // In submission order (the order words are first met decides ties between topics). Sorted here, not by SQLite: its
  // sorter would carry every row's words (the index gives them almost in this order already).
  recent.sort((a, b) => a[1] - b[1] || a[0] - b[0])
  // Each word has a number (kept by this process, shared by its connections), and each complaint's stored list is
  // kept as numbers too, checked against the stored text on every use: a complaint seen before costs one lookup and
  // one string comparison instead of splitting its list and hashing every word. Then, per request, the words get
  // local numbers in the order they are first met, and how many complaints hold each (in which categories) is
  // counted in typed arrays. Words in fewer than minCount complaints cannot be a topic, nor can those whose largest
  // category holds more than 75 % of them: only the others get a list of their complaints.
  if (WORDS.length > MAX_WORDS || NUMBERED.size > MAX_NUMBERED) forgetNumbers()
  const ofComplaint: Int32Array[] = new Array(recent.length)
  const categories = new Map<number | null, number>()
  const categoryOf = new Int32Array(recent.length)
  for (let i = 0; i < recent.length; i++) {
    const r = recent[i]
    const stored = r[6]
    const hit = stored === null ? undefined : NUMBERED.get(r[0])
    if (hit !== undefined && hit.json === stored) ofComplaint[i] = hit.ids
    else {
      const numbers = numbered(wordsIn({ id: r[0], submitted_at: r[1], judul: r[4], isi: r[5], words: stored }))
      if (stored !== null) NUMBERED.set(r[0], { json: stored, ids: numbers })
      ofComplaint[i] = numbers
    }
    let c = categories.get(r[3])
    if (c === undefined) categories.set(r[3], (c = categories.size))
    categoryOf[i] = c
  }
  const localOf = new Int32Array(WORDS.length).fill(-1)
  const words: string[] = []
  for (const own of ofComplaint) {
    for (let j = 0; j < own.length; j++) {
      if (localOf[own[j]] >= 0) continue
      localOf[own[j]] = words.length
      words.push(WORDS[own[j]])
    }
  }
  for (let i = 0; i < ofComplaint.length; i++) {
    const own = ofComplaint[i]
    const local = new Int32Array(own.length)
    for (let j = 0; j < own.length; j++) local[j] = localOf[own[j]]
    ofComplaint[i] = local
  }
  const K = categories.size
  const frequency = new Int32Array(words.length)
  const byCategory = new Int32Array(words.length * K)
  for (let i = 0; i < recent.length; i++) {
    const own = ofComplaint[i]
    const c = categoryOf[i]
    for (let j = 0; j < own.length; j++) {
      frequency[own[j]]++
      byCategory[own[j] * K + c]++
    }
  }
  // The words that can be a topic (acrossCategories on the counts), in the order first met.
  const candidate = new Uint8Array(words.length)
  for (let w = 0; w < words.length; w++) {
    const n = frequency[w]
    if (n < q.minCount || DATE_WORDS.has(words[w])) continue
    let kinds = 0
    let largest = 0
    for (let c = 0; c < K; c++) {
      const m = byCategory[w * K + c]
      if (m > 0) kinds++
      if (m > largest) largest = m
    }
    if (kinds >= 2 && largest <= TOPIC_MAX_CATEGORY_SHARE * n) candidate[w] = 1
  }
  const lists: (WindowEntry[] | undefined)[] = new Array(words.length)
  for (let i = 0; i < recent.length; i++) {
    const own = ofComplaint[i]
    let entry: WindowEntry | null = null
    for (let j = 0; j < own.length; j++) {
      const w = own[j]
      if (!candidate[w]) continue
      const r = recent[i]
      entry ??= { id: r[0], day: Math.floor((r[1] + q.off) / DAY_MS) - q.windowFrom, kategori: r[3], kecamatan: r[2] }
      ;(lists[w] ??= []).push(entry)
    }
  }
  const window: WordCounts['window'] = new Map()
  for (let w = 0; w < words.length; w++) if (candidate[w]) window.set(words[w], lists[w]!)
  const baseline = new Map<string, number>()
  const range = [q.kabupaten, start(q.baselineFrom), start(q.windowFrom)] as const
  const counted = "c.kabupaten_kode = ? AND c.submitted_at >= ? AND c.submitted_at < ? AND c.status != 'dihapus' AND c.is_rahasia = 0"
  const tally = (rows: TextRow[]) => {
    for (const r of rows) for (const w of wordsIn(r)) if (window.has(w)) baseline.set(w, (baseline.get(w) ?? 0) + 1)
    return rows.length
  }
  if (scan) {
    // sql-vetted: `counted` is a constant condition
    const rows = db.prepare(`SELECT c.id, c.submitted_at, c.judul, c.isi, NULL AS words FROM complaint c WHERE ${counted}`).all(...range) as TextRow[]
    return { window, baseline, sampled: tally(rows) }
  }
  // The stored counts, then the complaints whose words are not stored yet (none once the build has run).
  const days = [q.kabupaten, q.baselineFrom, q.windowFrom - 1] as const
  const sum = db.prepare('SELECT COALESCE(sum(n), 0) FROM isu_word_day WHERE kabupaten_kode = ? AND word = ? AND day BETWEEN ? AND ?').pluck()
  let sampled = sum.get(days[0], '', days[1], days[2]) as number
  for (const w of window.keys()) {
    const n = sum.get(days[0], w, days[1], days[2]) as number
    if (n) baseline.set(w, n)
  }
  const pending = db.prepare('SELECT count(*) FROM (SELECT 1 FROM isu_term_pending LIMIT 5001)').pluck().get() as number
  if (pending > 0) {
    // Few pending: visited one by one; many (a store just migrated): the baseline's complaints are checked instead.
    // sql-vetted: `counted` is a constant condition; the two plans are constants
    const rows = db
      .prepare(
        pending <= 5000
          ? `SELECT c.id, c.submitted_at, c.judul, c.isi, NULL AS words FROM isu_term_pending p JOIN complaint c ON c.id = p.complaint_id WHERE ${counted}`
          : `SELECT c.id, c.submitted_at, c.judul, c.isi, NULL AS words FROM complaint c WHERE ${counted} AND EXISTS (SELECT 1 FROM isu_term_pending p WHERE p.complaint_id = c.id)`,
      )
      .all(...range) as TextRow[]
    sampled += tally(rows)
  }
  return { window, baseline, sampled }
}

export type TopicCandidate = {
  word: string
  /** Complaints holding the word per window day. */
  recent: number[]
  /** Share of the baseline's complaints holding it, with a prior of half a complaint. */
  share: number
  complaints: WordCounts['window'] extends Map<string, infer L> ? L : never
}

/** The candidate words (in at least `minCount` window complaints, no category holding more than 75 % of them). */
export function topicCandidates(counts: WordCounts, windowDays: number): TopicCandidate[] {
  const out: TopicCandidate[] = []
  for (const [word, list] of counts.window) {
    const recent = new Array(windowDays).fill(0)
    for (const c of list) recent[c.day] += 1
    const share = ((counts.baseline.get(word) ?? 0) + 0.5) / (counts.sampled + 1)
    out.push({ word, recent, share, complaints: list })
  }
  return out
}

// Topics that cut across categories: the same words in complaints filed under different categories (caterpillars
// reported as Kesehatan by one citizen and as Lingkungan by the next, a social-aid payout as Sosial and as
// Pelayanan Publik). A category cell cannot see them — each category holds only part of the rise — so the words of
// the tested window are counted kabupaten-wide and compared with their share of the baseline's complaints.
//
// The baseline share of a word is estimated on an even sample of the baseline's complaints (every k-th id), so a
// million-complaint store reads a few thousand texts, not eighty thousand. Words come from the routing normaliser
// (standard spellings, function words, numbers, contacts and person names dropped) with the kabupaten's place
// names removed too: a kecamatan's name is where, not what. Rahasia complaints never contribute a word: a topic is
// shown to every role.
import type { Db } from '#main/store/open.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import { normalizeTokens, placeMatcher, type PlaceMatcher } from '#main/routing/normalize.ts'
import type { Names } from './counts.ts'

/** Baseline complaints read to estimate the words' shares (an even sample when there are more). */
export const TOPIC_SAMPLE = 4000
/** A topic is across categories: its largest category holds at most this share of its complaints. */
export const TOPIC_MAX_CATEGORY_SHARE = 0.75

export type WordCounts = {
  /** Per word: the window's complaints holding it (id, day index in the window, top-level category). */
  window: Map<string, { id: number; day: number; kategori: number | null; kecamatan: string | null }[]>
  /** Per word: complaints of the baseline sample holding it, and the sample's size. */
  baseline: Map<string, number>
  sampled: number
}

// Normalising a text is the costly step (person names, spellings, places): the words of each complaint are kept
// between calls, per store, and checked against its time and text length (a rolled-back id may come back as
// another complaint). The place matcher of a kabupaten is built once per store.
type Cached = { at: number; len: number; words: string[] }
const MAX_CACHED = 300_000
const wordCache = new WeakMap<Db, Map<number, Cached>>()
const placesCache = new WeakMap<Db, Map<string, { key: string; matcher: PlaceMatcher }>>()

function placesOf(db: Db, kabupaten: string, names: Names, kabupatenNama: string): PlaceMatcher {
  let byKab = placesCache.get(db)
  if (!byKab) placesCache.set(db, (byKab = new Map()))
  const key = `${kabupatenNama}|${names.kecamatan.size}|${names.desa.size}`
  const hit = byKab.get(kabupaten)
  if (hit && hit.key === key) return hit.matcher
  const matcher = placeMatcher([kabupatenNama, ...names.kecamatan.values(), ...names.desa.values()])
  byKab.set(kabupaten, { key, matcher })
  return matcher
}

function wordsOf(db: Db, r: { id: number; submitted_at: number; judul: string; isi: string }, places: PlaceMatcher): string[] {
  let cache = wordCache.get(db)
  if (!cache) wordCache.set(db, (cache = new Map()))
  const len = r.judul.length + r.isi.length
  const hit = cache.get(r.id)
  if (hit && hit.at === r.submitted_at && hit.len === len) return hit.words
  const words = [...new Set(normalizeTokens(`${r.judul} ${r.isi}`, places))]
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(r.id, { at: r.submitted_at, len, words })
  return words
}

/**
 * The words of the window's complaints (from windowFrom, W days, up to `until`) with the complaints holding each,
 * and the count of each such word in an even sample of the baseline's complaints.
 */
export function wordCounts(
  db: Db,
  q: { kabupaten: string; kabupatenNama: string; off: number; baselineFrom: number; windowFrom: number; until: number; minCount: number },
  names: Names,
): WordCounts {
  const places = placesOf(db, q.kabupaten, names, q.kabupatenNama)
  const start = (day: number) => day * DAY_MS - q.off
  const recent = db
    .prepare(
      `SELECT c.id, c.submitted_at, c.judul, c.isi, c.kecamatan_kode, COALESCE(k.parent_id, k.id) AS kategori
         FROM complaint c LEFT JOIN category k ON k.id = c.category_id
        WHERE c.kabupaten_kode = ? AND c.submitted_at >= ? AND c.submitted_at < ? AND c.status != 'dihapus' AND c.is_rahasia = 0`,
    )
    .all(q.kabupaten, start(q.windowFrom), q.until) as { id: number; submitted_at: number; judul: string; isi: string; kecamatan_kode: string | null; kategori: number | null }[]
  const window: WordCounts['window'] = new Map()
  for (const r of recent) {
    const day = Math.floor((r.submitted_at + q.off) / DAY_MS) - q.windowFrom
    for (const w of wordsOf(db, r, places)) {
      let list = window.get(w)
      if (!list) window.set(w, (list = []))
      list.push({ id: r.id, day, kategori: r.kategori, kecamatan: r.kecamatan_kode })
    }
  }
  // Only words that could become a topic need a baseline share.
  for (const [w, list] of window) if (list.length < q.minCount) window.delete(w)
  const baseline = new Map<string, number>()
  if (window.size === 0) return { window, baseline, sampled: 0 }
  const range = [q.kabupaten, start(q.baselineFrom), start(q.windowFrom)] as const
  const total = db
    .prepare("SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND submitted_at >= ? AND submitted_at < ? AND status != 'dihapus' AND is_rahasia = 0")
    .pluck()
    .get(...range) as number
  const every = Math.max(1, Math.ceil(total / TOPIC_SAMPLE))
  // The baseline's word counts change once a day (or when complaints of those weeks arrive): kept per store.
  const key = `${q.kabupaten}|${q.baselineFrom}|${q.windowFrom}|${total}|${every}`
  let byKey = baselineCache.get(db)
  if (!byKey) baselineCache.set(db, (byKey = new Map()))
  let all = byKey.get(key)
  if (!all) {
    all = sampleWords(db, range, every, places)
    if (byKey.size > 16) byKey.clear()
    byKey.set(key, all)
  }
  for (const w of window.keys()) {
    const n = all.counts.get(w)
    if (n) baseline.set(w, n)
  }
  return { window, baseline, sampled: all.sampled }
}

const baselineCache = new WeakMap<Db, Map<string, { counts: Map<string, number>; sampled: number }>>()

function sampleWords(db: Db, range: readonly [string, number, number], every: number, places: PlaceMatcher): { counts: Map<string, number>; sampled: number } {
  const counts = new Map<string, number>()
  const texts = db
    .prepare(
      `SELECT id, submitted_at, judul, isi FROM complaint
        WHERE kabupaten_kode = ? AND submitted_at >= ? AND submitted_at < ? AND id % ? = 0 AND status != 'dihapus' AND is_rahasia = 0`,
    )
    .all(...range, every) as { id: number; submitted_at: number; judul: string; isi: string }[]
  for (const t of texts) for (const w of wordsOf(db, t, places)) counts.set(w, (counts.get(w) ?? 0) + 1)
  return { counts, sampled: texts.length }
}

export type TopicCandidate = {
  word: string
  /** Complaints holding the word per window day. */
  recent: number[]
  /** Share of the baseline's complaints holding it, with a prior of half a complaint. */
  share: number
  complaints: WordCounts['window'] extends Map<string, infer L> ? L : never
}

/** Words in at least `minCount` window complaints whose largest category holds at most 75 % of them. */
export function topicCandidates(counts: WordCounts, windowDays: number, minCount: number): TopicCandidate[] {
  const out: TopicCandidate[] = []
  for (const [word, list] of counts.window) {
    if (list.length < minCount) continue
    const byCategory = new Map<number | null, number>()
    for (const c of list) byCategory.set(c.kategori, (byCategory.get(c.kategori) ?? 0) + 1)
    if (byCategory.size < 2 || Math.max(...byCategory.values()) > TOPIC_MAX_CATEGORY_SHARE * list.length) continue
    const recent = new Array(windowDays).fill(0)
    for (const c of list) recent[c.day] += 1
    const share = ((counts.baseline.get(word) ?? 0) + 0.5) / (counts.sampled + 1)
    out.push({ word, recent, share, complaints: list })
  }
  return out
}

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

const placesCache = new WeakMap<Names, PlaceMatcher>()

function placesOf(names: Names, kabupatenNama: string): PlaceMatcher {
  let m = placesCache.get(names)
  if (!m) placesCache.set(names, (m = placeMatcher([kabupatenNama, ...names.kecamatan.values(), ...names.desa.values()])))
  return m
}

const wordsOf = (text: string, places: PlaceMatcher) => new Set(normalizeTokens(text, places))

/**
 * The words of the window's complaints (from windowFrom, W days, up to `until`) with the complaints holding each,
 * and the count of each such word in an even sample of the baseline's complaints.
 */
export function wordCounts(
  db: Db,
  q: { kabupaten: string; kabupatenNama: string; off: number; baselineFrom: number; windowFrom: number; until: number; minCount: number },
  names: Names,
): WordCounts {
  const places = placesOf(names, q.kabupatenNama)
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
    for (const w of wordsOf(`${r.judul} ${r.isi}`, places)) {
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
  const texts = db
    .prepare(
      `SELECT judul, isi FROM complaint
        WHERE kabupaten_kode = ? AND submitted_at >= ? AND submitted_at < ? AND id % ? = 0 AND status != 'dihapus' AND is_rahasia = 0`,
    )
    .all(...range, every) as { judul: string; isi: string }[]
  for (const t of texts) {
    for (const w of wordsOf(`${t.judul} ${t.isi}`, places)) if (window.has(w)) baseline.set(w, (baseline.get(w) ?? 0) + 1)
  }
  return { window, baseline, sampled: texts.length }
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

// The words of each complaint, normalised once and stored (table complaint_terms, migration 0031), so that "Laporan
// serupa" and "Kemungkinan ganda" never normalise texts on request: normalising (person names, spellings, places)
// costs far more than comparing. The words are the routing normaliser's: numbers, contacts and person names are
// dropped, so a stored row never holds a reporter's identity. A complaint whose words are not stored yet (a store
// still being backfilled, a text just changed by a writer outside the ingest path) is normalised on the fly: the
// answer is the same either way.
import type { Db } from '#main/store/open.ts'
import { prepared } from '#main/store/statements.ts'
import { normalizeTokens } from '#main/routing/normalize.ts'
import { vecOfWords, type Vec } from './vectors.ts'

/** The normalised words of a complaint's title and text, space separated (what complaint_terms.words holds). */
export function wordsOf(judul: string | null, isi: string | null): string {
  return normalizeTokens(`${judul ?? ''} ${isi ?? ''}`).join(' ')
}

/** Words and the 3-letter pieces of each word (with its edges marked), as counts: what TF-IDF compares. */
export function termsOfWords(words: string): Map<string, number> {
  const terms = new Map<string, number>()
  if (!words) return terms
  for (const w of words.split(' ')) {
    terms.set(`w:${w}`, (terms.get(`w:${w}`) ?? 0) + 1)
    const edged = `<${w}>`
    for (let i = 0; i + 3 <= edged.length; i++) {
      const t = edged.slice(i, i + 3)
      terms.set(t, (terms.get(t) ?? 0) + 0.25)
    }
  }
  return terms
}

/** The terms of a text, normalised now (what the stored words give, for a text not stored). */
export function textTerms(text: string): Map<string, number> {
  return termsOfWords(normalizeTokens(text).join(' '))
}

/** A row as the comparisons read it: `words` is null when the complaint's words are not stored (yet). */
export type WithWords = { id: number; judul: string; isi: string; words: string | null }

/** The vector of each row, from its stored words, or normalised now when they are not stored. With `store`, words
 *  normalised now are written too (the caller is in a write transaction); `cache` keeps vectors across calls. */
export function vecsOfRows(db: Db, rows: WithWords[], store = false, cache?: Map<number, Vec>): Vec[] {
  return rows.map((r) => {
    const hit = cache?.get(r.id)
    if (hit) return hit
    if (r.words === null) {
      r.words = wordsOf(r.judul, r.isi)
      if (store) storeWords(db, r.id, r.words)
    }
    const v = vecOfWords(r.words)
    cache?.set(r.id, v)
    return v
  })
}

/** Normalises and stores the words of those rows that have none, until `deadline` (a performance.now() time): a
 *  background slice must not run far past its budget on one complaint whose place's earlier complaints were never
 *  normalised (a store migrated to 0031: up to 2,000 texts, 281 ms measured). At least one row is done per call and
 *  its words are kept, so successive slices progress. Returns whether every row has its words now. */
export function storeWordsUntil(db: Db, rows: WithWords[], deadline: number): boolean {
  let first = true
  for (const r of rows) {
    if (r.words !== null) continue
    if (!first && performance.now() > deadline) return false
    storeWords(db, r.id, (r.words = wordsOf(r.judul, r.isi)))
    first = false
  }
  return true
}

export function storeWords(db: Db, id: number, words: string): void {
  prepared(db, 'INSERT OR REPLACE INTO complaint_terms (complaint_id, words) VALUES (?, ?)').run(id, words)
}

const hasTable = new WeakMap<Db, boolean>()
/** Whether the store has the stored words (a store opened read-only before its migration to 0031 has not: then
 *  every text is normalised on the fly). */
export function hasStoredWords(db: Db): boolean {
  let has = hasTable.get(db)
  if (has === undefined) hasTable.set(db, (has = !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'complaint_terms'").get()))
  return has
}

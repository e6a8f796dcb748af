// Turns a complaint as citizens type it into the words the classifier sees: lower case, links and contacts
// removed, numbers never kept (a NIK, a phone number, an RT or a date says nothing about which OPD is responsible
// and must not become something the model remembers), "anak2" and "parahhh" undone, abbreviations and regional
// words mapped to standard Indonesian, place names of the kabupaten dropped (a kecamatan's name must not pull a
// complaint towards the OPD that happened to serve it most), and function words left out.
import { COMMON_WORD_PLACES, INFORMAL, REGIONAL, STOPWORDS } from './lexicon.ts'
import { PERSON_NAME_WORDS, withoutPersonNames } from '../privacy/person-names.ts'

const LINKS = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+|[@#](?=[a-z0-9_])/g
const NON_ASCII = /[^\x00-\x7f]/
const MAPPED = new Map<string, string[]>(Object.entries({ ...REGIONAL, ...INFORMAL }).map(([k, v]) => [k, v ? v.split(' ') : []]))

const A = 97
const Z = 122
const TWO = 50
const isLetter = (c: number) => c >= A && c <= Z
const isDigit = (c: number) => c >= 48 && c <= 57

/**
 * Lower-cased words of the text with every digit removed: "rt05" keeps "rt", "6408012345678901" vanishes, and the
 * reduplication "anak2" is "anak". Written as a scan rather than regular expressions: it runs on every complaint.
 */
function rawWords(text: string): string[] {
  let s = text.toLowerCase()
  if (NON_ASCII.test(s)) s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  if (s.includes('@') || s.includes('#') || s.includes('http') || s.includes('www.')) s = s.replace(LINKS, ' ')
  const out: string[] = []
  let start = -1
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32
    if (isLetter(c)) {
      if (start < 0) start = i
      continue
    }
    if (start >= 0) {
      out.push(s.slice(start, i))
      start = -1
      // "anak2": the 2 only repeats the word before it.
      if (c === TWO && !isDigit(i + 1 < s.length ? s.charCodeAt(i + 1) : 32)) i++
    }
  }
  return out
}

/** "parahhh", "tolonggg", "sakiiit": a run of three or more letters is emphasis, not spelling. */
function collapseRuns(w: string): string {
  let hasRun = false
  for (let i = 2; i < w.length; i++) {
    if (w.charCodeAt(i) === w.charCodeAt(i - 1) && w.charCodeAt(i) === w.charCodeAt(i - 2)) {
      hasRun = true
      break
    }
  }
  return hasRun ? w.replace(/(.)\1{2,}/g, '$1') : w
}

/** One written word -> zero or more standard words. */
function standardise(word: string, out: string[]): void {
  let w = collapseRuns(word)
  const mapped = MAPPED.get(w)
  if (mapped !== undefined) {
    for (const m of mapped) out.push(m)
    return
  }
  // The possessive/definite clitic: "jalannya" is "jalan". Short words ("punya", "hanya") keep theirs.
  if (w.length >= 7 && w.endsWith('nya')) w = w.slice(0, -3)
  out.push(w)
}

/** Standard words of a text, before places and function words are removed. */
export function standardWords(text: string): string[] {
  const out: string[] = []
  for (const w of rawWords(text)) standardise(w, out)
  return out
}

/** Place names of a kabupaten, matched as whole word sequences ("sangatta utara", "muara wahau"). */
export type PlaceMatcher = { byFirst: Map<string, string[][]> }

export function placeMatcher(names: Iterable<string>): PlaceMatcher {
  const byFirst = new Map<string, string[][]>()
  for (const name of names) {
    // "Cemaga Selatan (Setengar)": both the official name and the local one in brackets.
    for (const part of name.split(/[()]/)) {
      const words = standardWords(part)
      if (words.length === 0 || COMMON_WORD_PLACES.has(words.join(' '))) continue
      const list = byFirst.get(words[0]) ?? []
      if (!list.some((l) => l.join(' ') === words.join(' '))) list.push(words)
      byFirst.set(words[0], list)
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length) // longest name first
  return { byFirst }
}

/** The words the classifier sees: standard words without place names, function words and names of people (a name
 *  is personal data: never a feature, never shown as a word that decided a suggestion). */
export function normalizeTokens(text: string, places?: PlaceMatcher): string[] {
  return readWords(text, places).words
}

/**
 * The words the classifier sees (`words`) and the same with the function words kept (`all`, what the linear layer
 * reads: on LaporGub words such as "mohon", "dinas" or "izin" still carry some of the sector; docs/routing.md).
 * Place names and people's names are left out of both.
 */
export function readWords(text: string, places?: PlaceMatcher): { words: string[]; all: string[] } {
  const words = standardWords(withoutPersonNames(text))
  const out: string[] = []
  const all: string[] = []
  for (let i = 0; i < words.length; i++) {
    const candidates = places?.byFirst.get(words[i])
    if (candidates) {
      const hit = candidates.find((name) => name.every((w, k) => words[i + k] === w))
      if (hit) {
        i += hit.length - 1
        continue
      }
    }
    const w = words[i]
    if (w.length < 2 || PERSON_NAME_WORDS.has(w)) continue
    all.push(w)
    if (!STOPWORDS.has(w)) out.push(w)
  }
  return { words: out, all }
}

// The fallback for a kabupaten with little history: for each usual function of a Pemkab, the units that carry it
// (alternatives in order, since kabupaten name their OPD differently: Disdikbud or Disdik, DPUPR or DPU, DTPHP or
// Dinas Pertanian) and the words and LAPOR! categories that point to it. Written from the standard OPD structure
// (resources/seed/units-*.json) and the category tree, not from any evaluation data. The learned model takes over
// as history accumulates (see suggest.ts).
import { readJson } from '#main/resources.ts'
import { normalizeTokens } from './normalize.ts'

type RuleSpec = { units: string; words: string; categories?: string }

// The table itself is data, kept beside the unit trees it names (resources/seed/routing-rules.json, fields explained
// there); read once, on the first kabupaten resolved.
let specs: RuleSpec[] | undefined
const ruleSpecs = (): RuleSpec[] => (specs ??= readJson<{ rules: RuleSpec[] }>('seed', 'routing-rules.json').rules)

export type Rule = { label: string; words: string[][]; categories: ReadonlySet<string> }

/** The rules of a kabupaten with an index from each word to the phrases it starts. */
export type RuleSet = { rules: Rule[]; byFirst: Map<string, { rule: number; phrase: number }[]>; labels: string[] }

/** The rules that apply in a kabupaten: each function resolved to the first of its units the Pemkab has. */
export function resolveRules(hasUnit: (path: string) => boolean): RuleSet {
  const rules: Rule[] = []
  for (const spec of ruleSpecs()) {
    const label = spec.units.split('|').find((p) => p.startsWith('@') || hasUnit(p))
    if (!label) continue
    const words = spec.words
      .split(',')
      .map((w) => normalizeTokens(w))
      .filter((w) => w.length > 0)
    rules.push({ label, words, categories: new Set((spec.categories ?? '').split(',').filter(Boolean)) })
  }
  const byFirst = new Map<string, { rule: number; phrase: number }[]>()
  rules.forEach((r, rule) => r.words.forEach((w, phrase) => byFirst.set(w[0], [...(byFirst.get(w[0]) ?? []), { rule, phrase }])))
  return { rules, byFirst, labels: [...new Set(rules.map((r) => r.label))] }
}

export type RuleHit = { label: string; score: number; words: string[] }

const PHRASE = 1.5
const CATEGORY = 2
/** Words of this length or more also match inside an affixed form ("lubang" in "berlubang"). */
const INSIDE = 5

/** Rule words a complaint's word matches: itself, or a rule word of 5+ letters found inside it. */
function matchingWords(token: string, set: RuleSet, out: Set<string>): void {
  out.clear()
  if (set.byFirst.has(token)) out.add(token)
  for (let len = INSIDE; len < token.length; len++) {
    for (let at = 0; at + len <= token.length; at++) {
      const piece = token.slice(at, at + len)
      if (set.byFirst.has(piece)) out.add(piece)
    }
  }
}

function matches(token: string, word: string): boolean {
  return token === word || (word.length >= INSIDE && token.includes(word))
}

/** Score of each rule label for a complaint's words (see normalize.ts) and its LAPOR! category, best first. */
export function ruleHits(set: RuleSet, tokens: readonly string[], category?: string | null): RuleHit[] {
  const found = new Map<number, Set<number>>() // rule -> phrases found
  const words = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    matchingWords(tokens[i], set, words)
    for (const w of words) {
      for (const { rule, phrase } of set.byFirst.get(w)!) {
        const p = set.rules[rule].words[phrase]
        if (p.every((pw, k) => k === 0 || (i + k < tokens.length && matches(tokens[i + k], pw)))) {
          found.set(rule, (found.get(rule) ?? new Set()).add(phrase))
        }
      }
    }
  }
  const byLabel = new Map<string, RuleHit>()
  set.rules.forEach((rule, r) => {
    const phrases = found.get(r)
    let score = category && rule.categories.has(category) ? CATEGORY : 0
    const hitWords: string[] = []
    for (const ph of phrases ?? []) {
      const p = rule.words[ph]
      score += p.length > 1 ? PHRASE : 1
      for (const w of p) if (!hitWords.includes(w)) hitWords.push(w)
    }
    if (score === 0) return
    // Several functions of one unit (an OPD without bidang) add up.
    const had = byLabel.get(rule.label)
    if (!had) byLabel.set(rule.label, { label: rule.label, score, words: hitWords })
    else {
      had.score += score
      for (const w of hitWords) if (!had.words.includes(w)) had.words.push(w)
    }
  })
  return [...byLabel.values()].sort((a, b) => b.score - a.score)
}

/** Sharpness of the rule scores: one matching word alone is about an even chance, two about four in five. */
const BETA = 1.1
/** The weight of "none of these": what a single matching word is up against. */
const NONE = Math.expm1(BETA)

/**
 * Rule scores as probabilities of the matched labels. The rest of the mass is "none of the rules", so one weak
 * word is a weak suggestion and nothing matched is no suggestion at all (an empty map).
 */
export function ruleProbabilities(hits: readonly RuleHit[]): Map<string, number> {
  const weights = hits.map((h) => Math.expm1(BETA * h.score))
  const sum = weights.reduce((a, b) => a + b, NONE)
  return new Map(hits.map((h, i) => [h.label, weights[i] / sum]))
}

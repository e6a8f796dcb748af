// Putting the two sources of a suggestion together: the model learnt from this Pemda's history and the keyword
// rules. The model's share grows with the history it rests on, w = n / (n + HALF_WEIGHT_AT): with no history the
// rules decide alone, at HALF_WEIGHT_AT examples both count equally, with thousands the model decides; and it is
// scaled by the share of the complaint's words the history has seen (a kind of complaint the Pemda never had is
// left mostly to the rules, however large the history). Then the
// unit probabilities are summed per OPD (a bidang counts for its OPD), because "which OPD" is the question that
// matters first; the most likely bidang within the OPD is named beside it.

export const HALF_WEIGHT_AT = 150

/** The model's share by the size of the history, times the share of the complaint's words that history has seen. */
export function modelShare(examples: number, coverage = 1): number {
  return examples <= 0 ? 0 : (coverage * examples) / (examples + HALF_WEIGHT_AT)
}

/**
 * How well the keyword rules fit a label set: the share of the model's labels (at OPD level) that the rules can
 * name. The rules were written for a Pemkab's own OPD keys; on any other label set (categories, sectors, another
 * naming) they can only point at labels that do not exist, and must not take a share of the suggestion.
 */
export function rulesFit(modelLabels: readonly string[], ruleLabels: readonly string[]): number {
  const groups = new Set(modelLabels.map(opdOf))
  if (groups.size === 0) return 1
  const named = new Set(ruleLabels.map(opdOf))
  let hit = 0
  for (const g of groups) if (named.has(g)) hit++
  // A Pemda's own unit tree is mostly named by its rules (a few OPD have no rule); below half, it is another label set.
  return Math.min(1, (2 * hit) / groups.size)
}

/** Weighted sum of two distributions over labels (either may be missing). */
export function blend(model: Map<string, number> | null, rules: Map<string, number> | null, share: number): Map<string, number> {
  const out = new Map<string, number>()
  const add = (p: Map<string, number> | null, w: number) => {
    if (!p || w <= 0) return
    for (const [l, v] of p) out.set(l, (out.get(l) ?? 0) + w * v)
  }
  const s = !rules ? 1 : !model ? 0 : share
  add(model, s)
  add(rules, 1 - s)
  return out
}

/** The OPD a label belongs to: 'dinkes/yankes' -> 'dinkes'; '@kec' and '@desa' are their own. */
export function opdOf(label: string): string {
  const slash = label.indexOf('/')
  return slash < 0 ? label : label.slice(0, slash)
}

export type Ranked = {
  /** The OPD-level group and its probability. */
  group: string
  confidence: number
  /** The most likely label inside the group (a bidang, or the OPD itself) and its share of the group. */
  label: string
  share: number
}

/** The k most likely groups, each with its most likely label. */
export function rankGroups(p: Map<string, number>, k = 3, groupOf: (label: string) => string = opdOf): Ranked[] {
  const groups = new Map<string, { total: number; best: string; bestP: number }>()
  for (const [label, v] of p) {
    const g = groupOf(label)
    const had = groups.get(g)
    if (!had) groups.set(g, { total: v, best: label, bestP: v })
    else {
      had.total += v
      if (v > had.bestP) [had.best, had.bestP] = [label, v]
    }
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map(([group, g]) => ({ group, confidence: g.total, label: g.best, share: g.total > 0 ? g.bestP / g.total : 0 }))
}

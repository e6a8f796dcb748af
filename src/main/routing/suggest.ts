// Suggestions: for a complaint (or a bare text), the three most likely OPD with a confidence, the bidang inside
// each where the Pemda uses them, the words that drove it, and what the suggestion rests on. The model's share
// against the keyword rules follows the size of the history (blend.ts); a complaint the model learnt from is
// judged leave-one-out, as if it were new, so a suggestion never just repeats the complaint's own label.
import { FeatureBuffer, PAIR } from './features.ts'
import { featurize } from './train.ts'
import type { Example, NaiveBayes } from './model.ts'
import { ruleHits, ruleProbabilities, type RuleHit } from './rules.ts'
import { blend, modelShare, opdOf, rankGroups, rulesFit, type Ranked } from './blend.ts'
import { isLiveLabel, unitOfLabel, type RoutingContext } from './context.ts'
import { readingOf, type RoutingRow } from './examples.ts'
import type { ModelRow } from './store.ts'

export type Place = { kecamatan_kode: string | null; desa_kode: string | null }

export type UnitSuggestion = {
  /** Relative unit path ('dinkes/yankes'), or '@kec' / '@desa' (the complaint's own kecamatan office / desa). */
  label: string
  /** The unit to send it to: the bidang when the model is fairly sure of it, else the OPD; null when it cannot be placed. */
  unitId: number | null
  unit: string | null
  /** The OPD-level unit (an OPD, a kecamatan office) and how likely it is. */
  opdId: number | null
  opd: string | null
  confidence: number
  /** The named bidang's share of its OPD's probability (1 when the suggestion is the OPD itself). */
  share: number
  /** Words of the complaint (normalised) that spoke for it most; the category when it did. */
  words: string[]
}

export type RoutingBasis = {
  /** Complaints the model has learnt from, of which supervisor corrections. */
  complaints: number
  corrections: number
  /**
   * The learned model's share of the suggestion (the rest: keyword rules): for one complaint, by the size of the
   * history and how much of the complaint's words it has seen; for the kabupaten, by the size alone.
   */
  modelShare: number
  /** The share the size of the history alone would give the model. */
  historyShare: number
  builtAt: number | null
}

/** A bidang is named only when it holds at least this share of its OPD's probability. */
const BIDANG_SHARE = 0.5
const WORDS = 5
/** Below this a runner-up is noise, not a suggestion (the best one is always shown). */
const MIN_CONFIDENCE = 0.01

type Scored = { ranked: Ranked[]; buf: FeatureBuffer; tokens: string[]; hits: RuleHit[]; share: number; exclude?: Example }

// One buffer for every suggestion: each is computed and turned into its result synchronously, before the next.
const shared = new FeatureBuffer()

function score(ctx: RoutingContext, model: NaiveBayes | null, text: string, extras: readonly string[], category: string | null, exclude?: Example): Scored {
  const buf = shared
  const tokens = featurize({ text, extras }, buf, { places: ctx.places })
  const examples = model ? model.examples - (exclude && model.labels.includes(exclude.label) ? exclude.weight : 0) : 0
  // Rules count only as far as they can name this Pemda's labels (all of them, normally; see rulesFit).
  const share = model ? 1 - (1 - modelShare(examples, model.coverage(buf, exclude))) * (examples > 0 ? rulesFit(model.labels, ctx.rules.labels) : 1) : 0
  let modelP: Map<string, number> | null = null
  if (model && examples > 0) {
    const p = model.probabilities(buf, exclude)
    modelP = new Map()
    model.labels.forEach((l, i) => {
      if (p[i] > 0 && isLiveLabel(ctx, l)) modelP!.set(l, p[i])
    })
  }
  const hits = ruleHits(ctx.rules, tokens, category)
  const p = blend(modelP, ruleProbabilities(hits), share)
  return { ranked: rankGroups(p, 3), buf, tokens, hits, share, exclude }
}

function unitName(ctx: RoutingContext, id: number | null): string | null {
  const u = id === null ? undefined : ctx.units.get(id)
  return u ? u.nama : null
}

/** The words that spoke for a label: the model's strongest evidence and the rule words, in proportion to their share. */
function drivingWords(ctx: RoutingContext, model: NaiveBayes | null, s: Scored, r: Ranked, categoryKode: string | null): string[] {
  const fromModel: string[] = []
  if (model && s.share > 0) {
    const contrib = model.contributions(s.buf, r.label, s.exclude)
    const byToken = new Map<string, number>()
    let category = 0
    for (let i = 0; i < s.buf.size; i++) {
      const v = contrib[i]
      const src = s.buf.source[i]
      if (src < 0) category += v
      else if (s.buf.kind[i] === PAIR) {
        byToken.set(s.tokens[src], (byToken.get(s.tokens[src]) ?? 0) + v / 2)
        byToken.set(s.tokens[src + 1], (byToken.get(s.tokens[src + 1]) ?? 0) + v / 2)
      } else byToken.set(s.tokens[src], (byToken.get(s.tokens[src]) ?? 0) + v)
    }
    if (categoryKode && category > 0) byToken.set(`kategori: ${ctx.categoryNama.get(categoryKode) ?? categoryKode}`, category)
    fromModel.push(
      ...[...byToken]
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([w]) => w),
    )
  }
  const fromRules = s.hits.filter((h) => opdOf(h.label) === r.group).flatMap((h) => h.words)
  const first = s.share >= 0.5 ? [fromModel, fromRules] : [fromRules, fromModel]
  return [...new Set(first.flat())].slice(0, WORDS)
}

function toSuggestions(ctx: RoutingContext, model: NaiveBayes | null, s: Scored, place: Place, categoryKode: string | null, withWords: boolean): UnitSuggestion[] {
  return s.ranked.filter((r, i) => i === 0 || r.confidence >= MIN_CONFIDENCE).map((r) => {
    const opdLabel = r.group
    const opdId = unitOfLabel(ctx, opdLabel, place)
    const leafId = r.label === opdLabel ? opdId : unitOfLabel(ctx, r.label, place)
    const useLeaf = r.label !== opdLabel && r.share >= BIDANG_SHARE && leafId !== null
    const unitId = useLeaf ? leafId : opdId
    return {
      label: useLeaf ? r.label : opdLabel,
      unitId,
      unit: unitName(ctx, unitId),
      opdId,
      opd: unitName(ctx, opdId),
      confidence: round(r.confidence),
      share: round(useLeaf ? r.share : 1),
      words: withWords ? drivingWords(ctx, model, s, r, categoryKode) : [],
    }
  })
}

const round = (x: number) => Math.round(x * 1000) / 1000

/** What the suggestions rest on: the model's routing_model row (read once with the model, store.ts currentModel). */
export function basisOf(row: ModelRow | undefined, model: NaiveBayes | null, share?: number): RoutingBasis {
  return {
    complaints: row?.complaints ?? 0,
    corrections: row?.corrections ?? 0,
    modelShare: round(share ?? modelShare(model?.examples ?? 0)),
    historyShare: round(modelShare(model?.examples ?? 0)),
    builtAt: row ? Math.floor(row.built_at / 1000) : null,
  }
}

export type Suggested = { suggestions: UnitSuggestion[]; modelShare: number }

/** Suggestions for a text typed or pasted (the CLI's `route`, a form), with no place and no own example. */
export function suggestForText(ctx: RoutingContext, model: NaiveBayes | null, text: string, categoryKode: string | null = null): Suggested {
  const s = score(ctx, model, text, categoryKode ? [`kategori:${categoryKode}`] : [], categoryKode)
  return { suggestions: toSuggestions(ctx, model, s, { kecamatan_kode: null, desa_kode: null }, categoryKode, true), modelShare: s.share }
}

/** Suggestions for a stored complaint, leave-one-out if it is one of the model's examples. */
export function suggestForComplaint(ctx: RoutingContext, model: NaiveBayes | null, c: RoutingRow, own: Example | undefined, withWords: boolean): Suggested {
  const reading = readingOf(c, ctx)
  const kode = c.category_id === null ? null : (ctx.categoryKode.get(c.category_id) ?? null)
  const s = score(ctx, model, reading.text, reading.extras ?? [], kode, own)
  return { suggestions: toSuggestions(ctx, model, s, c, kode, withWords), modelShare: s.share }
}

/**
 * How confidently the best suggestion disagrees with the unit holding the complaint, or null when it agrees or
 * cannot say. Disagreeing means another OPD, or the same OPD but another bidang that the model is sure of (Natuna
 * asked for the right bidang, not only the right dinas). A complaint a supervisor already moved is not second-guessed.
 */
export function misrouteConfidence(ctx: RoutingContext, c: Pick<RoutingRow, 'unit_id' | 'disposition_count'>, best: UnitSuggestion | undefined): number | null {
  if (!best || best.unitId === null || c.unit_id === null || c.disposition_count >= 2) return null
  const topOf = (id: number) => ctx.top.get(id) ?? id
  if (topOf(best.unitId) !== topOf(c.unit_id)) return best.confidence
  const held = ctx.units.get(c.unit_id)
  if (best.unitId !== c.unit_id && best.unitId !== best.opdId && held?.kind === 'bidang') return round(best.confidence * best.share)
  return null
}

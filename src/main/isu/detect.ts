// "Isu yang sedang naik": for the kabupaten as a whole, every kecamatan and every desa, crossed with every top-level
// category, the count of the last days is compared with what the 12 weeks before say is expected there (weekday
// profile and trend of the kabupaten), and the cells that are too surprising to be chance are flagged: how many,
// how many were expected, how surprising, since when, and the complaints behind it. The model: model.ts and
// README.md.
import type { Db } from '#main/store/open.ts'
import { DomainError } from '#main/errors.ts'
import { DAY_MS, dayOf, startOfDay } from '#main/calendar/days.ts'
import { cellComplaints, cellsOfKey, dayCounts, namesOf, type DayCount } from './counts.ts'
import { mostSurprising, stratumOf, upperTail } from './model.ts'
import { BASELINE_DEFAULTS, baselineOf, computedBaseline, storedBaseline, type Baseline, type Level } from './baseline.ts'
import { topicCandidates, wordCounts, type CountSource } from './topics.ts'
import { normalizeTokens } from '#main/routing/normalize.ts'

export type IsuOptions = {
  /** How many false alarms per week the kabupaten accepts (admin setting); lower means fewer, later flags. */
  falseAlarmsPerWeek?: number
  /** Days of history the expectation is learnt from, ending where the tested window begins. */
  baselineDays?: number
  /** The longest window tested, ending now. */
  windowDays?: number
  /** Fewest complaints a flag needs, however rare. */
  minCount?: number
}

export const ISU_DEFAULTS: Required<IsuOptions> = { falseAlarmsPerWeek: 0.5, ...BASELINE_DEFAULTS, minCount: 5 }

export type { Level }

export type Isu = {
  level: Level
  kecamatan: { kode: string; nama: string } | null
  desa: { kode: string; nama: string } | null
  kategori: { id: number; nama: string } | null
  /** For a topic that cuts across categories (kategori null): its words, strongest first ("ulat bulu"). */
  topic: string | null
  count: number
  expected: number
  /** −log10 of the chance of a count this high anywhere in the kabupaten today: 2 = once in 100 days (15 at most). */
  score: number
  /** Local date (YYYY-MM-DD) of the first complaint of the surprising window. */
  since: string
  complaints: number[]
}

export type IsuReport = {
  kabupaten: string
  now: string
  settings: Required<IsuOptions>
  /** What the expectation was built on, so that an admin can check it. */
  model: {
    baselineFrom: string
    baselineTo: string
    dispersion: Record<Level, number>
    trend: number
    weekday: number[]
    cellsTested: number
    /** Words of the window tested as topics across categories, and the baseline complaints sampled for their shares. */
    topicsTested: number
    topicSample: number
  }
  issues: Isu[]
}

/** A cell: its baseline total and, when it has complaints in the window, their counts per window day. */
type Cell = { level: Level; kecamatan: string | null; desa: string | null; kategori: number | null; sum: number; recent: number[] | null }

const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10)

/** The flagged issues of a kabupaten at `now`, most surprising first. */
export function detectIssues(db: Db, kabupaten: string, now: number, options: IsuOptions = {}, source: CountSource = 'aggregate'): IsuReport {
  const settings = { ...ISU_DEFAULTS, ...options }
  const kab = db.prepare('SELECT utc_offset_minutes, nama FROM kabupaten WHERE kode = ?').get(kabupaten) as { utc_offset_minutes: number; nama: string } | undefined
  if (kab === undefined) throw new DomainError('NOT_FOUND', `Kabupaten ${kabupaten} tidak ada di berkas data.`)
  const off = kab.utc_offset_minutes * 60_000
  const today = dayOf(now, off)
  const W = settings.windowDays
  const B = settings.baselineDays
  const windowFrom = today - W + 1
  const baselineFrom = windowFrom - B
  // The baseline's figures: kept in isu_base (baseline.ts, migration 0035) when current, else computed from its days
  // with the same function. Then only the tested window's days are counted.
  const stored = source === 'aggregate' ? storedBaseline(db, kabupaten, baselineFrom, B, W) : null
  let base: Baseline
  let rows: DayCount[]
  if (stored) {
    base = stored
    rows = dayCounts(db, kabupaten, off, windowFrom, today, now + 1, source)
  } else if (source === 'aggregate') {
    // No row kept: the same figures from isu_day, read a few days at a time (baseline.ts computedBaseline).
    base = computedBaseline(db, kabupaten, baselineFrom, B, W)
    rows = dayCounts(db, kabupaten, off, windowFrom, today, now + 1, source)
  } else {
    const all = dayCounts(db, kabupaten, off, baselineFrom, today, now + 1, source)
    base = baselineOf(all, baselineFrom, B, W)
    rows = all.filter((r) => r[0] >= windowFrom)
  }
  const { weekday, trend, dispersion, phiOf } = base
  const trendOf = new Map(base.trendOf)

  // The cells: those of the baseline in their order (ties in the list keep it), then those new in the window.
  const cells = new Map<string, Cell>()
  for (const [level, kecamatan, desa, kategori, sum] of base.cells) {
    cells.set(`${level}|${kecamatan}|${desa}|${kategori}`, { level, kecamatan, desa, kategori, sum, recent: null })
  }
  const targetsOf = cellsOfKey<Cell>(cells, (level, kecamatan, desa, kategori) => ({ level, kecamatan, desa, kategori, sum: 0, recent: null }))
  for (const [day, key, n] of rows) {
    for (const cell of targetsOf(key)) (cell.recent ??= new Array(W).fill(0))[day - windowFrom] += n
  }

  // The share of today that has passed: today's expectation is for the hours gone, not the whole day.
  const todayShare = Math.min(1, Math.max(1 / 24, (now - startOfDay(today, off)) / DAY_MS))
  const dayShape = Array.from({ length: W }, (_, i) => weekday[(windowFrom + i) % 7] * (i === W - 1 ? todayShare : 1))

  // Only cells with enough recent complaints can be flagged; they and the candidate topic words are the family the
  // threshold is spread over.
  const candidates: (Cell & { recent: number[] })[] = []
  for (const c of cells.values()) {
    const recent = c.recent ?? new Array<number>(W).fill(0)
    if (recent.reduce((a, b) => a + b, 0) >= settings.minCount) candidates.push({ ...c, recent })
  }
  const names = namesOf(db, kabupaten)
  const words = wordCounts(db, { kabupaten, off, baselineFrom, windowFrom, until: now + 1, minCount: settings.minCount, source })
  const topics = topicCandidates(words, W)
  const family = Math.max(1, candidates.length + topics.length) * W
  const threshold = settings.falseAlarmsPerWeek / 7 / family
  type Test = NonNullable<ReturnType<typeof mostSurprising>>
  const found: (Cell & { recent: number[]; expected: number[]; test: Test; span: Test; pFamily: number })[] = []
  for (const c of candidates) {
    // A small prior (half a complaint in the baseline) keeps a cell with no history from expecting exactly zero.
    const rate = (c.sum + 0.5) / B
    const level = rate * (trendOf.get(c.kategori) ?? trend)
    const expected = dayShape.map((s) => level * s)
    const phi = phiOf[c.level][stratumOf(c.sum / B)]
    const test = mostSurprising(c.recent, expected, phi, settings.minCount, threshold)
    if (!test || test.p > threshold) continue
    // The issue began earlier than its most surprising window when the days just before it were unusual on their
    // own (an outbreak whose first reports trickled in): the window is extended back over such days.
    let days = test.days
    while (days < W && upperTail(c.recent[W - days - 1], expected[W - days - 1], phi[0]) <= 0.05) days++
    const observed = c.recent.slice(W - days).reduce((a, b) => a + b, 0)
    const e = expected.slice(W - days).reduce((a, b) => a + b, 0)
    const span = days === test.days ? test : { days, observed, expected: e, p: upperTail(observed, e, phi[days - 1]) }
    found.push({ ...c, expected, test, span, pFamily: Math.min(1, test.p * family) })
  }

  // One outbreak, one row. A kecamatan flagged because one of its desa is: the desa says it more precisely (likewise
  // the kabupaten and one kecamatan). "Because" means the child holds 80 % of the parent's excess over its
  // expectation, over the parent's window. A burst spread over several desa of a flagged kecamatan is the
  // kecamatan's row; its desa rows are left out (its complaints name them).
  type Found = (typeof found)[number]
  const isChild = (child: Found, parent: Found) =>
    child.kategori === parent.kategori &&
    ((parent.level === 'kabupaten' && child.level === 'kecamatan') ||
      (parent.level === 'kecamatan' && child.level === 'desa' && child.kecamatan === parent.kecamatan))
  const excess = (c: Found, days: number) => c.recent.slice(W - days).reduce((a, b) => a + b, 0) - c.expected.slice(W - days).reduce((a, b) => a + b, 0)
  const preciser = found.filter((parent) => !found.some((child) => isChild(child, parent) && excess(child, parent.span.days) >= 0.8 * excess(parent, parent.span.days)))
  const kept = preciser.filter((child) => child.level !== 'desa' || !preciser.some((parent) => parent.level === 'kecamatan' && isChild(child, parent)))

  const issues: Isu[] = kept
    .sort((a, b) => a.test.p - b.test.p || b.test.observed - a.test.observed)
    .map((f) => {
      const firstDay = windowFrom + W - f.span.days
      const lead = f.recent.slice(W - f.span.days).findIndex((n) => n > 0)
      const sinceDay = firstDay + Math.max(0, lead)
      return {
        level: f.level,
        kecamatan: f.kecamatan ? { kode: f.kecamatan, nama: names.kecamatan.get(f.kecamatan) ?? f.kecamatan } : null,
        desa: f.desa ? { kode: f.desa, nama: names.desa.get(f.desa) ?? f.desa } : null,
        kategori: f.kategori === null ? null : { id: f.kategori, nama: names.kategori.get(f.kategori) ?? String(f.kategori) },
        topic: null,
        count: f.span.observed,
        expected: Math.round(f.span.expected * 10) / 10,
        // 15 at most: below 1e-15 the tail is beyond double precision (1 − cdf), and "once in 10^15 days" says it all.
        score: Math.round(Math.min(15, -Math.log10(Math.max(f.pFamily, 1e-15))) * 10) / 10,
        since: isoDate(sinceDay),
        complaints: cellComplaints(db, kabupaten, f, startOfDay(sinceDay, off), now + 1),
      }
    })

  // Topics across categories: a word's expected count is its baseline share of the kabupaten's expected complaints.
  const kabupatenDaily = (base.total / B) * trend
  const flaggedTopics: { words: string[]; p: number; pFamily: number; count: number; expected: number; sinceDay: number; ids: Set<number> }[] = []
  const tested = topics
    .map((t) => {
      const expected = dayShape.map((s) => t.share * kabupatenDaily * s)
      const phi = phiOf.kabupaten[stratumOf(t.share * kabupatenDaily)]
      return { t, expected, phi, test: mostSurprising(t.recent, expected, phi, settings.minCount, threshold) }
    })
    .filter((x) => x.test && x.test.p <= threshold)
    .sort((a, b) => a.test!.p - b.test!.p)
  const cellSets = issues.map((i) => new Set(i.complaints))
  for (const { t, expected, phi, test } of tested) {
    let days = test!.days
    while (days < W && upperTail(t.recent[W - days - 1], expected[W - days - 1], phi[0]) <= 0.05) days++
    const firstIdx = W - days
    const lead = t.recent.slice(firstIdx).findIndex((n) => n > 0)
    const ids = new Set(t.complaints.filter((c) => c.day >= firstIdx + Math.max(0, lead)).map((c) => c.id))
    const overlap = (a: Set<number>, b: Set<number>) => {
      let n = 0
      for (const id of a) if (b.has(id)) n++
      return n
    }
    // The same outbreak as a category cell already listed (one row per outbreak), or as a stronger topic: merged.
    // "The same" means the other row's complaints are 80 % of this word's excess over its expectation (a common
    // word — "masuk" — rises when an outbreak uses it, without being a topic of its own).
    const e = expected.slice(firstIdx).reduce((a, b) => a + b, 0)
    const excess = Math.max(1, ids.size - e)
    if (cellSets.some((s) => overlap(ids, s) >= 0.8 * excess)) continue
    const same = flaggedTopics.find((f) => overlap(ids, f.ids) >= 0.8 * excess)
    if (same) {
      // A word of the same complaints ("bulu" beside "ulat") names the topic too; a common word it only lifted does not.
      if (overlap(ids, same.ids) >= 0.8 * ids.size) {
        same.words.push(t.word)
        for (const id of ids) same.ids.add(id)
        same.count = same.ids.size
      }
      continue
    }
    flaggedTopics.push({
      words: [t.word],
      p: test!.p,
      pFamily: Math.min(1, test!.p * family),
      count: ids.size,
      expected: e,
      sinceDay: windowFrom + firstIdx + Math.max(0, lead),
      ids,
    })
  }
  for (const f of flaggedTopics) {
    const complaints = [...f.ids].sort((a, b) => a - b)
    // Words in the order the first complaint says them ("ulat bulu", not "bulu ulat").
    const first = db.prepare('SELECT judul, isi FROM complaint WHERE id = ?').get(complaints[0]) as { judul: string; isi: string }
    const order = normalizeTokens(`${first.judul} ${first.isi}`)
    const at = (w: string) => (order.indexOf(w) < 0 ? order.length : order.indexOf(w))
    issues.push({
      level: 'kabupaten',
      kecamatan: null,
      desa: null,
      kategori: null,
      topic: f.words.sort((a, b) => at(a) - at(b)).join(' '),
      count: f.count,
      expected: Math.round(f.expected * 10) / 10,
      score: Math.round(Math.min(15, -Math.log10(Math.max(f.pFamily, 1e-15))) * 10) / 10,
      since: isoDate(f.sinceDay),
      complaints,
    })
  }
  issues.sort((a, b) => b.score - a.score || b.count - a.count)
  return {
    kabupaten,
    now: new Date(now).toISOString(),
    settings,
    model: {
      baselineFrom: isoDate(baselineFrom),
      baselineTo: isoDate(windowFrom - 1),
      dispersion: Object.fromEntries(Object.entries(dispersion).map(([k, v]) => [k, Math.round(v * 100) / 100])) as Record<Level, number>,
      trend: Math.round(trend * 100) / 100,
      weekday: weekday.map((w) => Math.round(w * 100) / 100),
      cellsTested: candidates.length,
      topicsTested: topics.length,
      topicSample: words.sampled,
    },
    issues,
  }
}

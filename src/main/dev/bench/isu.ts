// `tanggap bench isu`: how well and how fast the early warning works on a store. Outbreaks and near-duplicate
// reports are injected inside a savepoint and rolled back, so the store is left as it was:
// - false alarms: the issues newly flagged day by day over the last weeks, with nothing injected;
// - outbreaks: share flagged and days from the outbreak's start to its flag;
// - similar reports: precision and recall of `serupa` at its default threshold on injected near-duplicates;
// - speed: the issue list of the kabupaten at "now" (its baseline's figures kept first, as the writes keep them for
//   the present day; the day-by-day walks compute theirs from isu_day), the similar reports of one complaint (cold:
//   its first call; warm: the same again), the queue "Kemungkinan ganda", and the backfill of stored words and pairs when the store has
//   complaints pending (a store migrated to 0031); wall and CPU milliseconds side by side (the machine is shared).
import { performance } from 'node:perf_hooks'
import { loadavg } from 'node:os'
import { openStore, type Db } from '#main/store/open.ts'
import { indexTerms, pendingTerms } from '#main/isu/terms.ts'
import { BASELINE_DEFAULTS, baselineSpan, keepBaseline } from '#main/isu/baseline.ts'
import { keepSteps } from '#main/isu/keeper.ts'
import { dayOf, startOfDay, DAY_MS } from '#main/calendar/days.ts'
import { detectIssues, type IsuOptions } from '#main/isu/detect.ts'
import { similarTo } from '#main/serupa/similar.ts'
import { pendingCount, processArrivals, processPendingSlice } from '#main/serupa/arrival.ts'
import { gandaPage } from '#main/queue/ganda.ts'
import { injectDuplicates, injectOutbreak } from '#main/dev/demo/outbreak.ts'
import { Rng } from '#main/dev/demo/random.ts'

export type IsuBenchOptions = {
  kabupaten: string
  now: number
  weeks: number
  trials: number
  groups: number
  seed: number
  isu?: IsuOptions
  /** The store's file: the cold issue list is timed on fresh read-only connections to it. */
  file?: string
}

/** Wall and CPU (user + system) milliseconds of one call. */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const value = fn()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  return { value, wall, cpu: (c.user + c.system) / 1000 }
}

const spread = (xs: { wall: number; cpu: number }[]) => ({
  runs: xs.length,
  wallMs: { p50: quantile(xs.map((x) => x.wall), 0.5), p95: quantile(xs.map((x) => x.wall), 0.95) },
  cpuMs: { p50: quantile(xs.map((x) => x.cpu), 0.5), p95: quantile(xs.map((x) => x.cpu), 0.95) },
})

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))] * 10) / 10
}

const spreadOf = (xs: number[]) => ({ p50: quantile(xs, 0.5), p95: quantile(xs, 0.95), max: quantile(xs, 1) })

/** Stores the words and pairs of pending complaints newest first, in slices (as the background does), down to
 *  `since` (all when 0), timed: what the queue's window and the measured complaints need on a migrated store. */
export function backfillSerupa(db: Db, since = 0, log: (line: string) => void = () => {}) {
  const pending = pendingCount(db)
  const newest = db.prepare('SELECT max(submitted_at) FROM serupa_pending').pluck()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  let lastLog = t0
  while (((newest.get() as number | null) ?? -Infinity) >= since && processPendingSlice(db, 500, 256).remaining) {
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now()
      log(`serupa backfill: ${pending - pendingCount(db)} / ${pending} (${Math.round((lastLog - t0) / 1000)} s)`)
    }
  }
  const c = process.cpuUsage(c0)
  const done = pending - pendingCount(db)
  const cpuMs = (c.user + c.system) / 1000
  return {
    complaints: done,
    left: pending - done,
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round(cpuMs),
    cpuMsPerComplaint: done ? Math.round((cpuMs / done) * 100) / 100 : null,
  }
}

/** Runs `fn` with whatever it writes rolled back afterwards. */
function rolledBack<T>(db: Db, fn: () => T): T {
  db.exec('SAVEPOINT bench_isu')
  try {
    return fn()
  } finally {
    db.exec('ROLLBACK TO bench_isu; RELEASE bench_isu')
  }
}

/** The core of a demo title: without a label the generator puts before it ("Saran: ", "Aspirasi warga: "), the "…" of
 *  a title cut short, case and spacing. Two titles are the same when one core begins the other (a cut title). */
const titleCore = (t: string) => t.replace(/^[^:]{1,30}:\s+/, '').replace(/…$/, '').replace(/\s+/g, ' ').trim().toLowerCase()
function sameTitle(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false
  const [x, y] = [titleCore(a), titleCore(b)]
  return x.length >= 12 && y.length >= 12 && (x.startsWith(y) || y.startsWith(x))
}

const keyOf = (i: { level: string; kecamatan: { kode: string } | null; desa: { kode: string } | null; kategori: { id: number } | null }) =>
  `${i.level}|${i.kecamatan?.kode}|${i.desa?.kode}|${i.kategori?.id}`

export function benchIsu(db: Db, o: IsuBenchOptions, log: (line: string) => void = () => {}) {
  // 0. A store with complaints not yet compared (migrated to 0031): the backfill as the background slices do it,
  //    newest first, down to what the queue and the measured complaints need (the rest stays pending, computed on
  //    the fly when asked; its cost is cpuMsPerComplaint × left).
  const backfill = pendingCount(db) ? backfillSerupa(db, o.now - (o.weeks * 7 + 2 * 14) * DAY_MS, log) : null

  const off = (db.prepare('SELECT utc_offset_minutes FROM kabupaten WHERE kode = ?').pluck().get(o.kabupaten) as number) * 60_000
  const endOf = (day: number) => startOfDay(day + 1, off) - 1
  const today = dayOf(o.now, off)
  const rng = new Rng(o.seed)

  // 0. A store migrated to 0030 first stores every complaint's words (once; bounded batches, one transaction each).
  const pending = pendingTerms(db)
  const build = timed(() => {
    let n = 0
    for (let k; (k = db.transaction(() => indexTerms(db, { limit: 20_000 })).immediate()); ) n += k
    return n
  })

  // 0. The baseline's figures at "now" (isu_base, migration 0035), as serve mode's keeper (isu/keeper.ts) keeps them
  //    after local midnight: computed again in its steps, each step timed (the longest is what a request may wait
  //    behind it on the server's thread). The issue list at "now" reads them; the walks below, at other days,
  //    compute theirs from isu_day. Other baseline settings: kept in one transaction, as a write's hook does.
  const isDefault = (o.isu?.baselineDays ?? BASELINE_DEFAULTS.baselineDays) === BASELINE_DEFAULTS.baselineDays && (o.isu?.windowDays ?? BASELINE_DEFAULTS.windowDays) === BASELINE_DEFAULTS.windowDays
  const stepMs: number[] = []
  const stepCpuMs: number[] = []
  const baseline = timed(() => {
    if (!isDefault) return db.transaction(() => keepBaseline(db, o.kabupaten, o.now, o.isu)).immediate()
    const steps = keepSteps(db, o.kabupaten, baselineSpan(o.now, off, BASELINE_DEFAULTS.baselineDays, BASELINE_DEFAULTS.windowDays).baselineFrom)
    for (;;) {
      const step = timed(() => steps.next())
      stepMs.push(step.wall)
      stepCpuMs.push(step.cpu)
      if (step.value.done) return step.value.value
    }
  })

  // Speed of the issue list at "now": the first call of this process (its code not yet compiled by V8, the words'
  // numbers not yet kept: what `tanggap isu` pays), then fresh connections (every per-connection cache and SQLite's
  // page cache empty; what a read-pool worker's first list pays) and warm calls (the same connection again: what
  // serve mode's read pool gives, its connections kept).
  const cold: { wall: number; cpu: number }[] = []
  const warm: { wall: number; cpu: number }[] = []
  let firstCall: { wall: number; cpu: number } | null = null
  if (o.file) {
    for (let i = 0; i < 11; i++) {
      const fresh = openStore(o.file, { readonly: true })
      try {
        const t = timed(() => detectIssues(fresh, o.kabupaten, o.now - (i % 6) * 3_600_000, o.isu))
        if (i === 0) firstCall = t
        else cold.push(t)
      } finally {
        fresh.close()
      }
    }
  }
  for (let i = 0; i < 20; i++) warm.push(timed(() => detectIssues(db, o.kabupaten, o.now - (i % 5) * 3_600_000, o.isu)))
  // Fresh connections again, now that V8 has compiled the code: what a new connection itself costs (SQLite's page
  // cache, the schema, the statements, the kept row, the per-connection caches), apart from the process's warm-up.
  const coldWarmCode: { wall: number; cpu: number }[] = []
  if (o.file) {
    for (let i = 0; i < 10; i++) {
      const fresh = openStore(o.file, { readonly: true })
      try {
        coldWarmCode.push(timed(() => detectIssues(fresh, o.kabupaten, o.now - (i % 6) * 3_600_000, o.isu)))
      } finally {
        fresh.close()
      }
    }
  }

  // 1. False alarms: every day of the last weeks, the issues flagged that were not flagged the day before.
  const timings: { wall: number; cpu: number }[] = []
  let alarms = 0
  let previous = new Set<string>()
  const firstDay = today - o.weeks * 7
  for (let day = firstDay - 1; day < today; day++) {
    const t = timed(() => detectIssues(db, o.kabupaten, endOf(day), o.isu))
    timings.push(t)
    const report = t.value
    const flagged = new Set(report.issues.map(keyOf))
    if (day >= firstDay) for (const k of flagged) if (!previous.has(k)) alarms++
    previous = flagged
  }

  // 2. Outbreaks: 25 complaints on one category in one kecamatan over 4 days, at a random moment of the last weeks.
  const cells = db
    .prepare(
      `SELECT c.kecamatan_kode AS kecamatan, COALESCE(k.parent_id, k.id) AS kategori, count(*) AS n
         FROM complaint c JOIN category k ON k.id = c.category_id
        WHERE c.kabupaten_kode = ? AND c.kecamatan_kode IS NOT NULL GROUP BY 1, 2 HAVING n >= 20 ORDER BY 1, 2`,
    )
    .all(o.kabupaten) as { kecamatan: string; kategori: number }[]
  const delays: number[] = []
  let flagged = 0
  for (let t = 0; t < o.trials && cells.length; t++) {
    const cell = rng.pick(cells)
    const startDay = today - 7 - rng.int(Math.max(1, o.weeks * 7 - 7))
    const start = startOfDay(startDay, off)
    const delay = rolledBack(db, () => {
      const ids = new Set(injectOutbreak(db, { kabupaten: o.kabupaten, kecamatan: cell.kecamatan, kategori: cell.kategori, start, days: 4, count: 25, seed: o.seed * 1000 + t }))
      for (let d = 0; d < 7; d++) {
        const report = detectIssues(db, o.kabupaten, endOf(startDay + d), o.isu)
        if (report.issues.some((i) => i.kategori?.id === cell.kategori && i.complaints.some((id) => ids.has(id)))) return d
      }
      return null
    })
    if (delay !== null) {
      flagged++
      delays.push(delay)
    }
  }

  // 3. Similar reports: groups of 3–6 rewordings of one complaint of the last weeks.
  const recent = db
    .prepare("SELECT id FROM complaint WHERE kabupaten_kode = ? AND submitted_at BETWEEN ? AND ? AND status != 'dihapus' ORDER BY id")
    .pluck()
    .all(o.kabupaten, o.now - o.weeks * 7 * DAY_MS, o.now) as number[]
  let returned = 0
  let truePositives = 0
  let wanted = 0
  const similarMs = { cold: [] as number[], coldCpu: [] as number[], warm: [] as number[], warmCpu: [] as number[] }
  // The cold calls by the complaint's kind of place: a desa; only a kecamatan (up to 2,000 candidates of the
  // kecamatan, the slow case); a map point; none (kabupaten-wide, 3 days). And the load average around them.
  const byPlace = new Map<string, { wall: number[]; cpu: number[] }>()
  const placeOf = db.prepare(
    "SELECT CASE WHEN lat IS NOT NULL THEN 'point' WHEN desa_kode IS NOT NULL THEN 'desa' WHEN kecamatan_kode IS NOT NULL THEN 'kecamatan' ELSE 'none' END FROM complaint WHERE id = ?",
  ).pluck()
  const loadBefore = loadavg()[0]
  const arrivalMs: number[] = []
  let twins = 0
  const titleStmt = db.prepare('SELECT judul FROM complaint WHERE id = ?').pluck()
  const titleOf = { get: (id: number) => titleStmt.get(id) as string | undefined }
  for (let g = 0; g < o.groups && recent.length; g++) {
    const original = rng.pick(recent)
    rolledBack(db, () => {
      const group = new Set([original, ...injectDuplicates(db, original, 3 + rng.int(4), o.seed * 1000 + g)])
      // What the ingest path does for them (sync, import, intake): words and likely duplicates stored on arrival.
      const arrived = [...group].filter((id) => id !== original)
      arrivalMs.push(timed(() => processArrivals(db, arrived)).wall / arrived.length)
      for (const id of arrived) {
        const cold = timed(() => similarTo(db, id).similar)
        const warm = timed(() => similarTo(db, id).similar)
        similarMs.cold.push(cold.wall)
        similarMs.coldCpu.push(cold.cpu)
        similarMs.warm.push(warm.wall)
        similarMs.warmCpu.push(warm.cpu)
        const place = placeOf.get(id) as string
        if (!byPlace.has(place)) byPlace.set(place, { wall: [], cpu: [] })
        byPlace.get(place)!.wall.push(cold.wall)
        byPlace.get(place)!.cpu.push(cold.cpu)
        const found = cold.value
        returned += found.length
        truePositives += found.filter((s) => group.has(s.id)).length
        // Found complaints that are not injected copies but carry the original's very title, or the same title under a
        // label or cut short (the demo generator writes from templates: "Saran: Usul layanan perekaman KTP keliling…"
        // is the same proposal as "Usul layanan perekaman KTP keliling ke desa-desa terpencil").
        twins += found.filter((s) => !group.has(s.id) && sameTitle(titleOf.get(s.id), titleOf.get(original))).length
        wanted += group.size - 1
      }
    })
  }

  const loadAfter = loadavg()[0]

  // 4. The queue "Kemungkinan ganda" at `now` (stored pairs): its first page of 100 as the screen asks, first call
  //    and again, and every row (the export).
  const gandaCold = timed(() => gandaPage(db, { kabupaten: o.kabupaten, now: o.now, role: 'admin', limit: 100 }))
  const gandaWarm = timed(() => gandaPage(db, { kabupaten: o.kabupaten, now: o.now, role: 'admin', limit: 100 }))
  const gandaAll = timed(() => gandaPage(db, { kabupaten: o.kabupaten, now: o.now, role: 'admin' }))

  return {
    kabupaten: o.kabupaten,
    complaints: db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(o.kabupaten),
    settings: o.isu ?? {},
    falseAlarms: { weeks: o.weeks, alarms, perWeek: Math.round((alarms / o.weeks) * 100) / 100, goal: 'paling banyak 1 per minggu' },
    outbreaks: {
      injected: '25 laporan satu kategori di satu kecamatan selama 4 hari',
      trials: o.trials,
      flagged,
      share: o.trials ? Math.round((flagged / o.trials) * 100) / 100 : null,
      delayDays: { median: quantile(delays, 0.5), max: delays.length ? Math.max(...delays) : null },
    },
    similar: {
      groups: o.groups,
      precision: returned ? Math.round((truePositives / returned) * 1000) / 1000 : null,
      recall: wanted ? Math.round((truePositives / wanted) * 1000) / 1000 : null,
      returned,
      truePositives,
      sameTitleNotInjected: twins,
      precisionCountingSameTitle: returned ? Math.round(((truePositives + twins) / returned) * 1000) / 1000 : null,
      wanted,
    },
    setup: {
      termsPending: pending,
      termsBuilt: build.value,
      termsBuildMs: Math.round(build.wall),
      termsBuildCpuMs: Math.round(build.cpu),
      baselineKept: baseline.value,
      baselineMs: Math.round(baseline.wall),
      baselineCpuMs: Math.round(baseline.cpu),
      // The keeper's steps (serve mode runs several in one slice of ~15 ms, one at least).
      baselineSteps: stepMs.length ? { steps: stepMs.length, wallMs: spreadOf(stepMs), cpuMs: spreadOf(stepCpuMs) } : null,
    },
    speed: {
      issueList: {
        goalMs: 200,
        firstCallOfProcess: firstCall && { wallMs: Math.round(firstCall.wall), cpuMs: Math.round(firstCall.cpu) },
        cold: spread(cold),
        coldWarmCode: spread(coldWarmCode),
        warm: spread(warm),
        walk: spread(timings),
      },
      similarMs: {
        cold: spreadOf(similarMs.cold),
        coldCpu: spreadOf(similarMs.coldCpu),
        warm: spreadOf(similarMs.warm),
        warmCpu: spreadOf(similarMs.warmCpu),
        coldByPlace: Object.fromEntries([...byPlace].map(([place, t]) => [place, { runs: t.wall.length, wall: spreadOf(t.wall), cpu: spreadOf(t.cpu) }])),
        loadAverage: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadAfter * 100) / 100 },
        goal: 50,
      },
      arrivalMsPerComplaint: spreadOf(arrivalMs),
      gandaMs: {
        rows: gandaCold.value.count,
        firstPage: gandaCold.value.rows.length,
        cold: Math.round(gandaCold.wall * 10) / 10,
        coldCpu: Math.round(gandaCold.cpu * 10) / 10,
        warm: Math.round(gandaWarm.wall * 10) / 10,
        warmCpu: Math.round(gandaWarm.cpu * 10) / 10,
        allRows: Math.round(gandaAll.wall * 10) / 10,
        allRowsCpu: Math.round(gandaAll.cpu * 10) / 10,
      },
      backfill,
    },
  }
}

// `tanggap bench queries`: how long each dashboard question takes on a large store, against DuckDB answering the
// same question from the per-complaint rows in the same run. DuckDB is a dev dependency loaded only here.
import { performance } from 'node:perf_hooks'
import type { Db } from '#main/store/open.ts'
import { kpiFor, dailyTrend, cachedCalendar } from '#main/kpi/service.ts'
import { queuePage } from '#main/queue/queries.ts'
import { workingDaysBetween } from '#main/calendar/calendar.ts'
import { startOfDay } from '#main/calendar/days.ts'
import { parseDateOrThrow } from '#main/calendar/days.ts'
import type { Period } from '#shared/domain.ts'

export type Timing = { median_ms: number; p95_ms: number; runs: number }
export type QuestionResult = { question: string; tanggap: Timing; duckdb: Timing; ratio_duckdb_over_tanggap: number }

async function time(fn: () => unknown | Promise<unknown>, runs: number): Promise<Timing> {
  for (let i = 0; i < 3; i++) await fn() // warm caches and JIT before measuring
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)]
  return { median_ms: round(at(0.5)), p95_ms: round(at(0.95)), runs }
}

const round = (x: number) => Math.round(x * 1000) / 1000

const COLUMNS: [name: string, type: 'BIGINT' | 'INTEGER' | 'VARCHAR'][] = [
  ['complaint_id', 'BIGINT'],
  ['kabupaten_kode', 'VARCHAR'],
  ['tracking_id', 'VARCHAR'],
  ['judul', 'VARCHAR'],
  ['status', 'VARCHAR'],
  ['submitted_at', 'BIGINT'],
  ['day', 'INTEGER'],
  ['opd_id', 'INTEGER'],
  ['kecamatan_kode', 'VARCHAR'],
  ['is_open', 'INTEGER'],
  ['is_misrouted', 'INTEGER'],
  ['is_anonim', 'INTEGER'],
  ['is_rahasia', 'INTEGER'],
  ['verify_met', 'INTEGER'],
  ['verify_due_at', 'BIGINT'],
  ['response_met', 'INTEGER'],
  ['response_due_at', 'BIGINT'],
  ['response_hk', 'INTEGER'],
  ['selesai_hk', 'INTEGER'],
  ['next_due_at', 'BIGINT'],
]

/** Copies the per-complaint rows (complaint joined with its deadline row) into an in-memory DuckDB. */
async function loadDuck(db: Db) {
  const { DuckDBInstance } = await import('@duckdb/node-api')
  const instance = await DuckDBInstance.create(':memory:')
  const con = await instance.connect()
  // sql-vetted: column names and types from the COLUMNS constant
  await con.run(`CREATE TABLE t (${COLUMNS.map(([n, ty]) => `${n} ${ty}`).join(', ')})`)
  const appender = await con.createAppender('t')
  const page = db.prepare(
    `SELECT c.id AS complaint_id, c.kabupaten_kode, c.tracking_id, c.judul, c.status, c.submitted_at, s.day, s.opd_id,
            c.kecamatan_kode, s.is_open, s.is_misrouted, c.is_anonim, c.is_rahasia, s.verify_met, s.verify_due_at,
            s.response_met, s.response_due_at, s.response_hk, s.selesai_hk, s.next_due_at
     FROM complaint c JOIN complaint_sla s ON s.complaint_id = c.id WHERE c.id > ? ORDER BY c.id LIMIT 20000`,
  )
  for (let after = 0; ; ) {
    const rows = page.all(after) as Record<string, string | number | null>[]
    if (rows.length === 0) break
    for (const r of rows) {
      for (const [name, type] of COLUMNS) {
        const v = r[name]
        if (v === null) appender.appendNull()
        else if (type === 'VARCHAR') appender.appendVarchar(String(v))
        else if (type === 'BIGINT') appender.appendBigInt(BigInt(v))
        else appender.appendInteger(Number(v))
      }
      appender.endRow()
    }
    after = Number(rows[rows.length - 1].complaint_id)
  }
  appender.closeSync()
  return { con, close: () => instance.closeSync?.() }
}

function periodDayRange(p: Period): [number, number] {
  return [parseDateOrThrow(p.from), parseDateOrThrow(p.to)]
}

function duckKpiSql(group: string): string {
  // The same figures kpiTable returns: cohort counts and rates, exact percentiles, tunda/arsip/misroute shares.
  // sql-vetted: `group` is one of the column expressions written in this file; values are $parameters
  return `SELECT ${group} AS key, count(*) AS n, sum(verify_met) AS vm, count(verify_met) AS vd,
      sum(CASE WHEN is_open = 1 AND verify_met IS NULL AND verify_due_at < $now THEN 1 ELSE 0 END) AS vp,
      sum(response_met) AS rm, count(response_met) AS rd,
      sum(CASE WHEN is_open = 1 AND response_met IS NULL AND response_due_at < $now THEN 1 ELSE 0 END) AS rp,
      quantile_disc(response_hk, 0.5) AS rmed, quantile_disc(response_hk, 0.9) AS rp90,
      quantile_disc(selesai_hk, 0.5) AS smed, quantile_disc(selesai_hk, 0.9) AS sp90,
      sum(CASE WHEN status = 'selesai' THEN 1 ELSE 0 END) AS selesai, sum(CASE WHEN status = 'tunda' THEN 1 ELSE 0 END) AS tunda,
      sum(CASE WHEN status = 'arsip' THEN 1 ELSE 0 END) AS arsip, sum(is_misrouted) AS mis, sum(is_anonim) AS an, sum(is_rahasia) AS ra
    FROM t WHERE kabupaten_kode = $kab AND day BETWEEN $from AND $to GROUP BY ALL`
}

function duckNowSql(group: string): string {
  // sql-vetted: `group` is one of the column expressions written in this file; values are $parameters
  return `SELECT ${group} AS key, count(*) AS open, sum(CASE WHEN next_due_at < $now THEN 1 ELSE 0 END) AS overdue,
      sum(CASE WHEN day >= $t3 THEN 1 ELSE 0 END) AS b0, sum(CASE WHEN day < $t3 AND day >= $t5 THEN 1 ELSE 0 END) AS b1,
      sum(CASE WHEN day < $t5 AND day >= $t10 THEN 1 ELSE 0 END) AS b2, sum(CASE WHEN day < $t10 AND day >= $t60 THEN 1 ELSE 0 END) AS b3,
      sum(CASE WHEN day < $t60 THEN 1 ELSE 0 END) AS b4
    FROM t WHERE kabupaten_kode = $kab AND is_open = 1 GROUP BY ALL`
}

export type BenchQueriesOptions = { kabupaten: string; now: number; year: Period; runs: number }

export async function benchQueries(db: Db, o: BenchQueriesOptions): Promise<{ rows: number; questions: QuestionResult[] }> {
  const duck = await loadDuck(db)
  const cal = cachedCalendar(db, o.kabupaten)
  // Age thresholds for the backlog buckets: the earliest submission day still inside each bucket.
  const today = Math.floor((o.now + cal.offsetMs) / 86_400_000)
  const threshold = (hk: number) => {
    let d = today
    while (workingDaysBetween(cal, startOfDay(d - 1, cal.offsetMs), o.now) <= hk) d--
    return d
  }
  const [t3, t5, t10, t60] = [3, 5, 10, 60].map(threshold)
  const [yFrom, yTo] = periodDayRange(o.year)
  const prevLen = yTo - yFrom + 1
  const trend: Period = { from: new Date((today - 89) * 86_400_000).toISOString().slice(0, 10), to: new Date(today * 86_400_000).toISOString().slice(0, 10) }
  const [tFrom, tTo] = periodDayRange(trend)
  const base = { kab: o.kabupaten, now: BigInt(o.now) }

  const duckKpis = async (group: string) => {
    await duck.con.runAndReadAll(duckKpiSql(group), { ...base, from: yFrom, to: yTo })
    await duck.con.runAndReadAll(duckKpiSql(group), { ...base, from: yFrom - prevLen, to: yFrom - 1 })
    await duck.con.runAndReadAll(duckNowSql(group), { ...base, t3, t5, t10, t60 })
    await duck.con.runAndReadAll(duckKpiSql("''"), { ...base, from: yFrom, to: yTo })
  }
  const questions: [string, () => unknown, () => Promise<unknown>][] = [
    ['opd_kpis_year', () => kpiFor(db, o.kabupaten, 'opd', o.year, o.now), () => duckKpis('opd_id')],
    ['kecamatan_map_year', () => kpiFor(db, o.kabupaten, 'kecamatan', o.year, o.now), () => duckKpis('kecamatan_kode')],
    [
      'trend_90_days',
      () => dailyTrend(db, o.kabupaten, trend),
      () =>
        duck.con.runAndReadAll(
          `SELECT day, count(*) AS n, sum(CASE WHEN status = 'selesai' THEN 1 ELSE 0 END) AS selesai FROM t
           WHERE kabupaten_kode = $kab AND day BETWEEN $from AND $to GROUP BY day ORDER BY day`,
          { kab: o.kabupaten, from: tFrom, to: tTo },
        ),
    ],
    [
      'queue_first_page',
      () => queuePage(db, { kabupaten: o.kabupaten, queue: 'verifikasi', limit: 50, now: o.now, role: 'operator' }),
      () =>
        duck.con.runAndReadAll(
          `SELECT complaint_id, tracking_id, judul, status, submitted_at, next_due_at FROM t
           WHERE kabupaten_kode = $kab AND status = 'belum_terverifikasi' ORDER BY submitted_at, complaint_id LIMIT 50`,
          { kab: o.kabupaten },
        ),
    ],
  ]
  const results: QuestionResult[] = []
  for (const [question, ours, theirs] of questions) {
    const tanggap = await time(ours, o.runs)
    const duckdb = await time(theirs, o.runs)
    results.push({ question, tanggap, duckdb, ratio_duckdb_over_tanggap: round(duckdb.median_ms / tanggap.median_ms) })
  }
  duck.close()
  return { rows: db.prepare('SELECT count(*) FROM complaint_sla').pluck().get() as number, questions: results }
}

// The queue "Kemungkinan ganda": open complaints of the last days that look like the same problem as an earlier
// complaint of the same desa (or kecamatan, when the desa is not known) and are not linked to it yet. One row per
// such complaint, naming the earlier one it most resembles (or that one's main, when it is already a duplicate),
// so an operator can link it (isu.link) or open both. The tab's count, the list and the export are the same rows.
//
// The pairs are decided when a complaint arrives (serupa/arrival.ts: stored in complaint_ganda with their score), so
// the queue only reads them: those of its window's open, unlinked complaints from its threshold up, whose earlier
// complaint is still of the same place, not deleted and not of the same linked group. A complaint still pending
// (a store being backfilled, a writer outside the ingest path) is compared on the fly, so the rows are right meanwhile.
import type { Db } from '#main/store/open.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import { OPEN_STATUSES_SQL, type Status } from '#shared/status.ts'
import { can, type Role } from '#shared/roles.ts'
import { complaintRow, laterOf, pairsOf, GANDA_WINDOW_DAYS, PAIR_FLOOR, type Pair } from '#main/serupa/arrival.ts'
import { viewFor } from '#main/privacy/policy.ts'
import { redactRows } from '#main/privacy/reporters.ts'

export type GandaOptions = {
  /** Complaints submitted this many days back are listed (each was compared with the 14 days before it). */
  days?: number
  /** A pair is listed from this score up (0.45..1): stricter than the detail pane's 0.45, as it asks for work. */
  threshold?: number
}

export const GANDA_DEFAULTS: Required<GandaOptions> = { days: 14, threshold: 0.6 }

export type GandaRow = {
  id: number
  tracking_id: string
  judul: string | null
  status: Status
  submitted_at: number
  kecamatan: string | null
  desa: string | null
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
  /** The earlier complaint it most resembles, or that complaint's main when it is already a duplicate. */
  main: { id: number; tracking_id: string }
  score: number
  samePlace: 'desa' | 'kecamatan'
  /** How many earlier complaints pass the threshold (the best is `main`). */
  matches: number
}

type Listed = {
  id: number
  tracking_id: string
  judul: string
  status: Status
  submitted_at: number
  kecamatan_kode: string | null
  desa_kode: string | null
  kecamatan: string | null
  desa: string | null
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
}
type Other = { id: number; tracking_id: string; submitted_at: number; kabupaten_kode: string; kecamatan_kode: string | null; desa_kode: string | null; is_rahasia: 0 | 1; status: string; grp: number }
type Key = Pick<Listed, 'id' | 'submitted_at' | 'kecamatan_kode' | 'desa_kode'>
type PairRow = Key & { other_id: number; score: number }

const LISTED = `x.id, x.tracking_id, x.judul, x.status, x.submitted_at, x.kecamatan_kode, x.desa_kode, k.nama AS kecamatan, d.nama AS desa, x.is_anonim, x.is_rahasia`
// What deciding the rows needs (the titles and names are read for the rows shown only).
const KEYS = 'x.id, x.submitted_at, x.kecamatan_kode, x.desa_kode'
// sql-vetted: OPEN_STATUSES_SQL is a constant list of statuses
const LISTED_WHERE = `x.kabupaten_kode = @kab AND x.submitted_at BETWEEN @from AND @now AND x.status IN ${OPEN_STATUSES_SQL} AND x.kecamatan_kode IS NOT NULL
  AND (@rahasia = 1 OR x.is_rahasia = 0) AND NOT EXISTS (SELECT 1 FROM complaint_duplicate dx WHERE dx.complaint_id = x.id)`
const OTHER = `y.id, y.tracking_id, y.submitted_at, y.kabupaten_kode, y.kecamatan_kode, y.desa_kode, y.is_rahasia, y.status, COALESCE(dy.main_id, y.id) AS grp`

/** The queue's rows, most similar first. Rahasia complaints take part only for roles that may read them. */
export function possibleDuplicates(db: Db, q: { kabupaten: string; now: number; role: Role } & GandaOptions): GandaRow[] {
  return gandaPage(db, q).rows
}

/** How many rows the queue has, and the rows from `offset` (default all): the titles, names and redaction are done
 *  for those rows only, so the first page of a long queue is quick. */
export function gandaPage(db: Db, q: { kabupaten: string; now: number; role: Role; limit?: number; offset?: number } & GandaOptions): { count: number; rows: GandaRow[] } {
  const s = { ...GANDA_DEFAULTS, ...q }
  const threshold = Math.max(PAIR_FLOOR, s.threshold)
  const listedFrom = q.now - s.days * DAY_MS
  const rahasia = can(q.role, 'seeRahasia') ? 1 : 0
  const params = { kab: q.kabupaten, from: listedFrom, now: q.now, rahasia }

  // Complaints whose pairs are not stored yet (or are stale: a complaint of their place before them changed).
  const fresh = new Set<number>()
  const pending = db
    .prepare('SELECT complaint_id, submitted_at, neighbours FROM serupa_pending WHERE submitted_at BETWEEN ? AND ? ORDER BY submitted_at')
    .all(listedFrom - GANDA_WINDOW_DAYS * DAY_MS, q.now) as { complaint_id: number; submitted_at: number; neighbours: 0 | 1 }[]
  const onTheFly: Pair[] = []
  const recompute = (id: number) => {
    if (fresh.has(id)) return
    fresh.add(id)
    const row = complaintRow(db, id)
    if (row && row.kabupaten_kode === q.kabupaten && row.submitted_at >= listedFrom && row.submitted_at <= q.now) onTheFly.push(...pairsOf(db, row))
  }
  for (const p of pending) {
    const row = p.neighbours ? complaintRow(db, p.complaint_id) : undefined
    if (row && row.kabupaten_kode === q.kabupaten) for (const later of laterOf(db, row)) if (later.submitted_at >= listedFrom && later.submitted_at <= q.now) recompute(later.id)
    if (p.submitted_at >= listedFrom) recompute(p.complaint_id)
  }

  // sql-vetted: constant column lists and conditions
  const stored = db
    .prepare(
      `SELECT ${KEYS}, p.other_id, p.score
         FROM complaint x JOIN complaint_ganda p ON p.complaint_id = x.id
        WHERE ${LISTED_WHERE} AND p.score >= @threshold`,
    )
    .all({ ...params, threshold }) as PairRow[]
  const pairs: PairRow[] = stored.filter((r) => !fresh.has(r.id))
  if (onTheFly.length) {
    const ids = [...new Set(onTheFly.map((p) => p.complaint_id))]
    // sql-vetted: constant column lists and conditions
    const listed = db
      .prepare(`SELECT ${KEYS} FROM complaint x WHERE x.id IN (SELECT value FROM json_each(@ids)) AND ${LISTED_WHERE}`)
      .all({ ...params, ids: JSON.stringify(ids) }) as Key[]
    const byId = new Map(listed.map((l) => [l.id, l]))
    for (const p of onTheFly) {
      const x = byId.get(p.complaint_id)
      if (x && p.score >= threshold) pairs.push({ ...x, other_id: p.other_id, score: p.score })
    }
  }
  if (!pairs.length) return { count: 0, rows: [] }

  // The earlier complaint of each pair as it is now: still of the same place and time, not deleted, readable.
  // sql-vetted: a constant column list
  const others = new Map(
    (
      db
        .prepare(`SELECT ${OTHER} FROM complaint y LEFT JOIN complaint_duplicate dy ON dy.complaint_id = y.id WHERE y.id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify([...new Set(pairs.map((p) => p.other_id))])) as Other[]
    ).map((o) => [o.id, o]),
  )
  const best = new Map<number, { x: Key; other: Other; score: number; matches: number }>()
  for (const p of pairs) {
    const y = others.get(p.other_id)
    if (!y || y.status === 'dihapus' || (!rahasia && y.is_rahasia) || y.grp === p.id || y.kabupaten_kode !== q.kabupaten) continue
    const samePlace = p.desa_kode ? y.desa_kode === p.desa_kode : y.desa_kode === null && y.kecamatan_kode === p.kecamatan_kode
    const dt = p.submitted_at - y.submitted_at
    if (!samePlace || dt > GANDA_WINDOW_DAYS * DAY_MS || dt < 0 || (dt === 0 && y.id > p.id)) continue
    const b = best.get(p.id)
    if (!b) best.set(p.id, { x: p, other: y, score: p.score, matches: 1 })
    else {
      b.matches++
      if (p.score > b.score || (p.score === b.score && y.submitted_at > b.other.submitted_at)) Object.assign(b, { other: y, score: p.score })
    }
  }
  const shown = (v: number) => Math.round(v * 1000) / 1000
  const ranked = [...best.values()].sort((a, b) => shown(b.score) - shown(a.score) || b.x.submitted_at - a.x.submitted_at || b.x.id - a.x.id)
  const offset = q.offset ?? 0
  const page = ranked.slice(offset, q.limit === undefined ? undefined : offset + q.limit)
  // sql-vetted: constant column lists
  const listed = new Map(
    (
      db
        .prepare(
          `SELECT ${LISTED} FROM complaint x LEFT JOIN kecamatan k ON k.kode = x.kecamatan_kode LEFT JOIN desa d ON d.kode = x.desa_kode
            WHERE x.id IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(page.map((b) => b.x.id))) as Listed[]
    ).map((l) => [l.id, l]),
  )
  const mains = new Map(
    (
      db.prepare('SELECT id, tracking_id FROM complaint WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(page.map((b) => b.other.grp))])) as {
        id: number
        tracking_id: string
      }[]
    ).map((m) => [m.id, m.tracking_id]),
  )
  const out: (Omit<GandaRow, 'judul'> & { judul: string })[] = page.map(({ x: key, other, score, matches }) => {
    const x = listed.get(key.id)!
    return {
      id: x.id,
      tracking_id: x.tracking_id,
      judul: x.judul,
      status: x.status,
      submitted_at: x.submitted_at,
      kecamatan: x.kecamatan,
      desa: x.desa,
      is_anonim: x.is_anonim,
      is_rahasia: x.is_rahasia,
      main: { id: other.grp, tracking_id: mains.get(other.grp) ?? String(other.grp) },
      score: shown(score),
      samePlace: x.desa_kode ? 'desa' : 'kecamatan',
      matches,
    }
  })
  return { count: ranked.length, rows: redactRows(db, viewFor(q.role, 'app'), out, ['judul']) }
}

/** The export of the queue: the same rows as CSV (the titles as the caller sees them). */
export function possibleDuplicatesCsv(rows: GandaRow[]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v)
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const head = ['tracking_id', 'judul', 'status', 'diterima', 'kecamatan', 'desa', 'kemungkinan_ganda_dari', 'skor', 'tempat_sama', 'jumlah_mirip']
  const lines = rows.map((r) =>
    [r.tracking_id, r.judul, r.status, new Date(r.submitted_at).toISOString(), r.kecamatan, r.desa, r.main.tracking_id, r.score, r.samePlace, r.matches].map(cell).join(','),
  )
  return [head.join(','), ...lines].join('\n') + '\n'
}

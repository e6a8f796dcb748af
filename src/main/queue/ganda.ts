// The queue "Kemungkinan ganda": open complaints of the last days that look like the same problem as an earlier
// complaint of the same desa (or kecamatan, when the desa is not known) and are not linked to it yet. One row per
// such complaint, naming the earlier one it most resembles (or that one's main, when it is already a duplicate),
// so an operator can link it (isu.link) or open both. The tab's count, the list and the export are the same rows.
//
// Comparing each complaint with its own candidates (serupa/similar.ts) costs a few milliseconds each; the queue
// compares all recent complaints of a place at once instead: the words and 3-letter pieces of every text once, their
// rarity within the place, and the cosine of each pair. The score is that of "Laporan serupa" (text similarity,
// × 0.9 when only the kecamatan is shared, lowered a little by the days between them).
import type { Db } from '#main/store/open.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import { OPEN_STATUSES, type Status } from '#shared/status.ts'
import { can, type Role } from '#shared/roles.ts'
import { textTerms } from '#main/serupa/similar.ts'
import { cosine, tfidfVectors } from '#main/serupa/tfidf.ts'
import { viewFor } from '#main/privacy/policy.ts'
import { redactRows } from '#main/privacy/reporters.ts'

export type GandaOptions = {
  /** Complaints submitted this many days back are listed; each is compared with the days before it as far. */
  days?: number
  /** A pair is listed from this score up (0..1): stricter than the detail pane's 0.45, as it asks for work. */
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

type Row = {
  id: number
  tracking_id: string
  judul: string
  isi: string
  status: Status
  submitted_at: number
  kecamatan_kode: string | null
  desa_kode: string | null
  kecamatan: string | null
  desa: string | null
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
}

/** The queue's rows, most similar first. Rahasia complaints take part only for roles that may read them. */
export function possibleDuplicates(db: Db, q: { kabupaten: string; now: number; role: Role } & GandaOptions): GandaRow[] {
  const s = { ...GANDA_DEFAULTS, ...q }
  const from = q.now - 2 * s.days * DAY_MS
  const rows = db
    .prepare(
      `SELECT c.id, c.tracking_id, c.judul, c.isi, c.status, c.submitted_at, c.kecamatan_kode, c.desa_kode,
              k.nama AS kecamatan, d.nama AS desa, c.is_anonim, c.is_rahasia
         FROM complaint c LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode LEFT JOIN desa d ON d.kode = c.desa_kode
        WHERE c.kabupaten_kode = @kab AND c.submitted_at >= @from AND c.submitted_at <= @now AND c.status != 'dihapus'
          AND c.kecamatan_kode IS NOT NULL AND (@rahasia = 1 OR c.is_rahasia = 0)
        ORDER BY c.submitted_at, c.id`,
    )
    .all({ kab: q.kabupaten, from, now: q.now, rahasia: can(q.role, 'seeRahasia') ? 1 : 0 }) as Row[]
  if (rows.length === 0) return []
  // The group of a complaint: its main when it is linked, itself otherwise. Two complaints of one group are done.
  const links = new Map(
    (
      db
        .prepare('SELECT complaint_id, main_id FROM complaint_duplicate WHERE complaint_id IN (SELECT value FROM json_each(?)) OR main_id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(rows.map((r) => r.id)), JSON.stringify(rows.map((r) => r.id))) as { complaint_id: number; main_id: number }[]
    ).map((l) => [l.complaint_id, l.main_id]),
  )
  const groupOf = (id: number) => links.get(id) ?? id
  const byPlace = new Map<string, Row[]>()
  for (const r of rows) {
    const key = r.desa_kode ?? `kec:${r.kecamatan_kode}`
    const list = byPlace.get(key)
    if (list) list.push(r)
    else byPlace.set(key, [r])
  }
  const tracking = new Map(rows.map((r) => [r.id, r.tracking_id]))
  const mainTracking = (id: number) =>
    tracking.get(id) ?? (db.prepare('SELECT tracking_id FROM complaint WHERE id = ?').pluck().get(id) as string | undefined) ?? String(id)
  const listedFrom = q.now - s.days * DAY_MS
  const out: (Omit<GandaRow, 'judul'> & { judul: string })[] = []
  for (const [key, place] of byPlace) {
    if (place.length < 2) continue
    const placeFactor = key.startsWith('kec:') ? 0.9 : 1
    const terms = place.map((r) => textTerms(`${r.judul} ${r.isi}`))
    const vectors = tfidfVectors(terms)
    place.forEach((x, i) => {
      if (x.submitted_at < listedFrom || !OPEN_STATUSES.includes(x.status) || links.has(x.id)) return
      const a = vectors[i]
      if (!a.norm) return
      let best: { j: number; score: number } | null = null
      let matches = 0
      // Rows are in submission order: the earlier complaints of the place are those before x.
      for (let j = i - 1; j >= 0; j--) {
        const y = place[j]
        const dt = x.submitted_at - y.submitted_at
        if (dt > s.days * DAY_MS) break
        if (groupOf(y.id) === groupOf(x.id)) continue
        const b = vectors[j]
        if (!b.norm) continue
        const score = cosine(a, b) * placeFactor * (1 - 0.1 * (dt / (s.days * DAY_MS)))
        if (score < s.threshold) continue
        matches++
        if (!best || score > best.score) best = { j, score }
      }
      if (!best) return
      const main = groupOf(place[best.j].id)
      out.push({
        id: x.id,
        tracking_id: x.tracking_id,
        judul: x.judul,
        status: x.status,
        submitted_at: x.submitted_at,
        kecamatan: x.kecamatan,
        desa: x.desa,
        is_anonim: x.is_anonim,
        is_rahasia: x.is_rahasia,
        main: { id: main, tracking_id: mainTracking(main) },
        score: Math.round(best.score * 1000) / 1000,
        samePlace: placeFactor === 1 ? 'desa' : 'kecamatan',
        matches,
      })
    })
  }
  out.sort((a, b) => b.score - a.score || b.submitted_at - a.submitted_at || b.id - a.id)
  return redactRows(db, viewFor(q.role, 'app'), out, ['judul'])
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

// "Laporan serupa": the complaints that look like the same problem as one complaint — similar text, the same desa
// (or within a short distance when both have a point, or the same kecamatan when the desa is not known), close in
// time. Citizens rephrase and mistype, so text is compared on words and on 3-letter pieces of words, weighted by
// how rare they are among the candidates (TF-IDF, cosine). Words come from the routing normaliser: numbers, contacts
// and person names never count (a NIK or a reporter's name must not make two complaints "similar").
import type { Db } from '#main/store/open.ts'
import { DomainError } from '#main/errors.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import { prepared } from '#main/store/statements.ts'
import { hasStoredWords, vecsOfRows, type WithWords } from './terms.ts'
import { cosines, vocabularyCheckpoint } from './vectors.ts'

export { textTerms } from './terms.ts'

export type SerupaOptions = {
  /** Only complaints submitted this many days before or after are compared. */
  days?: number
  /** Shown from this score up (0..1). */
  threshold?: number
  /** Points closer than this are "the same place" even across a desa border. */
  radiusM?: number
  /** The most candidates compared (the nearest in time first), so that a day with thousands of reports stays fast. */
  maxCandidates?: number
  limit?: number
  /** Compare with rahasia complaints too (only for those who may read them). */
  includeRahasia?: boolean
}

/** A report with no place at all is compared kabupaten-wide within this many days (others: `days`, 14). People
 * report one problem over a week — the same outage, the same late payment — so 3 days missed copies 4–7 days apart. */
export const PLACELESS_DAYS = 7

export const SERUPA_DEFAULTS: Required<SerupaOptions> = { days: 14, threshold: 0.45, radiusM: 500, maxCandidates: 2000, limit: 20, includeRahasia: true }

export type Similar = {
  id: number
  tracking_id: string
  submitted_at: number
  kecamatan_kode: string | null
  desa_kode: string | null
  /** 0..1: text similarity, lowered a little by distance in place and time. */
  score: number
  text: number
  samePlace: 'desa' | 'radius' | 'kecamatan'
}

type Row = WithWords & {
  id: number
  tracking_id: string
  judul: string
  isi: string
  submitted_at: number
  kecamatan_kode: string | null
  desa_kode: string | null
  lat: number | null
  lon: number | null
  kabupaten_kode: string
}
/** A candidate as first read: its key and time only, from an index (migration 0036), never from its complaint row. */
type Candidate = WithWords & { id: number; submitted_at: number }
type Details = Pick<Row, 'id' | 'tracking_id' | 'kecamatan_kode' | 'desa_kode' | 'lat' | 'lon'>

// The stored words come along (null when not stored yet: then the text is normalised on the fly, same result).
const COLUMNS = 'c.id, c.tracking_id, c.judul, c.isi, c.submitted_at, c.kecamatan_kode, c.desa_kode, c.lat, c.lon, c.kabupaten_kode, t.words'
const FROM_STORED = 'complaint c LEFT JOIN complaint_terms t ON t.complaint_id = c.id'
const FROM_UNMIGRATED = 'complaint c LEFT JOIN (SELECT NULL AS complaint_id, NULL AS words) t ON 0'
const WORDS_STORED = 'complaint_terms t ON t.complaint_id = k.id'
const WORDS_UNMIGRATED = '(SELECT NULL AS complaint_id, NULL AS words) t ON 0'
// Candidates are chosen on their key and time only: every column the choice reads (kabupaten, place, time, status,
// rahasia) is in the index of its place (migration 0036), so a busy kecamatan's thousands of complaints in four weeks
// are read from the index alone; the words are joined for the candidates kept only, and the rest of a complaint
// (tracking id, desa, point) is read for those similar enough to be shown.
const DETAILS_SQL = 'SELECT c.id, c.tracking_id, c.kecamatan_kode, c.desa_kode, c.lat, c.lon FROM complaint c WHERE c.id IN (SELECT value FROM json_each(?))'

function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad)
  const y = (b.lat - a.lat) * rad
  return Math.sqrt(x * x + y * y) * 6_371_000
}

/** The complaints similar to complaint `id`, best first. */
export function similarTo(db: Db, id: number, options: SerupaOptions = {}): { complaint: { id: number; tracking_id: string }; settings: Required<SerupaOptions>; similar: Similar[] } {
  const s = { ...SERUPA_DEFAULTS, ...options }
  const stored = hasStoredWords(db)
  const FROM = stored ? FROM_STORED : FROM_UNMIGRATED
  const me = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = ?`).get(id) as Row | undefined // sql-vetted: constant column and join lists
  if (!me) throw new DomainError('NOT_FOUND', `Laporan dengan id ${id} tidak ada.`)
  const hasPoint = me.lat !== null && me.lon !== null
  // A report with no place at all is compared kabupaten-wide: only its nearest days, and fewer of them.
  const placeless = !hasPoint && !me.desa_kode && !me.kecamatan_kode
  const days = placeless ? Math.min(s.days, PLACELESS_DAYS) : s.days
  const maxCandidates = placeless ? Math.min(s.maxCandidates, 500) : s.maxCandidates
  // Candidates: same kabupaten, close in time, and in the same desa (or kecamatan when the desa is unknown), or —
  // when the complaint has a point — anywhere within a box around it. Nearest in time first, bounded.
  const degLat = s.radiusM / 111_000
  const degLon = degLat / Math.max(0.1, Math.cos(((me.lat ?? 0) * Math.PI) / 180))
  // One indexed query per way of being "the same place" (desa; kecamatan when the desa is unknown; a box around the
  // point; kabupaten-wide when there is no place), each nearest in time first and bounded; their union, nearest
  // first and bounded, is what one query with all of them OR-ed would give, without reading every complaint of the
  // kabupaten in the four weeks (25,000 rows on a 1,000,000-complaint store).
  const params = {
    kab: me.kabupaten_kode,
    from: me.submitted_at - days * DAY_MS,
    to: me.submitted_at + days * DAY_MS,
    at: me.submitted_at,
    id,
    desa: me.desa_kode,
    kec: me.kecamatan_kode,
    lat0: (me.lat ?? 0) - degLat,
    lat1: (me.lat ?? 0) + degLat,
    lon0: (me.lon ?? 0) - degLon,
    lon1: (me.lon ?? 0) + degLon,
    max: maxCandidates,
    rahasia: s.includeRahasia ? 1 : 0,
  }
  const places: string[] = []
  if (me.desa_kode) places.push('c.desa_kode = @desa')
  else if (me.kecamatan_kode) places.push('c.kecamatan_kode = @kec')
  else if (!hasPoint) places.push('1')
  if (hasPoint) places.push('c.lat BETWEEN @lat0 AND @lat1 AND c.lon BETWEEN @lon0 AND @lon1')
  const byId = new Map<number, Candidate>()
  for (const place of places) {
    // sql-vetted: constant place conditions and word joins
    const sql = `SELECT k.id, k.submitted_at, t.words FROM (
        SELECT c.id, c.submitted_at FROM complaint c
         WHERE c.kabupaten_kode = @kab AND c.submitted_at BETWEEN @from AND @to AND c.id != @id AND c.status != 'dihapus' AND (@rahasia = 1 OR c.is_rahasia = 0)
           AND ${place}
         ORDER BY abs(c.submitted_at - @at), c.id
         LIMIT @max) k LEFT JOIN ${stored ? WORDS_STORED : WORDS_UNMIGRATED}`
    for (const [cid, at, words] of prepared(db, sql).raw(true).all(params) as [number, number, string | null][]) byId.set(cid, { id: cid, submitted_at: at, judul: '', isi: '', words })
  }
  const rows = [...byId.values()].sort((x, y) => Math.abs(x.submitted_at - me.submitted_at) - Math.abs(y.submitted_at - me.submitted_at) || x.id - y.id).slice(0, maxCandidates)
  const unstored = rows.filter((r) => r.words === null)
  if (unstored.length) {
    const texts = prepared(db, 'SELECT id, judul, isi FROM complaint WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(unstored.map((r) => r.id))) as { id: number; judul: string; isi: string }[]
    const byText = new Map(texts.map((t) => [t.id, t]))
    for (const r of unstored) Object.assign(r, { judul: byText.get(r.id)!.judul, isi: byText.get(r.id)!.isi })
  }

  // Document frequencies over the candidates and the complaint itself: a word every report of the desa uses ("jalan")
  // weighs less than the one that makes this report this problem ("longsor").
  vocabularyCheckpoint()
  const [mine, ...theirs] = vecsOfRows(db, [me, ...rows])
  const texts = cosines(mine, theirs)
  // The place and time factors are at most 1, so only a candidate whose text × time factor reaches the threshold can
  // be shown (rounding is monotone: text × 0.9 × time ≤ text × time in floating point too); the rest of the complaint
  // is read for those only.
  const timeFactor = (r: { submitted_at: number }) => 1 - 0.1 * (Math.abs(r.submitted_at - me.submitted_at) / (s.days * DAY_MS))
  const close = rows.flatMap((r, i) => (texts[i] !== null && texts[i]! * timeFactor(r) >= s.threshold ? [{ r, text: texts[i]! }] : []))
  const details = new Map(
    close.length ? (prepared(db, DETAILS_SQL).all(JSON.stringify(close.map((c) => c.r.id))) as Details[]).map((d) => [d.id, d]) : [],
  )
  const similar: Similar[] = []
  for (const { r, text } of close) {
    const d = details.get(r.id)
    if (!d) continue // removed meanwhile by another writer
    const near = hasPoint && d.lat !== null && d.lon !== null && metres(me as { lat: number; lon: number }, d as { lat: number; lon: number }) <= s.radiusM
    const samePlace: Similar['samePlace'] = me.desa_kode && d.desa_kode === me.desa_kode ? 'desa' : near ? 'radius' : 'kecamatan'
    const placeFactor = samePlace === 'kecamatan' ? 0.9 : 1
    const score = text * placeFactor * timeFactor(r)
    if (score >= s.threshold) {
      similar.push({
        id: r.id,
        tracking_id: d.tracking_id,
        submitted_at: r.submitted_at,
        kecamatan_kode: d.kecamatan_kode,
        desa_kode: d.desa_kode,
        score: Math.round(score * 1000) / 1000,
        text: Math.round(text * 1000) / 1000,
        samePlace,
      })
    }
  }
  similar.sort((x, y) => y.score - x.score || x.id - y.id)
  return { complaint: { id: me.id, tracking_id: me.tracking_id }, settings: s, similar: similar.slice(0, s.limit) }
}

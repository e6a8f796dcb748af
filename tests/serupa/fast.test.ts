// "Laporan serupa" as served (candidates chosen from the indexes alone, one query per kind of place, stored words,
// typed-array TF-IDF, the rest of a complaint read only for those close enough to be shown) against a plain full scan
// written from the definition: one query with every way of being the same place OR-ed, every candidate's whole row,
// its text normalised now, the reference TF-IDF (tfidf.ts). On a generated store with injected near-duplicates, for
// complaints with a desa, with only a kecamatan, with a map point and with no place at all; at the default threshold
// and a low one, rahasia in and out, a shorter window, and a candidate cap small enough to cut a busy place's list.
import { describe, expect, it } from 'vitest'
import type { Db } from '#main/store/open.ts'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { injectDuplicates } from '#main/dev/demo/outbreak.ts'
import { similarTo, PLACELESS_DAYS, SERUPA_DEFAULTS, type SerupaOptions, type Similar } from '#main/serupa/similar.ts'
import { pendingCount, processPendingSlice } from '#main/serupa/arrival.ts'
import { textTerms } from '#main/serupa/terms.ts'
import { cosine, tfidfVectors } from '#main/serupa/tfidf.ts'
import { tempStore } from '../helpers.ts'

const KAB = '64.08'
const UNTIL = new Date('2026-11-20T12:00:00Z')
const NOW = UNTIL.getTime()
const DAY = 86_400_000

type Full = {
  id: number
  tracking_id: string
  judul: string | null
  isi: string | null
  submitted_at: number
  kabupaten_kode: string
  kecamatan_kode: string | null
  desa_kode: string | null
  lat: number | null
  lon: number | null
}

/** The similar reports of `id` by the definition, reading everything and normalising every text now. */
function plainSimilar(db: Db, id: number, options: SerupaOptions = {}): { similar: Similar[]; candidates: number } {
  const s = { ...SERUPA_DEFAULTS, ...options }
  const me = db.prepare('SELECT * FROM complaint WHERE id = ?').get(id) as Full
  const hasPoint = me.lat !== null && me.lon !== null
  const placeless = !hasPoint && !me.desa_kode && !me.kecamatan_kode
  const days = placeless ? Math.min(s.days, PLACELESS_DAYS) : s.days
  const degLat = s.radiusM / 111_000
  const degLon = degLat / Math.max(0.1, Math.cos(((me.lat ?? 0) * Math.PI) / 180))
  const place = me.desa_kode ? 'c.desa_kode = @desa' : me.kecamatan_kode ? 'c.kecamatan_kode = @kec' : hasPoint ? '0' : '1'
  const box = hasPoint ? ' OR (c.lat BETWEEN @lat0 AND @lat1 AND c.lon BETWEEN @lon0 AND @lon1)' : ''
  const rows = db
    .prepare(
      // sql-vetted: constant place conditions of this test
      `SELECT * FROM complaint c
        WHERE c.kabupaten_kode = @kab AND c.submitted_at BETWEEN @from AND @to AND c.id != @id AND c.status != 'dihapus'
          AND (@rahasia = 1 OR c.is_rahasia = 0) AND (${place}${box})
        ORDER BY abs(c.submitted_at - @at), c.id LIMIT @max`,
    )
    .all({
      kab: me.kabupaten_kode,
      from: me.submitted_at - days * DAY,
      to: me.submitted_at + days * DAY,
      at: me.submitted_at,
      id,
      desa: me.desa_kode,
      kec: me.kecamatan_kode,
      lat0: (me.lat ?? 0) - degLat,
      lat1: (me.lat ?? 0) + degLat,
      lon0: (me.lon ?? 0) - degLon,
      lon1: (me.lon ?? 0) + degLon,
      max: placeless ? Math.min(s.maxCandidates, 500) : s.maxCandidates,
      rahasia: s.includeRahasia ? 1 : 0,
    }) as Full[]
  const [mine, ...theirs] = tfidfVectors([me, ...rows].map((r) => textTerms(`${r.judul ?? ''} ${r.isi ?? ''}`)))
  const rad = Math.PI / 180
  const metres = (a: Full, b: Full) => {
    const x = (b.lon! - a.lon!) * rad * Math.cos(((a.lat! + b.lat!) / 2) * rad)
    const y = (b.lat! - a.lat!) * rad
    return Math.sqrt(x * x + y * y) * 6_371_000
  }
  const similar: Similar[] = []
  rows.forEach((r, i) => {
    if (!mine.norm || !theirs[i].norm) return
    const text = cosine(mine, theirs[i])
    const near = hasPoint && r.lat !== null && r.lon !== null && metres(me, r) <= s.radiusM
    const samePlace: Similar['samePlace'] = me.desa_kode && r.desa_kode === me.desa_kode ? 'desa' : near ? 'radius' : 'kecamatan'
    const score = text * (samePlace === 'kecamatan' ? 0.9 : 1) * (1 - 0.1 * (Math.abs(r.submitted_at - me.submitted_at) / (s.days * DAY)))
    if (score < s.threshold) return
    similar.push({
      id: r.id,
      tracking_id: r.tracking_id,
      submitted_at: r.submitted_at,
      kecamatan_kode: r.kecamatan_kode,
      desa_kode: r.desa_kode,
      score: Math.round(score * 1000) / 1000,
      text: Math.round(text * 1000) / 1000,
      samePlace,
    })
  })
  similar.sort((x, y) => y.score - x.score || x.id - y.id)
  return { similar: similar.slice(0, s.limit), candidates: rows.length }
}

const OPTIONS: SerupaOptions[] = [{}, { threshold: 0.2 }, { includeRahasia: false }, { days: 5, threshold: 0.3 }, { maxCandidates: 8, threshold: 0.3 }]

describe('similar reports, as served and by a plain full scan', () => {
  it('are the same, with stored words and without, for every kind of place', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: KAB, count: 4000, seed: 19, until: UNTIL })
    const ofKind = (where: string) =>
      db
        // sql-vetted: constant conditions of this test
        .prepare(`SELECT id FROM complaint WHERE kabupaten_kode = ? AND submitted_at > ? AND status != 'dihapus' AND ${where} ORDER BY id`)
        .pluck()
        .all(KAB, NOW - 20 * DAY) as number[]
    const kinds = {
      desa: ofKind('desa_kode IS NOT NULL AND lat IS NULL'),
      kecamatan: ofKind('desa_kode IS NULL AND kecamatan_kode IS NOT NULL AND lat IS NULL'),
      point: ofKind('lat IS NOT NULL'),
      none: ofKind('kecamatan_kode IS NULL AND lat IS NULL'),
    }
    for (const ids of Object.values(kinds)) expect(ids.length).toBeGreaterThan(3)
    // Near-duplicates of complaints of each kind (copies keep the original's place and point); some rahasia, one deleted.
    const originals = Object.values(kinds).flatMap((ids) => ids.filter((_, i) => i % 7 === 0).slice(0, 6))
    const copies = originals.flatMap((id, i) => injectDuplicates(db, id, 2 + (i % 3), 500 + i))
    db.prepare('UPDATE complaint SET is_rahasia = 1 WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(copies.filter((_, i) => i % 5 === 1)))
    db.prepare("UPDATE complaint SET status = 'dihapus' WHERE id = ?").run(copies[2])
    const sample = [...new Set([...originals, ...copies, ...Object.values(kinds).flatMap((ids) => ids.filter((_, i) => i % 5 === 2).slice(0, 8))])]

    const compare = () => {
      let found = 0
      let cut = 0
      for (const o of OPTIONS) {
        for (const id of sample) {
          const plain = plainSimilar(db, id, o)
          expect(similarTo(db, id, o).similar, `#${id} ${JSON.stringify(o)}`).toEqual(plain.similar)
          found += plain.similar.length
          if (o.maxCandidates && plain.candidates === o.maxCandidates) cut++
        }
      }
      return { found, cut }
    }
    // Nothing stored yet (every text normalised on the fly), then every complaint's words stored, then some wiped.
    expect(pendingCount(db)).toBeGreaterThan(4000)
    const before = compare()
    expect(before.found).toBeGreaterThan(100)
    expect(before.cut).toBeGreaterThan(10)
    while (processPendingSlice(db, 1_000).remaining);
    expect(pendingCount(db)).toBe(0)
    expect(compare()).toEqual(before)
    db.prepare('DELETE FROM complaint_terms WHERE complaint_id % 3 = 0').run()
    expect(compare()).toEqual(before)
    // The copies are found by their originals at the default threshold (what the screens show).
    const defaults = originals.map((id) => similarTo(db, id).similar.map((s) => s.id))
    expect(defaults.filter((ids) => ids.some((id) => copies.includes(id))).length).toBeGreaterThan(originals.length / 2)
  }, 600_000)
})

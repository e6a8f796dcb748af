// The demo generator: deterministic for a seed, extends a store without collisions, and writes complaints whose
// columns agree with their own history, their places and their units.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateDemo } from '#main/dev/demo/generate.ts'
import { STATUS_RAW } from '#main/dev/demo/lifecycle.ts'
import { OPEN_STATUSES } from '#shared/domain.ts'
import type { Db } from '#main/store/open.ts'
import { tempStore } from '../helpers.ts'

const UNTIL = new Date('2026-06-30T09:00:00Z')

/** A hash of every row the generator writes, in id order. */
function contentHash(db: Db): string {
  const h = createHash('sha256')
  for (const table of ['complaint', 'reporter', 'complaint_event']) {
    const key = table === 'reporter' ? 'complaint_id' : 'id'
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).iterate()) h.update(JSON.stringify(row))
  }
  return h.digest('hex')
}

describe('demo generator: determinism and extension', () => {
  it('gives byte-identical rows for the same seed, and different rows for another seed', () => {
    const a = tempStore('a.db').db
    const b = tempStore('b.db').db
    const c = tempStore('c.db').db
    generateDemo(a, { kabupaten: '64.08', count: 1500, seed: 42, until: UNTIL })
    generateDemo(b, { kabupaten: '64.08', count: 1500, seed: 42, until: UNTIL })
    generateDemo(c, { kabupaten: '64.08', count: 1500, seed: 43, until: UNTIL })
    expect(contentHash(a)).toBe(contentHash(b))
    expect(contentHash(a)).not.toBe(contentHash(c))
  })

  it('reports what it wrote and calls onProgress up to the total', () => {
    const { db } = tempStore()
    const progress: number[] = []
    const result = generateDemo(db, { kabupaten: '21.03', count: 12_345, seed: 1, until: UNTIL, onProgress: (done) => progress.push(done) })
    expect(result.inserted).toBe(12_345)
    expect(result.events).toBe(db.prepare('SELECT count(*) FROM complaint_event').pluck().get())
    expect(progress).toEqual([10_000, 12_345])
  }, 120_000) // 12,345 complaints with their history: seconds alone, more on a loaded machine

  it('extends a store: a second run adds count more with new tracking IDs and new texts', () => {
    const { db } = tempStore()
    generateDemo(db, { kabupaten: '64.08', count: 800, seed: 5, until: UNTIL })
    const firstMax = db.prepare("SELECT max(CAST(tracking_id AS INTEGER)) FROM complaint WHERE source = 'demo'").pluck().get() as number
    generateDemo(db, { kabupaten: '64.08', count: 700, seed: 5, until: UNTIL })
    generateDemo(db, { kabupaten: '21.03', count: 300, seed: 5, until: UNTIL })
    const one = (sql: string) => db.prepare(sql).pluck().get()
    expect(one("SELECT count(*) FROM complaint WHERE kabupaten_kode = '64.08'")).toBe(1500)
    expect(one("SELECT count(*) FROM complaint WHERE kabupaten_kode = '21.03'")).toBe(300)
    expect(one('SELECT count(DISTINCT tracking_id) FROM complaint')).toBe(1800)
    expect(one('SELECT count(*) FROM reporter')).toBe(1800)
    expect(one(`SELECT min(CAST(tracking_id AS INTEGER)) FROM complaint WHERE id > 800`)).toBeGreaterThan(firstMax)
    // The same seed on a non-empty store draws a different stream: no copy of the first run.
    const same = one(`SELECT count(*) FROM complaint a JOIN complaint b ON a.isi = b.isi AND a.submitted_at = b.submitted_at
                      WHERE a.id <= 800 AND b.id > 800`) as number
    expect(same).toBe(0)
  })
})

describe('demo generator: referential sanity', () => {
  const kabupaten = '64.08'

  function store() {
    const { db } = tempStore()
    generateDemo(db, { kabupaten, count: 3000, seed: 9, until: UNTIL })
    return db
  }

  it('gives every complaint a reporter, one submitted event first, and units, places and categories of its kabupaten', () => {
    const db = store()
    const none = (sql: string) => expect(db.prepare(sql).all(), sql).toEqual([])
    none('SELECT id FROM complaint c WHERE NOT EXISTS (SELECT 1 FROM reporter r WHERE r.complaint_id = c.id)')
    none(`SELECT id FROM complaint c WHERE (SELECT count(*) FROM complaint_event e WHERE e.complaint_id = c.id AND e.kind = 'submitted') <> 1`)
    none(`SELECT c.id FROM complaint c JOIN complaint_event e ON e.id = (SELECT min(id) FROM complaint_event WHERE complaint_id = c.id)
          WHERE e.kind <> 'submitted' OR e.at <> c.submitted_at OR e.actor <> 'Pelapor'`)
    none("SELECT id FROM complaint WHERE source <> 'demo' OR kabupaten_kode <> '64.08' OR tracking_id NOT GLOB '[1-9][0-9][0-9][0-9][0-9][0-9][0-9]*'")
    none('SELECT c.id FROM complaint c JOIN desa d ON d.kode = c.desa_kode WHERE d.kecamatan_kode IS NOT c.kecamatan_kode')
    none("SELECT c.id FROM complaint c JOIN kecamatan k ON k.kode = c.kecamatan_kode WHERE k.kabupaten_kode <> '64.08'")
    none('SELECT id FROM complaint WHERE desa_kode IS NOT NULL AND kecamatan_kode IS NULL')
    none('SELECT id FROM complaint WHERE lat IS NOT NULL AND desa_kode IS NULL')
    none("SELECT c.id FROM complaint c JOIN unit u ON u.id = c.unit_id WHERE u.kabupaten_kode <> '64.08' OR u.kind = 'pemkab'")
    none('SELECT id FROM complaint WHERE category_id IS NULL OR category_id IN (SELECT parent_id FROM category WHERE parent_id IS NOT NULL)')
    none("SELECT r.complaint_id FROM reporter r WHERE r.nik IS NOT NULL AND (length(r.nik) <> 16 OR r.nik NOT LIKE '6408%')")
    none("SELECT r.complaint_id FROM reporter r WHERE r.phone IS NOT NULL AND r.phone NOT GLOB '08[0-9]*'")
  })

  it('keeps each complaint consistent with its history, in time order, never after until', () => {
    const db = store()
    const until = UNTIL.getTime()
    type Ev = { complaint_id: number; kind: string; at: number; from_status: string | null; to_status: string | null; from_unit_id: number | null; to_unit_id: number | null }
    const events = new Map<number, Ev[]>()
    for (const e of db.prepare('SELECT * FROM complaint_event ORDER BY id').all() as Ev[]) {
      if (!events.has(e.complaint_id)) events.set(e.complaint_id, [])
      events.get(e.complaint_id)!.push(e)
    }
    const open = new Set<string>(OPEN_STATUSES)
    const closed = new Set(['selesai', 'arsip', 'bukan_wewenang'])
    for (const c of db.prepare('SELECT * FROM complaint').all() as Record<string, any>[]) {
      const evs = events.get(c.id)!
      const tag = `complaint ${c.id}`
      for (let i = 1; i < evs.length; i++) expect(evs[i].at, tag).toBeGreaterThan(evs[i - 1].at)
      expect(evs[evs.length - 1].at, tag).toBeLessThanOrEqual(until)
      for (const col of ['submitted_at', 'kejadian_at', 'verified_at', 'dispositioned_at', 'first_response_at', 'closed_at', 'updated_at']) {
        if (c[col] != null) expect(c[col], `${tag} ${col}`).toBeLessThanOrEqual(until)
      }
      const withStatus = evs.filter((e) => e.to_status)
      expect(c.status, tag).toBe(withStatus[withStatus.length - 1].to_status)
      for (let i = 1; i < withStatus.length; i++) expect(withStatus[i].from_status, tag).toBe(withStatus[i - 1].to_status)
      expect(c.status_raw).toBe(STATUS_RAW[c.status as keyof typeof STATUS_RAW])
      expect(c.updated_at, tag).toBe(evs[evs.length - 1].at)
      if (closed.has(c.status)) expect(c.closed_at, tag).not.toBeNull()
      if (open.has(c.status) || c.status === 'tunda') expect(c.closed_at, tag).toBeNull()

      const dispositions = evs.filter((e) => e.kind === 'disposition')
      expect(c.disposition_count, tag).toBe(dispositions.length)
      expect(c.unit_id, tag).toBe(dispositions.length ? dispositions[dispositions.length - 1].to_unit_id : null)
      expect(c.dispositioned_at, tag).toBe(dispositions[0]?.at ?? null)
      expect(c.first_unit_id, tag).toBe(dispositions[0]?.to_unit_id ?? null)
      for (let i = 1; i < dispositions.length; i++) expect(dispositions[i].from_unit_id, tag).toBe(dispositions[i - 1].to_unit_id)
      const tl = evs.filter((e) => e.kind === 'tindak_lanjut')
      expect(c.first_response_at, tag).toBe(tl[0]?.at ?? null)
      expect(c.last_tl_at, tag).toBe(tl[tl.length - 1]?.at ?? null)
      const replies = evs.filter((e) => e.kind === 'pelapor_reply')
      expect(c.last_reply_at, tag).toBe(replies[replies.length - 1]?.at ?? null)
      const verify = evs.find((e) => e.to_status === 'belum_ditindaklanjuti')
      expect(c.verified_at, tag).toBe(verify?.at ?? null)
      if (c.dispositioned_at != null) expect(c.dispositioned_at, tag).toBeGreaterThanOrEqual(c.verified_at)
      if (c.first_response_at != null) expect(c.first_response_at, tag).toBeGreaterThan(c.dispositioned_at)
    }
  })

  it('puts map points inside their desa', () => {
    const db = store()
    const rows = db
      .prepare('SELECT c.lat, c.lon, d.geometry FROM complaint c JOIN desa d ON d.kode = c.desa_kode WHERE c.lat IS NOT NULL')
      .all() as { lat: number; lon: number; geometry: string }[]
    expect(rows.length).toBeGreaterThan(300)
    const outside = rows.filter((r) => !insideGeometry(r.lon, r.lat, JSON.parse(r.geometry)))
    expect(outside).toEqual([])
  })
})

/** Inside the outer ring of some part and in none of its holes. */
function insideGeometry(x: number, y: number, g: { type: string; coordinates: any }): boolean {
  const polygons: number[][][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates
  return polygons.some(([outer, ...holes]) => inRing(x, y, outer) && !holes.some((h) => inRing(x, y, h)))
}

function inRing(x: number, y: number, ring: number[][]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

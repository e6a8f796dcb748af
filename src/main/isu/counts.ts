// What the early warning reads from the store: complaints per local day, desa, kecamatan and top-level category,
// over the baseline and the tested window. The finished days come from isu_day (migration 0030: kept by triggers on
// every write to complaint), a few thousand rows; only today, cut at "now", is counted from the complaints.
import type { Db } from '#main/store/open.ts'
import { DAY_MS } from '#main/calendar/days.ts'
import type { CountSource } from './topics.ts'

/**
 * One row: [local day, place and category, complaints]; the place and category as one key "kecamatan|desa|kategori"
 * ('' and 0 for none: see `cellKey`). Arrays with one string each: tens of thousands are read per request.
 */
export type DayCount = [day: number, key: string, n: number]

/** The parts of a DayCount key. */
export function cellKey(key: string): { kecamatan: string | null; desa: string | null; kategori: number | null } {
  const [kecamatan, desa, kategori] = key.split('|')
  return { kecamatan: kecamatan || null, desa: desa || null, kategori: Number(kategori) || null }
}

export type CellLevel = 'kabupaten' | 'kecamatan' | 'desa'

/**
 * The cells a DayCount key adds to — its category's cell of the kabupaten, of its kecamatan and of its desa — kept in
 * `cells` by level × place × category (`make` makes a new one), and looked up once per key.
 */
export function cellsOfKey<C>(cells: Map<string, C>, make: (level: CellLevel, kecamatan: string | null, desa: string | null, kategori: number | null) => C): (key: string) => C[] {
  const cellOf = (level: CellLevel, kecamatan: string | null, desa: string | null, kategori: number | null) => {
    const id = `${level}|${kecamatan}|${desa}|${kategori}`
    let cell = cells.get(id)
    if (!cell) cells.set(id, (cell = make(level, kecamatan, desa, kategori)))
    return cell
  }
  const targets = new Map<string, C[]>()
  return (key) => {
    let to = targets.get(key)
    if (!to) {
      const { kecamatan, desa, kategori } = cellKey(key)
      to = [cellOf('kabupaten', null, null, kategori)]
      if (kecamatan) to.push(cellOf('kecamatan', kecamatan, null, kategori))
      if (kecamatan && desa) to.push(cellOf('desa', kecamatan, desa, kategori))
      targets.set(key, to)
    }
    return to
  }
}

const SCAN = `SELECT CAST((c.submitted_at + @off) / @dayMs AS INTEGER) AS day,
              COALESCE(c.kecamatan_kode, '') || '|' || COALESCE(c.desa_kode, '') || '|' || COALESCE(k.parent_id, k.id, 0) AS key, count(*) AS n
         FROM complaint c LEFT JOIN category k ON k.id = c.category_id
        WHERE c.kabupaten_kode = @kab AND c.submitted_at >= @from AND c.submitted_at < @to AND c.status != 'dihapus'
        GROUP BY 1, COALESCE(c.kecamatan_kode, ''), COALESCE(c.desa_kode, ''), COALESCE(k.parent_id, k.id, 0)`

/**
 * Counts of complaints submitted on local days [fromDay, toDay] (inclusive) up to `until` in a kabupaten, deleted
 * ones left out. 'scan' groups the complaints themselves (the plain recomputation the tests compare with).
 */
export function dayCounts(db: Db, kabupaten: string, offsetMs: number, fromDay: number, toDay: number, until: number, source: CountSource = 'aggregate'): DayCount[] {
  const scan = (from: number) =>
    db.prepare(SCAN).raw().all({ dayMs: DAY_MS, off: offsetMs, kab: kabupaten, from, to: Math.min(until, (toDay + 1) * DAY_MS - offsetMs) }) as DayCount[]
  if (source === 'scan') return scan(fromDay * DAY_MS - offsetMs)
  // '' and 0 stand for "none" in the stored rows (a primary key cannot hold NULL as one value), as in the key.
  const stored = db
    .prepare(
      `SELECT day, kecamatan_kode || '|' || desa_kode || '|' || kategori, n FROM isu_day
        WHERE kabupaten_kode = ? AND day >= ? AND day < ? AND n > 0`,
    )
    .raw()
    .all(kabupaten, fromDay, toDay) as DayCount[]
  return stored.concat(scan(toDay * DAY_MS - offsetMs))
}

export type CellFilter = { kecamatan: string | null; desa: string | null; kategori: number | null }

/** The complaints behind one flagged cell, submitted from `from` (ms) up to `until`, oldest first. */
export function cellComplaints(db: Db, kabupaten: string, cell: CellFilter, from: number, until: number): number[] {
  return db
    .prepare(
      `SELECT c.id FROM complaint c LEFT JOIN category k ON k.id = c.category_id
        WHERE c.kabupaten_kode = @kab AND c.submitted_at >= @from AND c.submitted_at < @until AND c.status != 'dihapus'
          AND (@kec IS NULL OR c.kecamatan_kode = @kec) AND (@desa IS NULL OR c.desa_kode = @desa)
          AND COALESCE(k.parent_id, k.id) IS @kat
        ORDER BY c.submitted_at, c.id`,
    )
    .pluck()
    .all({ kab: kabupaten, from, until, kec: cell.kecamatan, desa: cell.desa, kat: cell.kategori }) as number[]
}

export type Names = { kecamatan: Map<string, string>; desa: Map<string, string>; kategori: Map<number, string> }

export function namesOf(db: Db, kabupaten: string): Names {
  const kecamatan = new Map(
    (db.prepare('SELECT kode, nama FROM kecamatan WHERE kabupaten_kode = ?').all(kabupaten) as { kode: string; nama: string }[]).map((r) => [r.kode, r.nama]),
  )
  const desa = new Map(
    (
      db
        .prepare('SELECT d.kode, d.nama FROM desa d JOIN kecamatan k ON k.kode = d.kecamatan_kode WHERE k.kabupaten_kode = ?')
        .all(kabupaten) as { kode: string; nama: string }[]
    ).map((r) => [r.kode, r.nama]),
  )
  const kategori = new Map((db.prepare('SELECT id, nama FROM category').all() as { id: number; nama: string }[]).map((r) => [r.id, r.nama]))
  return { kecamatan, desa, kategori }
}

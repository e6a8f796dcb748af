// The simulator's own world: a separate tanggap-format SQLite file filled by the demo generator (same texts,
// places and lifecycles as the demo), plus a feed order and the write-back actions it has accepted. It plays
// the upstream, so it never touches the user's store; a persistent file lets the demo upstream live on between
// runs, so the app's incremental sync continues where it stopped.
import type { Db } from '#main/store/open.ts'
import { openStore } from '#main/store/open.ts'
import { generateDemo } from '../demo/generate.ts'
import { seedKabupaten } from '#main/reference/regions/seed.ts'

export type SimDataset = { kabupaten: string; count: number; seed: number }

export type SimStore = {
  db: Db
  kabupaten: string[]
  /** Strictly increasing change time: the feed order must never tie or go back, whatever the clock does. */
  tick(): number
  close(): void
}

export function openSimStore(file: string, sets: SimDataset[], until?: Date, log: (line: string) => void = () => {}): SimStore {
  const db = openStore(file)
  for (const set of sets) {
    const has = db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ?').pluck().get(set.kabupaten) as number
    if (has > 0) continue
    seedKabupaten(db, set.kabupaten)
    if (set.count > 0) {
      log(`Simulator: membuat ${set.count.toLocaleString('id-ID')} pengaduan ${set.kabupaten}…`)
      generateDemo(db, { kabupaten: set.kabupaten, count: set.count, seed: set.seed, until })
    }
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS sim_action (
      client_id   TEXT PRIMARY KEY,
      tracking_id TEXT NOT NULL,
      result_json TEXT NOT NULL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS sim_event_client (
      event_id  INTEGER PRIMARY KEY,
      client_id TEXT NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS sim_feed ON complaint(kabupaten_kode, upstream_updated_at, id);
    CREATE INDEX IF NOT EXISTS sim_tracking ON complaint(tracking_id);
  `)
  // The generated history is the first version of every record; its last event is when it last changed.
  db.prepare('UPDATE complaint SET upstream_updated_at = updated_at, upstream_version = 1 WHERE upstream_version IS NULL').run()
  let last = (db.prepare('SELECT max(upstream_updated_at) FROM complaint').pluck().get() as number | null) ?? 0
  return {
    db,
    kabupaten: (db.prepare('SELECT kode FROM kabupaten ORDER BY kode').pluck().all() as string[]).filter((k) => sets.length === 0 || sets.some((s) => s.kabupaten === k)),
    tick: () => (last = Math.max(Date.now(), last + 1)),
    close: () => db.close(),
  }
}

export type SimComplaintRow = {
  id: number
  kabupaten_kode: string
  tracking_id: string
  judul: string
  isi: string
  klasifikasi: string
  channel: string
  category_id: number | null
  category_kode: string | null
  category_nama: string | null
  status: string
  status_raw: string
  is_anonim: 0 | 1
  is_rahasia: 0 | 1
  kecamatan_kode: string | null
  kecamatan_nama: string | null
  desa_kode: string | null
  lokasi_text: string | null
  lat: number | null
  lon: number | null
  unit_id: number | null
  unit_nama: string | null
  submitted_at: number
  kejadian_at: number | null
  closed_at: number | null
  upstream_updated_at: number
  upstream_version: number
  nama: string | null
  nik: string | null
  phone: string | null
  email: string | null
}

export type SimEventRow = {
  id: number
  complaint_id: number
  kind: string
  at: number
  actor: string
  from_status: string | null
  to_status: string | null
  from_unit_id: number | null
  to_unit_id: number | null
  reason: string | null
  body: string | null
  client_id: string | null
}

export const SIM_COMPLAINT_SQL = `
  SELECT c.id, c.kabupaten_kode, c.tracking_id, c.judul, c.isi, c.klasifikasi, c.channel, c.category_id, cat.kode AS category_kode,
         cat.nama AS category_nama, c.status, c.status_raw, c.is_anonim, c.is_rahasia, c.kecamatan_kode, k.nama AS kecamatan_nama,
         c.desa_kode, c.lokasi_text, c.lat, c.lon, c.unit_id, u.nama AS unit_nama, c.submitted_at, c.kejadian_at, c.closed_at,
         c.upstream_updated_at, c.upstream_version, r.nama, r.nik, r.phone, r.email
  FROM complaint c
  LEFT JOIN reporter r ON r.complaint_id = c.id
  LEFT JOIN category cat ON cat.id = c.category_id
  LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode
  LEFT JOIN unit u ON u.id = c.unit_id`

/** History of some complaints, grouped by complaint id, in time order. */
export function eventsOf(db: Db, ids: number[]): Map<number, SimEventRow[]> {
  const out = new Map<number, SimEventRow[]>()
  for (let i = 0; i < ids.length; i += 900) {
    const chunk = ids.slice(i, i + 900)
    const rows = db
      .prepare(
        `SELECT e.id, e.complaint_id, e.kind, e.at, e.actor, e.from_status, e.to_status, e.from_unit_id, e.to_unit_id, e.reason, e.body, s.client_id
         FROM complaint_event e LEFT JOIN sim_event_client s ON s.event_id = e.id
         WHERE e.complaint_id IN (${chunk.map(() => '?').join(',')}) ORDER BY e.complaint_id, e.at, e.id`,
      )
      .all(...chunk) as SimEventRow[]
    for (const r of rows) {
      let list = out.get(r.complaint_id)
      if (!list) out.set(r.complaint_id, (list = []))
      list.push(r)
    }
  }
  return out
}

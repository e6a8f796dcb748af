// The lapor-json side of the simulator (docs/lapor-json.md): token per instansi, reference lists, the changes
// feed with a keyset cursor, single records, and write-back actions.
import { API_PREFIX, DEFAULT_LIMIT, MAX_LIMIT, type WireCategory, type WireComplaint, type WireUnit } from '#main/sync/connectors/lapor-json/contract.ts'
import type { FaultKind } from './faults.ts'
import type { Mutator } from './live.ts'
import { SIM_COMPLAINT_SQL, eventsOf, type SimComplaintRow, type SimStore } from './store.ts'
import { categoryWireId, toWire, unitWireId } from './wire.ts'
import { applyAction, type Reply } from './actions.ts'

export type LaporRequest = { method: string; path: string; query: URLSearchParams; token: string | null; body: unknown; fault: FaultKind | null }

const err = (status: number, code: string, message: string): Reply => ({ status, body: { error: { code, message } } })

/** Cursor: opaque to clients; here the keyset (change time, row id) of the last record served. */
export function encodeCursor(at: number, id: number): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url')
}

function decodeCursor(s: string): [number, number] | null {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'))
    return Array.isArray(v) && v.length === 2 && v.every(Number.isSafeInteger) ? [v[0], v[1]] : null
  } catch {
    return null
  }
}

export function isLaporData(method: string, path: string): boolean {
  return method === 'GET' && path === `${API_PREFIX}/complaints`
}

export function handleLapor(sim: SimStore, tokens: Map<string, string>, mutator: Mutator, req: LaporRequest): Reply {
  const kab = req.token ? tokens.get(req.token) : undefined
  if (!kab) return err(401, 'unauthorized', req.token ? 'token tidak dikenal' : 'perlu header Authorization: Bearer <token>')
  const db = sim.db
  const sub = req.path.slice(API_PREFIX.length)

  if (req.method === 'GET' && sub === '/instansi') {
    const k = db.prepare('SELECT kode, nama, time_zone FROM kabupaten WHERE kode = ?').get(kab) as { kode: string; nama: string; time_zone: string }
    return { status: 200, body: { data: { id: `pemkab-${k.kode}`, name: `Pemerintah ${k.nama}`, kabupaten_code: k.kode, time_zone: k.time_zone } } }
  }
  if (req.method === 'GET' && sub === '/categories') {
    const rows = db.prepare('SELECT id, parent_id, nama FROM category ORDER BY id').all() as { id: number; parent_id: number | null; nama: string }[]
    const data: WireCategory[] = rows.map((r) => ({ id: categoryWireId(r.id), parent_id: r.parent_id === null ? null : categoryWireId(r.parent_id), name: r.nama }))
    return { status: 200, body: { data } }
  }
  if (req.method === 'GET' && sub === '/units') {
    const rows = db.prepare('SELECT id, parent_id, kind, nama, singkatan, region_kode FROM unit WHERE kabupaten_kode = ? AND is_active = 1 ORDER BY id').all(kab) as {
      id: number
      parent_id: number | null
      kind: WireUnit['kind']
      nama: string
      singkatan: string | null
      region_kode: string | null
    }[]
    const data: WireUnit[] = rows.map((r) => ({
      id: unitWireId(r.id),
      parent_id: r.parent_id === null ? null : unitWireId(r.parent_id),
      name: r.nama,
      short_name: r.singkatan,
      kind: r.kind,
      region_code: r.region_kode,
    }))
    return { status: 200, body: { data } }
  }
  if (req.method === 'GET' && sub === '/complaints') return feed(sim, kab, mutator, req)
  const one = /^\/complaints\/([^/]+)$/.exec(sub)
  if (req.method === 'GET' && one) {
    // sql-vetted: SIM_COMPLAINT_SQL is a constant query text
    const row = db.prepare(`${SIM_COMPLAINT_SQL} WHERE c.kabupaten_kode = ? AND c.tracking_id = ?`).get(kab, decodeURIComponent(one[1])) as SimComplaintRow | undefined
    if (!row) return err(404, 'not_found', `laporan ${one[1]} tidak ada`)
    return { status: 200, body: { data: toWire(row, eventsOf(db, [row.id]).get(row.id) ?? []) } }
  }
  const act = /^\/complaints\/([^/]+)\/actions$/.exec(sub)
  if (act) {
    if (req.method !== 'POST') return err(405, 'method_not_allowed', 'pakai POST')
    return applyAction(sim, kab, decodeURIComponent(act[1]), req.body)
  }
  return err(404, 'not_found', `tidak ada ${req.method} ${req.path}`)
}

function feed(sim: SimStore, kab: string, mutator: Mutator, req: LaporRequest): Reply {
  const db = sim.db
  const limitText = req.query.get('limit')
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return err(400, 'bad_limit', `limit harus 1..${MAX_LIMIT}`)
  const since = req.query.get('updated_since')
  const key = since ? decodeCursor(since) : [-1, 0]
  if (!key) return err(400, 'bad_cursor', 'updated_since bukan kursor yang dikeluarkan server ini')
  // sql-vetted: SIM_COMPLAINT_SQL is a constant query text
  const page = db
    .prepare(`${SIM_COMPLAINT_SQL} WHERE c.kabupaten_kode = ? AND (c.upstream_updated_at, c.id) > (?, ?) ORDER BY c.upstream_updated_at, c.id LIMIT ?`)
    .all(kab, key[0], key[1], limit + 1) as SimComplaintRow[]
  const hasMore = page.length > limit
  if (hasMore) page.pop()
  const last = page[page.length - 1]
  if (req.fault === 'changed' && page.length > 0) {
    // Records change while the client pages: one already on this page and one still ahead of the cursor.
    mutator.touch(page[Math.floor(page.length / 2)].id, 'Data laporan diubah saat halaman diambil.')
    const ahead = db
      .prepare('SELECT id FROM complaint WHERE kabupaten_kode = ? AND (upstream_updated_at, id) > (?, ?) ORDER BY upstream_updated_at, id LIMIT 1')
      .pluck()
      .get(kab, last.upstream_updated_at, last.id) as number | undefined
    if (ahead !== undefined) mutator.touch(ahead, 'Data laporan diubah saat halaman diambil.')
  }
  const events = eventsOf(db, page.map((r) => r.id))
  let data: unknown[] = page.map((r) => toWire(r, events.get(r.id) ?? []))
  if (req.fault === 'duplicate') data = data.flatMap((d, i) => (i % 3 === 0 ? [d, structuredClone(d)] : [d]))
  if (req.fault === 'malformed') data = data.map((d, i) => (i % 4 === 1 ? malform(d as WireComplaint, i) : d))
  const remaining =
    req.query.get('with_remaining') === 'true' && last
      ? (db.prepare('SELECT count(*) FROM complaint WHERE kabupaten_kode = ? AND (upstream_updated_at, id) > (?, ?)').pluck().get(kab, last.upstream_updated_at, last.id) as number)
      : undefined
  return {
    status: 200,
    body: { data, next_cursor: last ? encodeCursor(last.upstream_updated_at, last.id) : (since ?? null), has_more: hasMore, ...(remaining !== undefined ? { remaining } : {}) },
  }
}

/** The ways records come broken from real systems: missing fields, wrong types, impossible values. */
function malform(d: WireComplaint, i: number): unknown {
  const bad: Record<string, unknown> = structuredClone(d) as unknown as Record<string, unknown>
  switch (Math.floor(i / 4) % 5) {
    case 0:
      delete bad.title
      break
    case 1:
      bad.updated_at = 'kemarin sore'
      break
    case 2:
      bad.status = 42
      break
    case 3:
      bad.history = [{ id: 'x', type: 'teleport', at: d.created_at, actor: 'Pelapor' }]
      break
    default:
      bad.location = { district_code: '99.99.99' }
  }
  return bad
}

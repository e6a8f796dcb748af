// The Open311 GeoReport v2 side of the simulator: services.json and requests.json from the same dataset, with the
// standard's limits (windows of at most 90 days, at most 1,000 results, no paging) and its error bodies
// `[{ code, description }]`. jurisdiction_id selects the kabupaten. Rahasia reports are never served here: the
// standard is a public interface, and rahasia means hidden from the public.
import type { FaultKind } from './faults.ts'
import type { Reply } from './actions.ts'
import type { SimStore } from './store.ts'

export const OPEN311_PREFIX = '/open311/v2'
export const OPEN311_MAX_RESULTS = 1000
const MAX_WINDOW_MS = 90 * 86_400_000
const CLOSED = new Set(['selesai', 'arsip', 'bukan_wewenang', 'dihapus'])

const fail = (status: number, description: string): Reply => ({ status, body: [{ code: status, description }] })

type Row = {
  id: number
  tracking_id: string
  status: string
  status_raw: string
  category_kode: string | null
  category_nama: string | null
  isi: string
  unit_nama: string | null
  submitted_at: number
  upstream_updated_at: number
  lokasi_text: string | null
  kecamatan_nama: string | null
  lat: number | null
  lon: number | null
}

const ROW_SQL = `
  SELECT c.id, c.tracking_id, c.status, c.status_raw, cat.kode AS category_kode, cat.nama AS category_nama, c.isi, u.nama AS unit_nama,
         c.submitted_at, c.upstream_updated_at, c.lokasi_text, k.nama AS kecamatan_nama, c.lat, c.lon
  FROM complaint c
  LEFT JOIN category cat ON cat.id = c.category_id
  LEFT JOIN unit u ON u.id = c.unit_id
  LEFT JOIN kecamatan k ON k.kode = c.kecamatan_kode`

export function isOpen311Data(method: string, path: string): boolean {
  return method === 'GET' && path === `${OPEN311_PREFIX}/requests.json`
}

/** W3C datetime in the kabupaten's own offset, as Open311 servers write it ('2026-03-02T09:15:00+08:00'). */
function w3c(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19)
  const sign = offsetMinutes >= 0 ? '+' : '-'
  const m = Math.abs(offsetMinutes)
  return `${local}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

export function handleOpen311(sim: SimStore, method: string, path: string, query: URLSearchParams, fault: FaultKind | null): Reply {
  if (method !== 'GET') return fail(405, 'hanya GET yang didukung simulator ini')
  const sub = path.slice(OPEN311_PREFIX.length)
  if (/\.xml$/.test(sub)) return fail(400, 'format xml tidak didukung; pakai .json')
  const db = sim.db
  const jurisdiction = query.get('jurisdiction_id') ?? sim.kabupaten[0]
  const kab = db.prepare('SELECT kode, utc_offset_minutes FROM kabupaten WHERE kode = ?').get(jurisdiction) as { kode: string; utc_offset_minutes: number } | undefined
  if (!kab || !sim.kabupaten.includes(kab.kode)) return fail(404, `jurisdiction_id ${jurisdiction} tidak dikenal`)

  if (sub === '/services.json') {
    const rows = db
      .prepare('SELECT c.kode, c.nama, p.nama AS grup FROM category c LEFT JOIN category p ON p.id = c.parent_id WHERE c.parent_id IS NOT NULL ORDER BY c.id')
      .all() as { kode: string; nama: string; grup: string | null }[]
    return {
      status: 200,
      body: rows.map((r) => ({ service_code: r.kode, service_name: r.nama, description: r.nama, metadata: false, type: 'realtime', keywords: '', group: r.grup ?? '' })),
    }
  }
  const toRequest = (r: Row) => ({
    service_request_id: r.tracking_id,
    status: CLOSED.has(r.status) ? 'closed' : 'open',
    status_notes: r.status_raw,
    service_name: r.category_nama,
    service_code: r.category_kode,
    description: r.isi,
    agency_responsible: r.unit_nama,
    service_notice: null,
    requested_datetime: w3c(r.submitted_at, kab.utc_offset_minutes),
    updated_datetime: w3c(r.upstream_updated_at, kab.utc_offset_minutes),
    expected_datetime: null,
    address: r.lokasi_text ?? (r.kecamatan_nama ? `Kecamatan ${r.kecamatan_nama}` : null),
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lon,
    media_url: null,
  })
  const single = /^\/requests\/([^/]+)\.json$/.exec(sub)
  if (single) {
    // sql-vetted: ROW_SQL is a constant query text
    const row = db.prepare(`${ROW_SQL} WHERE c.kabupaten_kode = ? AND c.tracking_id = ? AND c.is_rahasia = 0`).get(kab.kode, decodeURIComponent(single[1])) as Row | undefined
    if (!row) return fail(404, `service_request_id ${single[1]} tidak ada`)
    return { status: 200, body: [toRequest(row)] }
  }
  if (sub !== '/requests.json') return fail(404, `tidak ada ${path}`)

  const parse = (name: string): number | null | undefined => {
    const v = query.get(name)
    if (v === null) return undefined
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : t
  }
  const start = parse('start_date')
  const end = parse('end_date')
  if (start === null) return fail(400, `start_date "${query.get('start_date')}" bukan tanggal W3C/ISO 8601`)
  if (end === null) return fail(400, `end_date "${query.get('end_date')}" bukan tanggal W3C/ISO 8601`)
  const to = end ?? Date.now()
  const from = start ?? to - MAX_WINDOW_MS
  if (from > to) return fail(400, 'start_date setelah end_date')
  if (to - from > MAX_WINDOW_MS) return fail(400, 'rentang start_date..end_date lebih dari 90 hari')

  const where = ['c.kabupaten_kode = @kab', 'c.is_rahasia = 0', 'c.submitted_at >= @from', 'c.submitted_at <= @to']
  const params: Record<string, unknown> = { kab: kab.kode, from, to }
  const ids = query.get('service_request_id')
  if (ids) {
    const list = ids.split(',').map((s) => s.trim()).filter(Boolean)
    list.forEach((id, i) => (params[`id${i}`] = id))
    where.push(`c.tracking_id IN (${list.map((_, i) => `@id${i}`).join(',')})`)
  }
  const codes = query.get('service_code')
  if (codes) {
    const list = codes.split(',').map((s) => s.trim()).filter(Boolean)
    list.forEach((c, i) => (params[`sc${i}`] = c))
    where.push(`cat.kode IN (${list.map((_, i) => `@sc${i}`).join(',')})`)
  }
  const status = query.get('status')
  if (status) {
    const wanted = new Set(status.split(',').map((s) => s.trim()))
    if ([...wanted].some((s) => s !== 'open' && s !== 'closed')) return fail(400, `status "${status}" harus open dan/atau closed`)
    if (wanted.size === 1) where.push(`c.status ${wanted.has('closed') ? '' : 'NOT '}IN ('selesai', 'arsip', 'bukan_wewenang', 'dihapus')`)
  }
  // sql-vetted: ROW_SQL is constant; where holds fixed fragments with @parameters; the cap is a numeric constant
  const rows = db
    .prepare(`${ROW_SQL} WHERE ${where.join(' AND ')} ORDER BY c.submitted_at DESC, c.id DESC LIMIT ${OPEN311_MAX_RESULTS}`)
    .all(params) as Row[]
  let body: unknown[] = rows.map(toRequest)
  if (fault === 'duplicate') body = body.flatMap((r, i) => (i % 3 === 0 ? [r, structuredClone(r)] : [r]))
  if (fault === 'malformed') {
    body = body.map((r, i) => {
      if (i % 4 !== 1) return r
      const bad = structuredClone(r) as Record<string, unknown>
      if (i % 8 === 1) delete bad.service_request_id
      else bad.requested_datetime = 'besok pagi'
      return bad
    })
  }
  return { status: 200, body }
}

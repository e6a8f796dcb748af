// A small GeoReport v2 server for the Open311 connector's edge cases, on a real socket at 127.0.0.1: the
// standard's 90-day window limit and 1,000-result cap (newest first, as the standard says), its error bodies,
// and hooks to fail the next calls. The sync simulator serves Open311 too; this one exists to put thousands of
// requests into one day or one second, which a realistic dataset never does.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type TestRequest = Record<string, unknown> & { service_request_id: string; requested_datetime: string }

export type TestServer = {
  url: string
  calls: { start: string; end: string; returned: number }[]
  /** Answer the next calls with this status and body instead. */
  failNext(times: number, status: number, body: string): void
  requests: TestRequest[]
  close(): Promise<void>
}

export async function startOpen311Server(requests: TestRequest[], opts: { cap?: number; services?: unknown[] } = {}): Promise<TestServer> {
  const cap = opts.cap ?? 1000
  const calls: TestServer['calls'] = []
  let failures: { times: number; status: number; body: string } | null = null
  const sorted = [...requests].sort((a, b) => Date.parse(b.requested_datetime) - Date.parse(a.requested_datetime))
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(typeof body === 'string' ? body : JSON.stringify(body))
  }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (failures && failures.times > 0) {
      failures.times--
      res.writeHead(failures.status, { 'content-type': 'application/json' })
      return res.end(failures.body)
    }
    if (url.pathname === '/open311/v2/services.json') return json(res, 200, opts.services ?? [])
    if (url.pathname !== '/open311/v2/requests.json') return json(res, 404, [{ code: 404, description: `resource ${url.pathname} not found` }])
    const start = url.searchParams.get('start_date')
    const end = url.searchParams.get('end_date')
    if (!start || !end || Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end))) {
      return json(res, 400, [{ code: 400, description: 'start_date and end_date must be W3C datetimes' }])
    }
    const [s, e] = [Date.parse(start), Date.parse(end)]
    if (e - s > 90 * 86_400_000) return json(res, 400, [{ code: 400, description: 'date range exceeds 90 days' }])
    const hits = sorted.filter((r) => {
      const t = Date.parse(r.requested_datetime)
      return t >= s && t <= e
    })
    const out = hits.slice(0, cap)
    calls.push({ start, end, returned: out.length })
    json(res, 200, out)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/open311/v2`,
    calls,
    requests,
    failNext: (times, status, body) => {
      failures = { times, status, body }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A request as a GeoReport server writes it. */
export function request(id: string, at: number, extra: Partial<TestRequest> = {}): TestRequest {
  return {
    service_request_id: id,
    status: 'open',
    service_name: 'Jalan dan Jembatan',
    service_code: 'jalan',
    description: `Jalan berlubang di depan rumah nomor ${id}`,
    agency_responsible: 'Dinas Pekerjaan Umum dan Tata Ruang',
    requested_datetime: new Date(at).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    updated_datetime: new Date(at).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    address: 'Jl. Yos Sudarso',
    lat: 0.51,
    long: 117.6,
    ...extra,
  }
}

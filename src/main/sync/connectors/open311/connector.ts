// The Open311 GeoReport v2 connector: services.json for the connection test, requests.json walked through
// history (windows.ts), each window's requests handed to the engine as one page together with the cursor that
// page completes. Network and retries are the engine's (http.ts via open311Get); this module only speaks GeoReport.
import type { Db } from '#main/store/open.ts'
import type { Connector, Page } from '#main/sync/connector.ts'
import { registerConnector } from '#main/sync/connector.ts'
import type { IngestItem } from '#main/sync/ingest.ts'
import { configOf, type SourceRow } from '#main/sync/sources.ts'
import { open311ConfigSchema, open311CursorSchema, type Open311Config, type Open311Cursor } from './config.ts'
import { Open311Error, open311Get, type GetJson } from './http.ts'
import { mapServiceRequest, type Open311Refs } from './map.ts'
import { open311Refs } from './refs.ts'
import { Vocabulary } from '#main/sync/vocabulary.ts'
import { DAY_MS, walkWindows, w3c, type Window } from './windows.ts'

export type Open311Service = { service_code: string; service_name: string; group?: string }

function endpoint(cfg: Open311Config, resource: string, params: Record<string, string> = {}): URL {
  const url = new URL(resource, cfg.baseUrl.endsWith('/') ? cfg.baseUrl : cfg.baseUrl + '/')
  if (cfg.jurisdictionId) url.searchParams.set('jurisdiction_id', cfg.jurisdictionId)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return url
}

/** services.json: the service list a mapping is made from (and proof the server answers). */
export async function fetchServices(cfg: Open311Config, getJson: GetJson): Promise<Open311Service[]> {
  const body = await getJson(endpoint(cfg, 'services.json'))
  if (!Array.isArray(body)) throw new Open311Error('Open311 services.json: jawaban bukan daftar layanan', 200, [])
  return body
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && 'service_code' in s)
    .map((s) => ({ service_code: String(s.service_code), service_name: String(s.service_name ?? s.service_code), ...(typeof s.group === 'string' ? { group: s.group } : {}) }))
}

/** One window of requests.json. */
async function fetchRequests(cfg: Open311Config, getJson: GetJson, w: Window): Promise<unknown[]> {
  const body = await getJson(endpoint(cfg, 'requests.json', { start_date: w3c(w.start), end_date: w3c(w.end) }))
  if (Array.isArray(body)) return body
  // Some servers wrap the list ({service_requests: [...]}, as in the XML flavour's root element).
  const wrapped = body && typeof body === 'object' && 'service_requests' in body ? (body as { service_requests: unknown }).service_requests : null
  if (Array.isArray(wrapped)) return wrapped
  throw new Open311Error(`Open311 requests.json ${w3c(w.start)}–${w3c(w.end)}: jawaban bukan daftar permintaan`, 200, [])
}

/** Where a run starts: history from `since` on the first run, then the last `lookbackDays` again. */
export function startOf(cfg: Open311Config, cursor: Open311Cursor | null, now: number): number {
  const since = Date.parse(`${cfg.since}T00:00:00Z`)
  if (!cursor) return since
  return Math.max(since, Math.min(cursor.walkedUntil, now - cfg.lookbackDays * DAY_MS))
}

function parseCursor(cursor: string | null): Open311Cursor | null {
  if (!cursor) return null
  try {
    const c = open311CursorSchema.safeParse(JSON.parse(cursor))
    return c.success ? c.data : null
  } catch {
    return null
  }
}

/** The pages of one run, oldest window first. */
export async function* pullOpen311(cfg: Open311Config, cursor: string | null, getJson: GetJson, refs: Open311Refs, now = Date.now(), vocab?: Vocabulary): AsyncGenerator<Page> {
  const prev = parseCursor(cursor)
  let walkedUntil = prev?.walkedUntil ?? 0
  const windows = walkWindows((w) => fetchRequests(cfg, getJson, w), startOf(cfg, prev, now), now, { windowDays: cfg.windowDays, cap: cfg.maxResults })
  for await (const page of windows) {
    const where = `${w3c(page.window.start)}–${w3c(page.window.end)}`
    const items: IngestItem[] = page.requests.map((raw, i) => mapServiceRequest(raw, cfg, refs, `jendela ${where}, #${i + 1}`, vocab))
    if (page.isTruncated) {
      // Not a bad record but a gap the standard leaves no way around: shown in the quarantine so it is seen.
      items.push({
        error: `Open311: lebih dari ${cfg.maxResults} permintaan dalam satu detik (${where}); jendela tidak dapat dibagi lagi, sebagian mungkin tidak terbaca`,
        raw: { start_date: w3c(page.window.start), end_date: w3c(page.window.end), returned: page.requests.length },
        ref: `jendela ${where}`,
      })
    }
    walkedUntil = Math.max(walkedUntil, page.window.end)
    yield { items, cursor: JSON.stringify({ walkedUntil }) }
  }
}

export function open311Connector(db: Db, source: SourceRow): Connector {
  const cfg = configOf(source, open311ConfigSchema)
  return {
    async test(ctx) {
      const services = await fetchServices(cfg, open311Get(ctx))
      const refs = open311Refs(db, source.kabupaten_kode, cfg)
      const unmapped = services.filter((s) => refs.category(s.service_code, s.service_name) === null).map((s) => s.service_code)
      return `Tersambung: ${services.length} layanan Open311` + (unmapped.length ? `; belum dipetakan ke kategori: ${unmapped.join(', ')}` : '; semua dipetakan ke kategori')
    },
    pages(cursor, ctx) {
      // Built per run: units and categories may have changed since the last one.
      return pullOpen311(cfg, cursor, open311Get(ctx), open311Refs(db, source.kabupaten_kode, cfg), Date.now(), Vocabulary.load(db))
    },
  }
}

registerConnector('open311', open311Connector)

// The Open311 GeoReport v2 connector: reads services.json (for the mapping screen and the connection test) and
// walks requests.json through history (windows.ts), handing each window's requests, mapped, to the engine as one
// page together with the cursor that page completes. Retries are the engine's: `getJson` is whatever GET the
// engine passes in (with its backoff); this module only talks GeoReport.
import type { IngestItem } from '../../ingest.ts'
import { open311ConfigSchema, open311CursorSchema, type Open311Config, type Open311Cursor } from './config.ts'
import { Open311Error, type GetJson } from './http.ts'
import { mapServiceRequest, type Open311Refs } from './map.ts'
import { DAY_MS, walkWindows, w3c, type Window } from './windows.ts'

export type Open311Service = { service_code: string; service_name: string; description?: string; group?: string; keywords?: string; type?: string }

export type Open311Page = {
  items: IngestItem[]
  /** Commit with the page's data. */
  cursor: string
  window: Window
  isTruncated: boolean
  depth: number
  /** requests.json calls made for this page (splits included). */
  calls: number
}

function endpoint(cfg: Open311Config, resource: string, params: Record<string, string> = {}): URL {
  const url = new URL(resource, cfg.baseUrl.endsWith('/') ? cfg.baseUrl : cfg.baseUrl + '/')
  if (cfg.jurisdictionId) url.searchParams.set('jurisdiction_id', cfg.jurisdictionId)
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
  return url
}

export function parseOpen311Config(config: unknown): Open311Config {
  return open311ConfigSchema.parse(config)
}

/** services.json, validated: the service list a mapping is made from (and proof the server answers). */
export async function fetchServices(cfg: Open311Config, getJson: GetJson, signal?: AbortSignal): Promise<Open311Service[]> {
  const body = await getJson(endpoint(cfg, 'services.json'), signal)
  if (!Array.isArray(body)) throw new Open311Error('Open311 services.json: jawaban bukan daftar layanan', 200, [], false)
  return body
    .filter((s): s is Record<string, unknown> => !!s && typeof s === 'object' && 'service_code' in s)
    .map((s) => ({
      service_code: String(s.service_code),
      service_name: String(s.service_name ?? s.service_code),
      description: typeof s.description === 'string' ? s.description : undefined,
      group: typeof s.group === 'string' ? s.group : undefined,
      keywords: typeof s.keywords === 'string' ? s.keywords : undefined,
      type: typeof s.type === 'string' ? s.type : undefined,
    }))
}

/** One window of requests.json. */
export async function fetchRequests(cfg: Open311Config, getJson: GetJson, w: Window, signal?: AbortSignal): Promise<unknown[]> {
  const body = await getJson(endpoint(cfg, 'requests.json', { start_date: w3c(w.start), end_date: w3c(w.end) }), signal)
  if (!Array.isArray(body)) {
    // Some servers wrap the list ({service_requests: [...]}, as in the XML flavour's root element).
    const wrapped = body && typeof body === 'object' && 'service_requests' in body ? (body as { service_requests: unknown }).service_requests : null
    if (Array.isArray(wrapped)) return wrapped
    throw new Open311Error(`Open311 requests.json ${w3c(w.start)}–${w3c(w.end)}: jawaban bukan daftar permintaan`, 200, [], true)
  }
  return body
}

/** Where this run starts: history from `since` on the first run, then the last `lookbackDays` again. */
export function startOf(cfg: Open311Config, cursor: Open311Cursor | null, now: number): number {
  const since = Date.parse(`${cfg.since}T00:00:00Z`)
  if (!cursor) return since
  return Math.max(since, Math.min(cursor.walkedUntil, now - cfg.lookbackDays * DAY_MS))
}

export function parseCursor(cursor: string | null): Open311Cursor | null {
  if (!cursor) return null
  try {
    const c = open311CursorSchema.safeParse(JSON.parse(cursor))
    return c.success ? c.data : null
  } catch {
    return null
  }
}

export type PullOptions = { cursor: string | null; getJson: GetJson; refs: Open311Refs; now?: number; signal?: AbortSignal }

/** The pages of one run, oldest window first. */
export async function* pullOpen311(cfg: Open311Config, opts: PullOptions): AsyncGenerator<Open311Page> {
  const now = opts.now ?? Date.now()
  const prev = parseCursor(opts.cursor)
  let walkedUntil = prev?.walkedUntil ?? 0
  let calls = 0
  const fetchWindow = (w: Window) => {
    calls++
    return fetchRequests(cfg, opts.getJson, w, opts.signal)
  }
  for await (const page of walkWindows(fetchWindow, startOf(cfg, prev, now), now, { windowDays: cfg.windowDays, cap: cfg.maxResults })) {
    const where = `${w3c(page.window.start)}–${w3c(page.window.end)}`
    const items = page.requests.map((raw, i) => mapServiceRequest(raw, cfg, opts.refs, `jendela ${where}, #${i + 1}`))
    walkedUntil = Math.max(walkedUntil, page.window.end)
    yield { items, cursor: JSON.stringify({ walkedUntil }), window: page.window, isTruncated: page.isTruncated, depth: page.depth, calls }
    calls = 0
  }
}

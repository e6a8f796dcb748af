// GET of a GeoReport v2 resource through the engine's HTTP (sync/http.ts: time limit, retries with backoff on
// network trouble, 5xx, 429 and cut-off bodies). What comes back as a 4xx is the server's verdict and is not
// retried: the standard words it as a JSON array of {code, description}, which becomes an Open311Error that
// repeats the server's own words.
import type { PullContext } from '#main/sync/connector.ts'
import { requestJson } from '#main/sync/http.ts'

export type Open311ErrorBody = { code: number | string; description: string }[]

export class Open311Error extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: Open311ErrorBody,
  ) {
    super(message)
    this.name = 'Open311Error'
  }
}

/** The standard's error body, or null when the body is something else. */
export function parseErrorBody(body: unknown): Open311ErrorBody | null {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && 'errors' in body ? (body as { errors: unknown }).errors : null
  if (!Array.isArray(list) || list.length === 0) return null
  const out: Open311ErrorBody = []
  for (const e of list) {
    // Exactly {code, description}: a service request also has a description, and must not read as an error.
    if (!e || typeof e !== 'object' || !('description' in e) || Object.keys(e).some((k) => k !== 'code' && k !== 'description')) return null
    const { code, description } = e as { code?: unknown; description?: unknown }
    out.push({ code: typeof code === 'number' || typeof code === 'string' ? code : '?', description: String(description) })
  }
  return out
}

export type GetJson = (url: URL) => Promise<unknown>

/** A GET bound to one run's signal and retry policy. */
export function open311Get(ctx: PullContext): GetJson {
  return async (url) => {
    const res = await requestJson(url.toString(), { signal: ctx.signal, policy: ctx.policy, onRetry: ctx.onRetry })
    const errors = parseErrorBody(res.body)
    // Some servers answer 200 with the error array.
    if (res.status >= 400 || errors) {
      const detail = errors ? errors.map((e) => `${e.code}: ${e.description}`).join('; ') : typeof res.body === 'string' ? res.body.slice(0, 200).replace(/\s+/g, ' ') : ''
      throw new Open311Error(`Open311 ${url.pathname}: server menjawab ${res.status}${detail ? ` — ${detail}` : ''}`, res.status, errors ?? [])
    }
    return res.body
  }
}

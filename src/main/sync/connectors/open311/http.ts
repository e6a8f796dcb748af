// GET of a GeoReport v2 resource. The standard answers errors with a JSON array of {code, description} (and
// an HTTP status); servers also send HTML error pages or nothing. Either way the caller gets an Open311Error
// that says what the server said, and whether trying again can help (5xx, 429, network) or not (4xx).

export type Open311ErrorBody = { code: number | string; description: string }[]

export class Open311Error extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly errors: Open311ErrorBody,
    /** Worth retrying: the server or the network may recover; a 4xx answer will not change by itself. */
    readonly isRetryable: boolean,
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

function describe(errors: Open311ErrorBody): string {
  return errors.map((e) => `${e.code}: ${e.description}`).join('; ')
}

export type GetJson = (url: URL, signal?: AbortSignal) => Promise<unknown>

/** fetch-based GET of a JSON resource with a timeout; errors as Open311Error. */
export function httpGetJson(timeoutMs = 30_000): GetJson {
  return async (url, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    let res: Response
    try {
      res = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout })
    } catch (err) {
      if (signal?.aborted) throw err
      const why = timeout.aborted ? `tidak ada jawaban dalam ${timeoutMs / 1000} detik` : err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)
      throw new Open311Error(`Open311 ${url.pathname}: ${why}`, null, [], true)
    }
    let text: string
    try {
      text = await res.text()
    } catch (err) {
      throw new Open311Error(`Open311 ${url.pathname}: jawaban terputus (${err instanceof Error ? err.message : String(err)})`, res.status, [], true)
    }
    let body: unknown
    try {
      body = text === '' ? null : JSON.parse(text)
    } catch {
      body = undefined
    }
    const retryable = res.status >= 500 || res.status === 429 || res.status === 408
    const errors = parseErrorBody(body)
    if (!res.ok) {
      const detail = errors ? describe(errors) : `${text.slice(0, 200).replace(/\s+/g, ' ')}`
      throw new Open311Error(`Open311 ${url.pathname}: HTTP ${res.status}${detail ? ` — ${detail}` : ''}`, res.status, errors ?? [], retryable)
    }
    if (body === undefined) {
      // A 200 with a cut-off or non-JSON body: a proxy or an overloaded server, worth another try.
      throw new Open311Error(`Open311 ${url.pathname}: jawaban bukan JSON yang utuh (${text.length} bita)`, res.status, [], true)
    }
    // Some servers answer 200 with an error array.
    if (errors && Array.isArray(body)) throw new Open311Error(`Open311 ${url.pathname}: ${describe(errors)}`, res.status, errors, false)
    return body
  }
}

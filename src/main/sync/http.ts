// HTTP for connectors: a time limit on every request, retries with exponential backoff and jitter on what is
// worth retrying (network errors, time-outs, 5xx, 429, a body cut off mid-JSON), Retry-After honoured, and one
// clear error in the user's terms when the retries run out. Anything else (400, 401, 404, 409, 422) is returned
// to the connector, which knows what it means. Secrets never appear in an error: URLs are shown without query.

export type RetryPolicy = {
  /** Attempts after the first. */
  retries: number
  baseMs: number
  maxMs: number
  /** Time limit of one request, including reading the body. */
  timeoutMs: number
}

export const DEFAULT_POLICY: RetryPolicy = { retries: 5, baseMs: 500, maxMs: 30_000, timeoutMs: 30_000 }

export type RetryInfo = { attempt: number; delayMs: number; reason: string }

export type UpstreamErrorKind = 'network' | 'timeout' | 'http' | 'body' | 'aborted'

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly kind: UpstreamErrorKind,
    readonly status: number | null = null,
  ) {
    super(message)
    this.name = 'UpstreamError'
  }
}

export type JsonResponse = { status: number; body: unknown; headers: Headers }

type Attempt = { ok: true; res: JsonResponse } | { ok: false; reason: string; kind: UpstreamErrorKind; status: number | null; retryAfterMs: number | null }

const where = (url: string) => {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}

async function attempt(url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Attempt> {
  const timeout = AbortSignal.timeout(timeoutMs)
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
  let res: Response
  let text: string
  try {
    res = await fetch(url, { ...init, signal: combined })
    text = await res.text()
  } catch (e) {
    if (signal?.aborted) throw new UpstreamError('sinkronisasi dibatalkan', 'aborted')
    if (timeout.aborted) return { ok: false, reason: `tidak ada jawaban dalam ${Math.round(timeoutMs / 1000)} detik`, kind: 'timeout', status: null, retryAfterMs: null }
    const cause = (e as { cause?: { code?: string; message?: string } }).cause
    return { ok: false, reason: `jaringan: ${cause?.code ?? cause?.message ?? (e as Error).message}`, kind: 'network', status: null, retryAfterMs: null }
  }
  const retryAfter = Number(res.headers.get('retry-after'))
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null
  if (res.status >= 500 || res.status === 429) {
    return { ok: false, reason: `hulu menjawab ${res.status}${errorMessage(text)}`, kind: 'http', status: res.status, retryAfterMs }
  }
  let body: unknown = null
  if (text.length > 0) {
    try {
      body = JSON.parse(text)
    } catch {
      // A 2xx with a broken body is a page cut off on the way (proxy, dropped connection): worth another try.
      if (res.ok) return { ok: false, reason: `jawaban terpotong atau bukan JSON (${text.length} byte)`, kind: 'body', status: res.status, retryAfterMs: null }
      body = text
    }
  }
  return { ok: true, res: { status: res.status, body, headers: res.headers } }
}

function errorMessage(text: string): string {
  try {
    const b = JSON.parse(text) as { error?: { message?: string } } | { description?: string }[]
    const m = Array.isArray(b) ? b[0]?.description : b.error?.message
    return m ? `: ${String(m).slice(0, 200)}` : ''
  } catch {
    return ''
  }
}

export type RequestOptions = {
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  json?: unknown
  signal?: AbortSignal
  policy?: RetryPolicy
  onRetry?: (info: RetryInfo) => void
  /** For tests: waits without a real clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

export async function requestJson(url: string, opts: RequestOptions = {}): Promise<JsonResponse> {
  const policy = opts.policy ?? DEFAULT_POLICY
  const sleep = opts.sleep ?? delay
  const init: RequestInit = {
    method: opts.method ?? 'GET',
    headers: { Accept: 'application/json', ...(opts.json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
    body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
  }
  for (let n = 0; ; n++) {
    const a = await attempt(url, init, policy.timeoutMs, opts.signal)
    if (a.ok) return a.res
    if (n >= policy.retries) {
      throw new UpstreamError(`${where(url)}: ${a.reason} (setelah ${n + 1} percobaan)`, a.kind, a.status)
    }
    const backoff = Math.min(policy.maxMs, policy.baseMs * 2 ** n)
    const delayMs = Math.max(a.retryAfterMs ?? 0, Math.round(backoff / 2 + Math.random() * (backoff / 2)))
    opts.onRetry?.({ attempt: n + 1, delayMs, reason: a.reason })
    await sleep(delayMs, opts.signal)
    if (opts.signal?.aborted) throw new UpstreamError('sinkronisasi dibatalkan', 'aborted')
  }
}

export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

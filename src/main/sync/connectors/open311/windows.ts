// Walking an Open311 server's history. GeoReport v2 has no paging: requests.json takes start_date/end_date
// (at most 90 days apart) and returns at most 1,000 requests (the usual server cap). So history is read window by
// window, oldest first, and a window that comes back full is split in two and read again, until every window
// holds fewer requests than the cap. The windows meet end to start; a request exactly on a boundary may be read
// twice, which ingest makes harmless.

export type Window = { start: number; end: number }
export type WindowPage = {
  window: Window
  requests: unknown[]
  /** Still at the cap when the window could not be split further: some requests of that second may be missing. */
  isTruncated: boolean
  /** How many times this part of history was split before it fit. */
  depth: number
}

export const DAY_MS = 86_400_000
export const MAX_WINDOW_DAYS = 90

/** Open311 wants W3C datetimes; some servers reject fractional seconds, so none are sent. */
export function w3c(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export type WalkOptions = {
  windowDays: number
  cap: number
  /** Smallest window worth splitting (default one second, the resolution of the dates we send). */
  minWindowMs?: number
}

/** Consecutive windows of at most `windowDays` covering [from, to]. */
export function planWindows(from: number, to: number, windowDays: number): Window[] {
  const days = Math.min(MAX_WINDOW_DAYS, Math.max(1, windowDays))
  const out: Window[] = []
  for (let start = from; start < to; start += days * DAY_MS) out.push({ start, end: Math.min(to, start + days * DAY_MS) })
  return out
}

/** Reads [from, to] window by window in time order, splitting full windows; yields each window once it fits. */
export async function* walkWindows(fetchWindow: (w: Window) => Promise<unknown[]>, from: number, to: number, opts: WalkOptions): AsyncGenerator<WindowPage> {
  const minWindow = opts.minWindowMs ?? 1000
  const queue: { window: Window; depth: number }[] = planWindows(from, to, opts.windowDays).map((window) => ({ window, depth: 0 }))
  while (queue.length) {
    const { window, depth } = queue.shift()!
    const requests = await fetchWindow(window)
    const isFull = requests.length >= opts.cap
    const width = window.end - window.start
    if (isFull && width > minWindow) {
      // Halves on whole seconds; the earlier half first, so the walk (and the cursor) stays in time order.
      const mid = window.start + Math.max(minWindow, Math.floor(width / 2 / 1000) * 1000)
      queue.unshift({ window: { start: window.start, end: mid }, depth: depth + 1 }, { window: { start: mid, end: window.end }, depth: depth + 1 })
      continue
    }
    yield { window, requests, isTruncated: isFull, depth }
  }
}

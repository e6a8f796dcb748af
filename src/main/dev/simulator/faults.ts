// Fault injection: what a real upstream does on a bad day, on request. A fault is armed through the admin
// endpoint (the next N data requests, or each with a probability) or given per request with ?fault=kind.
// 'data' requests are the record listings (lapor-json complaints, Open311 requests.json): the ones a sync pages.

export const FAULT_KINDS = ['500', '503', '429', 'timeout', 'slow', 'truncate', 'malformed', 'duplicate', 'changed'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]
export type FaultScope = 'data' | 'any'

type Armed = { kind: FaultKind; remaining: number; scope: FaultScope; probability: number | null }

export class Faults {
  private armed: Armed[] = []
  /** How long a 'slow' response waits. */
  slowMs = 1500

  arm(kind: FaultKind, opts: { count?: number; scope?: FaultScope; probability?: number | null } = {}): void {
    this.armed.push({ kind, remaining: opts.count ?? 1, scope: opts.scope ?? 'data', probability: opts.probability ?? null })
  }

  clear(): void {
    this.armed = []
  }

  list(): Armed[] {
    return this.armed.map((a) => ({ ...a }))
  }

  /** The fault this request gets, if any: ?fault= wins, then the first armed fault whose scope matches. */
  take(isData: boolean, query: URLSearchParams, random: () => number = Math.random): FaultKind | null {
    const asked = query.get('fault')
    if (asked && (FAULT_KINDS as readonly string[]).includes(asked)) return asked as FaultKind
    for (const a of this.armed) {
      if (a.scope === 'data' && !isData) continue
      if (a.probability !== null) {
        if (random() < a.probability) return a.kind
        continue
      }
      a.remaining--
      if (a.remaining <= 0) this.armed.splice(this.armed.indexOf(a), 1)
      return a.kind
    }
    return null
  }
}

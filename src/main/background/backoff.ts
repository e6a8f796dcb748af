// Exponential back-off for background loops: after a failure the next attempt waits 1 s, then 2 s, 4 s … up to
// 5 minutes, so a persistent error (disk full, a damaged page) costs a few attempts an hour instead of a core.
// The error is logged when it first appears or changes, and once when the work recovers; never on every attempt.
import type { Db } from '../store/open.ts'
import { reportFailure, reportOk } from './status.ts'
import { problemKind, problemMessage } from '../store/health.ts'

export type BackoffOptions = { baseMs?: number; maxMs?: number; log?: (line: string) => void }

export const BACKOFF_BASE_MS = 1_000
export const BACKOFF_MAX_MS = 5 * 60_000

export class Backoff {
  private failures = 0
  private lastMessage: string | null = null
  private readonly baseMs: number
  private readonly maxMs: number
  private readonly log: (line: string) => void

  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly label: string,
    opts: BackoffOptions = {},
  ) {
    this.baseMs = opts.baseMs ?? BACKOFF_BASE_MS
    this.maxMs = opts.maxMs ?? BACKOFF_MAX_MS
    this.log = opts.log ?? ((l) => console.error(l))
  }

  get failing(): boolean {
    return this.failures > 0
  }

  /** The work succeeded: the next run comes on the normal schedule. */
  ok(): void {
    if (this.failures > 0) this.log(`${this.label}: berjalan lagi setelah ${this.failures} kali gagal`)
    this.failures = 0
    this.lastMessage = null
    reportOk(this.db, this.name, this.label)
  }

  /** The work failed: records it and returns how long to wait before the next attempt. */
  failed(err: unknown): number {
    this.failures++
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(30, this.failures - 1))
    const kind = problemKind(err)
    const message = kind ? problemMessage(kind, this.db.name) : err instanceof Error ? err.message : String(err)
    if (message !== this.lastMessage) this.log(`${this.label} gagal: ${message} (dicoba lagi dengan jeda bertambah, paling lama ${Math.round(this.maxMs / 60_000)} menit)`)
    this.lastMessage = message
    reportFailure(this.db, this.name, this.label, message, Date.now() + delay)
    return delay
  }
}

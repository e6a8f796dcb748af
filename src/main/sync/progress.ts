// Progress of sync runs as they go: counts, rate, retries, the last problem. The engine reports here; the CLI
// prints it and the Sinkronisasi screen gets it through a tRPC subscription.
import { EventEmitter, on } from 'node:events'
import type { RunCounts, RunStatus } from './runs.ts'

export type SyncPhase = 'connect' | 'references' | 'push' | 'pull' | 'rebuild' | 'done'

export type SyncProgress = {
  sourceId: number
  source: string
  kabupaten: string
  runId: number
  status: RunStatus
  phase: SyncPhase
  /** Records still upstream after what was fetched, when the source says. */
  remaining: number | null
  /** Records fetched per second since the run started. */
  ratePerSec: number
  startedAt: number
  at: number
  /** The last retry reason while running; the error when failed. */
  message: string | null
} & RunCounts

export class SyncMonitor {
  private readonly emitter = new EventEmitter()
  /** Latest progress per source, so a screen opened mid-run shows it at once. */
  readonly latest = new Map<number, SyncProgress>()

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  report(p: SyncProgress): void {
    this.latest.set(p.sourceId, p)
    this.emitter.emit('progress', p)
  }

  async *updates(signal?: AbortSignal): AsyncGenerator<SyncProgress> {
    for await (const [p] of on(this.emitter, 'progress', { signal })) yield p as SyncProgress
  }
}

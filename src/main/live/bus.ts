// The change bus: writers announce what changed, subscriptions push it to every open screen.
import { EventEmitter, on } from 'node:events'

export type Change = { kabupaten: string; kind: 'complaints' | 'reference' | 'sync'; at: number; count: number }

export type ChangeBus = {
  emit(change: Change): void
  /** Async iterator of changes until the signal aborts (what a tRPC subscription yields). */
  changes(signal?: AbortSignal): AsyncGenerator<Change>
}

export function createChangeBus(): ChangeBus {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0) // one listener per open window or wall screen
  return {
    emit: (change) => emitter.emit('change', change),
    async *changes(signal) {
      for await (const [change] of on(emitter, 'change', { signal })) yield change as Change
    },
  }
}

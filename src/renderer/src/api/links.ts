// The one place that decides how the renderer reaches the API, at run time: inside the Electron shell the
// preload exposes `window.electronTRPC` (trpc-electron) and every call goes over IPC; in any browser (serve
// mode, wall screens, tests) queries go over HTTP and the live subscription over a WebSocket on the same origin.
import { createWSClient, httpBatchLink, splitLink, wsLink, type TRPCLink } from '@trpc/client'
import { MAX_BATCH_CALLS } from '#shared/domain.ts'
import { ipcLink } from 'trpc-electron/renderer'
import type { AppRouter } from '#main/app/api/router.ts'

/** Where the live channel stands: 'open' or not, and whether it was lost (as opposed to still starting). */
export type Connection = { isOpen: boolean; isLost: boolean }

export type Transport = {
  links: TRPCLink<AppRouter>[]
  /** Current live-channel state and a way to hear about changes (for the "connection lost" banner). */
  connection: { get(): Connection; subscribe(onChange: () => void): () => void }
}

const ALWAYS_OPEN = { get: () => ({ isOpen: true, isLost: false }), subscribe: () => () => {} }

export function createTransport(): Transport {
  if ('electronTRPC' in window) return { links: [ipcLink<AppRouter>()], connection: ALWAYS_OPEN }

  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/trpc-ws`
  const wsClient = createWSClient({
    url: wsUrl,
    // A wall screen must come back by itself after a server restart or a network blip: retry forever,
    // quickly at first, then every 10 s.
    retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
    keepAlive: { enabled: true, intervalMs: 10_000, pongTimeoutMs: 5_000 },
  })
  let current: Connection = { isOpen: false, isLost: false }
  const listeners = new Set<() => void>()
  wsClient.connectionState.subscribe({
    next(state) {
      const next = { isOpen: state.state === 'pending', isLost: state.state === 'connecting' && state.error !== null }
      if (next.isOpen === current.isOpen && next.isLost === current.isLost) return
      current = next
      for (const listener of listeners) listener()
    },
  })
  const connection = {
    get: () => current,
    subscribe(onChange: () => void) {
      listeners.add(onChange)
      return () => void listeners.delete(onChange)
    },
  }
  return {
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink<AppRouter>({ client: wsClient }),
        false: httpBatchLink({ url: '/trpc', maxItems: MAX_BATCH_CALLS }),
      }),
    ],
    connection,
  }
}

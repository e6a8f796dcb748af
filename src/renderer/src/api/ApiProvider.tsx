// Wires the chosen transport into tRPC and TanStack Query for the whole app.
import { useState, type ReactNode } from 'react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createTRPCClient } from '@trpc/client'
import type { AppRouter } from '#main/app/api/router.ts'
import { TRPCProvider } from './trpc.ts'
import { createTransport, type Transport } from './links.ts'
import { isRetryable } from './errors.ts'
import { ConnectionContext } from './connection.ts'

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The store only changes when the live channel says so; refetching on every focus would only add load.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // A wall screen keeps trying while the server is away; a refused request is shown at once.
        retry: (failures, error) => isRetryable(error) && failures < 1_000,
        retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 15_000),
        // Safety net for a writer that forgets to announce its change on the bus: a wall is never more than
        // a few minutes behind the store.
        refetchInterval: 5 * 60_000,
      },
    },
  })
}

// One transport per page, made on first use: React's development mode runs state initialisers twice, and a
// second WebSocket client would keep reconnecting on its own.
let transport: Transport | null = null

export function ApiProvider({ children }: { children: ReactNode }) {
  const { links, connection } = (transport ??= createTransport())
  const [queryClient] = useState(createQueryClient)
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links }))
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ConnectionContext value={connection}>{children}</ConnectionContext>
      </TRPCProvider>
    </QueryClientProvider>
  )
}

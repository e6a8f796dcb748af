// What went wrong with an API call, in the terms a banner needs: which message to show and whether
// retrying can help (a lost connection heals itself; FORBIDDEN does not).
import { TRPCClientError } from '@trpc/client'

export type ApiProblem = { kind: 'connection' | 'forbidden' | 'unauthorized' | 'notFound' | 'badRequest' | 'server'; detail: string }

export function describeError(error: unknown): ApiProblem {
  const detail = error instanceof Error ? error.message : String(error)
  // Errors from the IPC link are a copy of TRPCClientError, so test the shape rather than the class.
  const code = (error as { data?: { code?: string } } | null)?.data?.code
  switch (code) {
    case 'FORBIDDEN':
      return { kind: 'forbidden', detail }
    case 'UNAUTHORIZED':
      return { kind: 'unauthorized', detail }
    case 'NOT_FOUND':
      return { kind: 'notFound', detail }
    case 'BAD_REQUEST':
    case 'PARSE_ERROR':
      return { kind: 'badRequest', detail }
    case undefined:
      // No tRPC error shape at all: the request never got an answer (server down, network gone).
      return { kind: error instanceof TRPCClientError || error instanceof TypeError ? 'connection' : 'server', detail }
    default:
      return { kind: 'server', detail }
  }
}

export function isRetryable(error: unknown): boolean {
  const kind = describeError(error).kind
  return kind === 'connection' || kind === 'server'
}

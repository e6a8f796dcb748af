// The claim lock of the open complaint: opening a complaint for action claims it, so nobody else acts on it at
// the same time; the claim is renewed while it stays open and released when the user moves on. A claim held by
// someone else is refused by the server (CONFLICT) and the pane shows who holds it; a supervisor may take it over.
// A tab closed without moving on leaves its claim to expire by itself (30 minutes, claims.ts).
import { useCallback, useEffect, useRef, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '#renderer/api/trpc.ts'

/** Renew well before the server's 30-minute expiry. */
const RENEW_MS = 10 * 60_000

export type ClaimState = {
  /** The last claim attempt's error (CONFLICT while someone else holds it, or a refusal). */
  error: unknown
  takeover(): void
  isTakingOver: boolean
}

export function useClaim(id: number | undefined, canClaim: boolean): ClaimState {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const claimMutation = useMutation(trpc.complaints.claim.mutationOptions())
  const releaseMutation = useMutation(trpc.complaints.release.mutationOptions())
  // The mutate functions are stable per hook, but effects should not restart when their state changes.
  const claimRef = useRef(claimMutation.mutateAsync)
  const releaseRef = useRef(releaseMutation.mutate)
  claimRef.current = claimMutation.mutateAsync
  releaseRef.current = releaseMutation.mutate

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.complaints.detail.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.complaints.queue.pathKey() })
  }, [queryClient, trpc])

  const attempt = useCallback(
    (claimId: number, takeover: boolean) =>
      claimRef.current({ id: claimId, takeover }).then(
        () => setError(null),
        (e: unknown) => setError(e),
      ).finally(refresh),
    [refresh],
  )

  useEffect(() => {
    setError(null)
    if (id === undefined || !canClaim) return
    void attempt(id, false)
    const timer = window.setInterval(() => void attempt(id, false), RENEW_MS)
    return () => {
      window.clearInterval(timer)
      releaseRef.current({ id }, { onSettled: refresh })
    }
  }, [id, canClaim, attempt, refresh])

  return {
    error,
    takeover: () => {
      if (id !== undefined) void attempt(id, true)
    },
    isTakingOver: claimMutation.isPending && claimMutation.variables?.takeover === true,
  }
}

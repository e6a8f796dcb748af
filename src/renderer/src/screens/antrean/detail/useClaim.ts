// The claim lock of the open complaint. Claiming is explicit: the "Ambil" button (or a supervisor's take-over),
// never the mere opening of a complaint, so browsing a queue locks nobody out. While the user's own claim is open
// on screen it is renewed; "Lepas" or moving on (closing the pane, opening another case) gives it back, and one
// left by a closed tab expires by itself (30 minutes, claims.ts).
// Someone else's claim comes back as an answer ({ ok: false, heldBy }), not as a refused request, so the pane says
// who holds it and the browser logs no error.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTRPC } from '#renderer/api/trpc.ts'

/** Renew well before the server's 30-minute expiry. */
const RENEW_MS = 10 * 60_000

export type ClaimState = {
  /** Who holds it, when the last attempt found someone else there first. */
  conflict: string | null
  /** The last attempt's error (a refusal such as FORBIDDEN, a lost connection). */
  error: unknown
  take(): void
  takeover(): void
  release(): void
  isPending: boolean
  isTakingOver: boolean
}

export function useClaim(id: number, isMine: boolean): ClaimState {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [error, setError] = useState<unknown>(null)
  const [conflict, setConflict] = useState<string | null>(null)
  const claimMutation = useMutation(trpc.complaints.claim.mutationOptions())
  const releaseMutation = useMutation(trpc.complaints.release.mutationOptions())
  const claimRef = useRef(claimMutation.mutateAsync)
  claimRef.current = claimMutation.mutateAsync

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.complaints.detail.pathKey() })
    void queryClient.invalidateQueries({ queryKey: trpc.complaints.queue.pathKey() })
  }, [queryClient, trpc])

  const attempt = useCallback(
    (takeover: boolean) =>
      claimRef
        .current({ id, takeover })
        .then(
          (answer) => {
            setError(null)
            setConflict(answer.ok ? null : answer.heldBy)
          },
          (e: unknown) => setError(e),
        )
        .finally(refresh),
    [id, refresh],
  )

  // The user's own claim is kept alive while the complaint is open on screen.
  useEffect(() => {
    if (!isMine) return
    const timer = window.setInterval(() => void attempt(false), RENEW_MS)
    return () => window.clearInterval(timer)
  }, [isMine, attempt])

  // Moving on gives one's own claim back (the pane unmounts per complaint).
  const isMineRef = useRef(isMine)
  isMineRef.current = isMine
  const releaseRef = useRef(releaseMutation.mutate)
  releaseRef.current = releaseMutation.mutate
  useEffect(
    () => () => {
      if (isMineRef.current) releaseRef.current({ id }, { onSettled: refresh })
    },
    [id, refresh],
  )

  return {
    conflict,
    error,
    take: () => void attempt(false),
    takeover: () => void attempt(true),
    release: () => releaseMutation.mutate({ id }, { onSettled: refresh, onSuccess: () => setConflict(null) }),
    isPending: claimMutation.isPending || releaseMutation.isPending,
    isTakingOver: claimMutation.isPending && claimMutation.variables?.takeover === true,
  }
}

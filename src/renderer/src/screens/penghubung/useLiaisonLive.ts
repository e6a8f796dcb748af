// The inbox stays current: liaison.changes tells that something changed in the liaison's kabupaten (only when, not
// what), and every liaison query is refetched. A return the supervisor rejected comes back without a reload.
import { useCallback } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import { useTRPC } from '#renderer/api/trpc.ts'

export function useLiaisonLive() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.liaison.pathKey() }), [queryClient, trpc])
  return useSubscription(trpc.liaison.changes.subscriptionOptions(undefined, { onData: refresh }))
}

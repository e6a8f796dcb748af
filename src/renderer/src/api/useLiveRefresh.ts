// Keeps every screen live: subscribes to live.changes for the kabupaten on screen and, when something changed,
// marks all queries stale so the visible ones refetch in the background. Data on screen stays until the new
// answer arrives, so lists keep their scroll position and nothing flickers.
import { useCallback, useEffect, useRef } from 'react'
import { skipToken, useQueryClient } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import { useTRPC } from './trpc.ts'

/** A sync run can announce many changes in a burst; refetch at most this often (first one at once). */
const MIN_INTERVAL_MS = 2_000

function useThrottled(run: () => void, ms: number): () => void {
  const last = useRef(0)
  const timer = useRef<number | null>(null)
  useEffect(() => () => void (timer.current !== null && window.clearTimeout(timer.current)), [])
  return useCallback(() => {
    if (timer.current !== null) return
    const wait = last.current + ms - Date.now()
    const fire = () => {
      timer.current = null
      last.current = Date.now()
      run()
    }
    if (wait <= 0) fire()
    else timer.current = window.setTimeout(fire, wait)
  }, [run, ms])
}

export function useLiveRefresh(kabupaten: string | undefined) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const refresh = useThrottled(useCallback(() => void queryClient.invalidateQueries(), [queryClient]), MIN_INTERVAL_MS)
  // The subscription restarts after every reconnect; changes may have been missed meanwhile, so refresh then too
  // (but not on the first start for a kabupaten: its queries were just fetched).
  const startedFor = useRef<string | null>(null)
  return useSubscription(
    trpc.live.changes.subscriptionOptions(kabupaten ? { kabupaten } : skipToken, {
      onData: refresh,
      onStarted: () => {
        if (startedFor.current === kabupaten) refresh()
        startedFor.current = kabupaten ?? null
      },
    }),
  )
}

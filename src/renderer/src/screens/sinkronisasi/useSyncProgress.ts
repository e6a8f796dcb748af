// Live progress of sync runs for the kabupaten on screen (sync.progress subscription). When a run ends, the
// lists that depend on it (sources, history, quarantine, outbox) are fetched again.
import { useCallback, useState } from 'react'
import { skipToken, useQueryClient } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'

export type SyncProgress = Outputs['sync']['sources'][number]['progress'] & {}
export type ProgressBySource = ReadonlyMap<number, SyncProgress>

export function useSyncProgress(): ProgressBySource {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { kabupaten } = useFilters()
  const [progress, setProgress] = useState<ProgressBySource>(new Map())
  const onData = useCallback(
    (p: SyncProgress) => {
      setProgress((prev) => new Map(prev).set(p.sourceId, p))
      if (p.phase === 'done' || p.pages === 1) void queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() })
    },
    [queryClient, trpc],
  )
  useSubscription(trpc.sync.progress.subscriptionOptions(kabupaten ? { kabupaten: kabupaten.kode } : skipToken, { onData }))
  return progress
}

// The first problem any query on screen has (failed fetch, refused request), for the one banner in the frame.
import { useCallback, useSyncExternalStore } from 'react'
import { useQueryClient, type QueryCache } from '@tanstack/react-query'
import { describeError, type ApiProblem } from './errors.ts'

function firstError(cache: QueryCache): unknown {
  for (const query of cache.getAll()) {
    if (query.getObserversCount() === 0) continue
    // fetchFailureReason is set while retries are still running (a lost server), error once they gave up.
    const error = query.state.fetchFailureReason ?? (query.state.status === 'error' ? query.state.error : null)
    if (error) return error
  }
  return null
}

export function useQueryProblem(): ApiProblem | null {
  const cache = useQueryClient().getQueryCache()
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(() => onChange()), [cache])
  const error = useSyncExternalStore(subscribe, () => firstError(cache))
  return error ? describeError(error) : null
}

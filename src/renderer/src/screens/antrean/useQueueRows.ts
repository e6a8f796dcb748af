// Rows of a queue for a virtualised list: only the pages around what is on screen are fetched (offset/limit),
// so a queue of 100,000 complaints costs a few hundred rows of memory and one small query per scroll stop.
// Pages are ordinary queries: the live refresh refetches the visible ones in place, so rows update without the
// list jumping, and scrolling back to a page seen a minute ago shows it at once from the cache.
import { useCallback, useRef, useState } from 'react'
import { useQueries } from '@tanstack/react-query'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import type { QueueInput } from './queues.ts'

export const PAGE_SIZE = 200
/** Fetch the next page a little before the user reaches it. */
const AHEAD = 40

export type QueueRow = Outputs['complaints']['queue']['rows'][number]
export type QueueQuery = Omit<QueueInput, 'limit' | 'offset'>

export type QueueRows = {
  /** Rows in the queue under the current filters; undefined until the first page answers. */
  total: number | undefined
  /** With the queue narrowed to a period: how many it holds without it (null when not narrowed, undefined while loading). */
  withoutPeriod: number | null | undefined
  rowAt(index: number): QueueRow | undefined
  /** Every row currently loaded, in order (for "select all loaded" and shift-click ranges). */
  loaded(): { index: number; row: QueueRow }[]
  /** The list tells which indices are on screen. */
  setWindow(first: number, last: number): void
  isFetching: boolean
}

export function useQueueRows(query: QueueQuery | null): QueueRows {
  const trpc = useTRPC()
  const key = JSON.stringify(query)
  const [view, setView] = useState({ key, first: 0, last: 0 })
  // A new queue or filter starts at the top: the old window may lie beyond the new total.
  const pages = view.key === key ? { first: view.first, last: view.last } : { first: 0, last: 0 }
  const pageList = query ? range(pages.first, pages.last) : []
  const results = useQueries({
    queries: pageList.map((page) => trpc.complaints.queue.queryOptions({ ...query!, limit: PAGE_SIZE, offset: page * PAGE_SIZE })),
  })

  // The total comes with every page; while a new query loads keep the last one for the same filters.
  const lastTotal = useRef<{ key: string; total: number; withoutPeriod: number | null } | null>(null)
  const answered = results.find((r) => r.data)?.data
  if (answered) lastTotal.current = { key, total: answered.total, withoutPeriod: answered.withoutPeriod }
  const last = lastTotal.current?.key === key ? lastTotal.current : undefined

  const setWindow = useCallback(
    (first: number, last: number) => {
      const next = { key, first: Math.max(0, Math.floor((first - AHEAD) / PAGE_SIZE)), last: Math.floor((last + AHEAD) / PAGE_SIZE) }
      setView((prev) => (prev.key === next.key && prev.first === next.first && prev.last === next.last ? prev : next))
    },
    [key],
  )

  const rowAt = (index: number) => results[Math.floor(index / PAGE_SIZE) - pages.first]?.data?.rows[index % PAGE_SIZE]
  return {
    total: last?.total,
    withoutPeriod: last?.withoutPeriod,
    rowAt,
    loaded: () =>
      results.flatMap((r, i) => (r.data ? r.data.rows.map((row, j) => ({ index: (pages.first + i) * PAGE_SIZE + j, row })) : [])),
    setWindow,
    isFetching: results.some((r) => r.isFetching),
  }
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

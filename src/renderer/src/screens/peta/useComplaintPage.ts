// One page of complaints for the side panel, newest first, from complaints.queue with the shared period and
// filter (the server bounds the period as it does for the map's counts): 'semua' for a kecamatan or desa (the same complaints the map's volume counts), 'tanpa_lokasi' for
// those the map cannot place.
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import { useTRPC, type Kabupaten, type Outputs } from '#renderer/api/trpc.ts'
import type { Period } from '#shared/domain.ts'
import type { ScreenFilter } from '#renderer/filters/filters.tsx'

export const PAGE_SIZE = 50

export type ComplaintRowData = Outputs['complaints']['queue']['rows'][number]

type PageQuery = {
  kabupaten: Kabupaten | undefined
  queue: 'semua' | 'tanpa_lokasi'
  kecamatan?: string
  desa?: string | null
  period: Period
  filter: ScreenFilter | undefined
  offset: number
}

export function useComplaintPage({ kabupaten, queue, kecamatan, desa, period, filter, offset }: PageQuery) {
  const trpc = useTRPC()
  const input = kabupaten
    ? {
        kabupaten: kabupaten.kode,
        queue,
        sort: 'terbaru' as const,
        ...(kecamatan ? { kecamatan } : {}),
        ...(desa ? { desa } : {}),
        filter,
        period,
        limit: PAGE_SIZE,
        offset,
      }
    : skipToken
  return useQuery({ ...trpc.complaints.queue.queryOptions(input), placeholderData: keepPreviousData })
}

// The map's data for the view in the URL: the boundaries of the kabupaten's kecamatan (always: they frame the
// map and give the context around a drilled-down kecamatan), the desa of the open kecamatan, and the KPI rows
// of the areas on screen from kpi.table with the shared period and filter.
import { useMemo } from 'react'
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query'
import type { Feature } from 'geojson'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import type { Period } from '#shared/domain.ts'
import type { ScreenFilter } from '#renderer/filters/filters.tsx'
import type { AreaFigures } from './metrics.ts'

type Boundaries = Outputs['regions']['boundaries']

/** One area on the map: its shape, its label point and, once loaded, its KPI row (none: no complaints). */
export type MapArea = { kode: string; nama: string; lat: number; lon: number; feature: Feature; figures: AreaFigures | undefined }

export type PetaData = {
  /** Every kecamatan of the kabupaten (with figures only in the kabupaten view). */
  kecamatan: MapArea[]
  /** The areas coloured on screen: the kecamatan, or the open kecamatan's desa. */
  areas: MapArea[]
  /** False while the figures for this view are loading (areas are drawn without a class meanwhile). */
  hasFigures: boolean
  /** The figures on screen are the previous period's or filter's, while the new ones load. */
  isUpdating: boolean
  attribution: string
  isKecamatanKnown: boolean | undefined
}

// Boundaries never change for a kode: fetch them once and let the live refresh pass them by (an inactive query is
// not refetched on invalidation), instead of downloading a quarter megabyte of polygons on every change.
const once = (query: { state: { data: unknown } }) => query.state.data === undefined

export function usePetaData(kabupaten: string | undefined, kecamatan: string | null, period: Period, filter: ScreenFilter | undefined): PetaData {
  const trpc = useTRPC()
  const kecShapes = useQuery({
    ...trpc.regions.boundaries.queryOptions(kabupaten ? { level: 'kecamatan', parent: kabupaten } : skipToken),
    enabled: once,
  }).data
  const desaShapes = useQuery({
    ...trpc.regions.boundaries.queryOptions(kecamatan ? { level: 'desa', parent: kecamatan } : skipToken),
    enabled: once,
  }).data
  const viewKey = `${kabupaten}|${kecamatan}`
  const table = useQuery({
    ...trpc.kpi.table.queryOptions(
      kabupaten
        ? { kabupaten, dim: kecamatan ? 'desa' : 'kecamatan', period, filter, ...(kecamatan ? { within: kecamatan } : {}) }
        : skipToken,
    ),
    // Keep the numbers on screen while a new period or filter loads, but never show one view's rows in another.
    placeholderData: (previous, previousQuery) => (previousQuery && viewKeyOf(previousQuery.queryKey) === viewKey ? keepPreviousData(previous) : undefined),
  })
  const rows = table.data?.rows
  const { kecAreas, desaAreas } = useMemo(() => {
    const figures = rows ? new Map(rows.map((r) => [r.key, r])) : undefined
    return { kecAreas: toAreas(kecShapes, kecamatan ? undefined : figures), desaAreas: kecamatan ? toAreas(desaShapes, figures) : [] }
  }, [rows, kecShapes, desaShapes, kecamatan])
  return {
    kecamatan: kecAreas,
    areas: kecamatan ? desaAreas : kecAreas,
    hasFigures: rows !== undefined,
    isUpdating: table.isPlaceholderData,
    attribution: kecShapes?.attribution ?? '',
    isKecamatanKnown: kecamatan === null || !kecShapes ? undefined : kecAreas.some((a) => a.kode === kecamatan),
  }
}

function viewKeyOf(queryKey: readonly unknown[]): string {
  const input = (queryKey[1] as { input?: { kabupaten?: string; within?: string } } | undefined)?.input
  return `${input?.kabupaten}|${input?.within ?? null}`
}

function toAreas(shapes: Boundaries | undefined, figures: Map<string, AreaFigures> | undefined): MapArea[] {
  return (shapes?.features ?? []).map((f) => ({
    kode: f.properties.kode,
    nama: f.properties.nama,
    lat: f.properties.lat,
    lon: f.properties.lon,
    feature: f as Feature,
    figures: figures?.get(f.properties.kode),
  }))
}

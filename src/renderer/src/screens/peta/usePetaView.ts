// What the Peta screen shows, kept in the URL so a view can be bookmarked, reloaded and opened on a wall:
//   /peta                       the kabupaten's kecamatan
//   /peta/64.08.04              that kecamatan's desa, and its complaints in the side list
//   ?desa=64.08.04.2001         the side list narrowed to one desa
//   ?laporan=1234               one complaint open in the side panel (and its point on the map)
//   ?ukuran=terlambat           the metric the areas are coloured by (default: volume)
//   ?panel=tanpa-lokasi         the panel for tagging complaints that have no location yet
// The shared filters (kab, period, kategori, kanal) sit in the same query string and are left as they are.
import { useCallback } from 'react'
import { useLocation, useNavigate, useParams } from 'react-router'
import { DEFAULT_METRIC, isMetric, type MetricKey } from './metrics.ts'

const KECAMATAN = /^\d{2}\.\d{2}\.\d{2}$/
const DESA = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/
const TAGGING = 'tanpa-lokasi'

export type PetaView = {
  kecamatan: string | null
  desa: string | null
  laporan: number | null
  metric: MetricKey
  isTagging: boolean
  openKabupaten(): void
  openKecamatan(kode: string): void
  openDesa(kode: string | null): void
  openLaporan(id: number | null): void
  setMetric(metric: MetricKey): void
  setTagging(isOn: boolean): void
}

export function usePetaView(): PetaView {
  const navigate = useNavigate()
  const { search } = useLocation()
  const splat = useParams()['*'] ?? ''
  const params = new URLSearchParams(search)
  const kecamatan = KECAMATAN.test(splat) ? splat : null
  const desaParam = params.get('desa')
  const desa = kecamatan && desaParam && DESA.test(desaParam) && desaParam.startsWith(`${kecamatan}.`) ? desaParam : null
  const laporanParam = Number(params.get('laporan'))
  const metricParam = params.get('ukuran')

  const go = useCallback(
    (kec: string | null | undefined, change: Record<string, string | null>, replace = false) => {
      const next = new URLSearchParams(search)
      for (const [key, value] of Object.entries(change)) {
        if (value === null) next.delete(key)
        else next.set(key, value)
      }
      const pathname = kec === undefined ? undefined : kec === null ? '/peta' : `/peta/${kec}`
      navigate({ ...(pathname ? { pathname } : {}), search: next.toString() }, { replace })
    },
    [navigate, search],
  )

  return {
    kecamatan,
    desa,
    laporan: Number.isInteger(laporanParam) && laporanParam > 0 ? laporanParam : null,
    metric: isMetric(metricParam) ? metricParam : DEFAULT_METRIC,
    isTagging: params.get('panel') === TAGGING,
    openKabupaten: () => go(null, { desa: null, laporan: null }),
    openKecamatan: (kode) => go(kode, { desa: null, laporan: null }),
    openDesa: (kode) => go(undefined, { desa: kode, laporan: null }),
    openLaporan: (id) => go(undefined, { laporan: id === null ? null : String(id) }),
    setMetric: (metric) => go(undefined, { ukuran: metric === DEFAULT_METRIC ? null : metric }, true),
    setTagging: (isOn) => go(undefined, { panel: isOn ? TAGGING : null, laporan: null }, true),
  }
}

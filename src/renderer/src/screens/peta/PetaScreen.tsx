// Peta: complaints by kecamatan, down to desa. A choropleth of the chosen metric (kpi.table) over the bundled
// boundaries, a side panel (kecamatan ranking; a kecamatan's complaints; one complaint; tagging complaints without
// a location) and the view in the URL (see usePetaView). Live changes refetch the numbers; zoom and selection stay.
import { useEffect, useMemo } from 'react'
import { skipToken, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { can } from '#shared/roles.ts'
import { classScale } from './classes.ts'
import { metricOf, metricValue } from './metrics.ts'
import { usePetaView } from './usePetaView.ts'
import { usePetaData } from './usePetaData.ts'
import { useComplaintPage } from './useComplaintPage.ts'
import { PetaMap } from './map/PetaMap.tsx'
import { MapLegend } from './MapLegend.tsx'
import { MetricSelector } from './MetricSelector.tsx'
import { Breadcrumb } from './Breadcrumb.tsx'
import { NoLocationButton } from './NoLocationButton.tsx'
import { AreaRanking } from './side/AreaRanking.tsx'
import { ComplaintList } from './side/ComplaintList.tsx'
import { ComplaintSummary } from './side/ComplaintSummary.tsx'
import { TagPanel } from './side/TagPanel.tsx'
import { IsuLayer, flaggedAreas } from './isu/IsuLayer.tsx'
import { IsuPanel } from './isu/IsuPanel.tsx'
import './peta.css'

export function PetaScreen() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const view = usePetaView()
  const { kabupaten, period, filter, today } = useFilters()
  const kab = kabupaten?.kode
  // A kecamatan of another kabupaten (the kabupaten was switched) is not drilled into.
  const kecamatan = view.kecamatan && kab && view.kecamatan.startsWith(`${kab}.`) ? view.kecamatan : null
  const data = usePetaData(kab, kecamatan, period, filter)
  const { openKabupaten } = view
  useEffect(() => {
    if (kab && view.kecamatan && (kecamatan === null || data.isKecamatanKnown === false)) openKabupaten()
  }, [kab, view.kecamatan, kecamatan, data.isKecamatanKnown, openKabupaten])

  const metric = metricOf(view.metric)
  const scale = useMemo(
    () => (data.hasFigures ? classScale(data.areas.map((a) => metricValue(metric, a.figures)), metric) : null),
    [data.areas, data.hasFigures, metric],
  )
  const areas = data.areas.map((a) => ({ ...a, cls: scale ? scale.classify(metricValue(metric, a.figures)) : null }))

  const issues = useQuery(trpc.isu.list.queryOptions(kab ? { kabupaten: kab } : skipToken)).data?.issues ?? []
  const session = useQuery(trpc.session.queryOptions()).data
  const ui = useQuery(trpc.settings.ui.queryOptions()).data
  const detail = useQuery(trpc.complaints.detail.queryOptions(view.laporan !== null ? { id: view.laporan } : skipToken)).data
  const noLocation = useComplaintPage({ kabupaten, queue: 'tanpa_lokasi', period, filter, offset: 0 }).data?.total

  const kecArea = data.kecamatan.find((a) => a.kode === kecamatan)
  const desaArea = data.areas.find((a) => a.kode === view.desa)
  const crumbs = [
    { key: 'kab', label: kabupaten?.nama ?? '…', onOpen: kecamatan ? openKabupaten : undefined },
    ...(kecamatan ? [{ key: 'kec', label: kecArea?.nama ?? kecamatan, onOpen: view.desa ? () => view.openDesa(null) : undefined }] : []),
    ...(kecamatan && view.desa ? [{ key: 'desa', label: desaArea?.nama ?? view.desa }] : []),
  ]
  const onArea = (kode: string) => (kecamatan ? view.openDesa(kode === view.desa ? null : kode) : view.openKecamatan(kode))
  const point = detail && view.laporan === detail.id && detail.lat !== null && detail.lon !== null ? { lat: detail.lat, lon: detail.lon } : null

  return (
    <div className={`peta ${data.isUpdating ? 'is-updating' : ''}`} data-testid="peta" data-kabupaten={kab ?? ''} data-kecamatan={kecamatan ?? ''}>
      <h1 className="visually-hidden">{t('peta.title')}</h1>
      <div className="peta-bar">
        <Breadcrumb crumbs={crumbs} />
        <MetricSelector value={view.metric} onChange={view.setMetric} />
      </div>
      <div className="peta-stage">
        <MapLegend metric={metric} entries={scale?.entries ?? []} period={period} level={kecamatan ? 'desa' : 'kecamatan'} />
        <PetaMap
          kecamatan={data.kecamatan}
          areas={areas}
          metric={metric}
          focus={kecamatan}
          selected={view.desa}
          point={point}
          tiles={ui?.tileUrl ? { url: ui.tileUrl, attribution: ui.tileAttribution } : null}
          attribution={t('peta.boundaryCredit', { source: data.attribution })}
          label={t('peta.mapLabel', { place: kecArea?.nama ?? kabupaten?.nama ?? '' })}
          onArea={onArea}
          onKecamatan={view.openKecamatan}
          overlay={<IsuLayer areas={areas} flagged={flaggedAreas(issues, kecamatan)} />}
        />
      </div>
      <aside className="peta-side">
        {/* Beside the map, not over it: every kecamatan keeps its label. */}
        <IsuPanel issues={issues} today={today} />
        <NoLocationButton total={noLocation} isOpen={view.isTagging} onToggle={() => view.setTagging(!view.isTagging)} />
        {kabupaten && view.isTagging ? (
          <TagPanel
            kabupaten={kabupaten}
            period={period}
            filter={filter}
            mapPlace={{ kecamatan: kecamatan ?? '', desa: view.desa ?? '' }}
            isViewer={session?.user?.role !== undefined && !can(session.user.role, 'triage')}
          />
        ) : kabupaten && view.laporan !== null ? (
          <ComplaintSummary id={view.laporan} timeZone={kabupaten.time_zone} onBack={() => view.openLaporan(null)} />
        ) : kabupaten && kecamatan ? (
          <ComplaintList
            key={`${kecamatan}|${view.desa}|${period.from}|${period.to}|${filter?.category}|${filter?.channel}`}
            kabupaten={kabupaten}
            kecamatan={{ kode: kecamatan, nama: kecArea?.nama ?? kecamatan }}
            desa={view.desa ? { kode: view.desa, nama: desaArea?.nama ?? view.desa } : null}
            period={period}
            filter={filter}
            onOpen={view.openLaporan}
            onAllDesa={() => view.openDesa(null)}
          />
        ) : (
          <AreaRanking areas={areas} metric={metric} onOpen={view.openKecamatan} />
        )}
      </aside>
    </div>
  )
}

// The choropleth map. Offline by default: no tile server, just the sea colour, the kabupaten's outline and the
// coloured areas; a tile layer goes beneath them only when Pengaturan names one. The boundary data's attribution
// is always shown. Panes, bottom to top: tiles, context kecamatan, outline, areas, labels and tooltips, point.
import { useMemo, type ReactNode } from 'react'
import { AttributionControl, CircleMarker, GeoJSON, MapContainer, Pane, TileLayer } from 'react-leaflet'
import type { FeatureCollection } from 'geojson'
import 'leaflet/dist/leaflet.css'
import { classKey, type AreaClass } from '../classes.ts'
import { formatMetric, metricValue, type Metric } from '../metrics.ts'
import type { MapArea } from '../usePetaData.ts'
import { AreaShape } from './AreaShape.tsx'
import { AreaLabel } from './AreaLabel.tsx'
import { AreaTooltip } from './AreaTooltip.tsx'
import { ContextAreas } from './ContextAreas.tsx'
import { FitView } from './FitView.tsx'
import { LabelDeclutter } from './LabelDeclutter.tsx'

const OUTLINE = { className: 'peta-outline' }

type PetaMapProps = {
  /** Every kecamatan of the kabupaten: the outline, and the context around an open kecamatan. */
  kecamatan: MapArea[]
  /** The coloured areas (kecamatan, or the open kecamatan's desa) with their classes; null class while loading. */
  areas: (MapArea & { cls: AreaClass | null })[]
  metric: Metric
  focus: string | null
  selected: string | null
  point: { lat: number; lon: number } | null
  tiles: { url: string; attribution: string } | null
  attribution: string
  label: string
  onArea(kode: string): void
  onKecamatan(kode: string): void
  /** Layers drawn over the areas (the rising issues' outlines). */
  overlay?: ReactNode
}

export function PetaMap(props: PetaMapProps) {
  const { kecamatan, areas, metric, focus, selected, point, tiles, attribution, label, onArea, onKecamatan } = props
  const outlined = focus ? kecamatan.filter((k) => k.kode === focus) : kecamatan
  const outline: FeatureCollection = { type: 'FeatureCollection', features: outlined.map((a) => a.feature) }
  const areaKodes = areas.map((a) => a.kode).join()
  // Keyed by the kodes: the shapes of a set of areas never change, only their numbers do.
  const sizes = useMemo(() => new Map(areas.map((a) => [a.kode, size(a.feature.geometry)])), [areaKodes])
  const ranks = rankLabels(areas, metric, sizes)
  const viewKey = `${kecamatan[0]?.kode ?? ''}|${focus ?? ''}`
  const shown = areas.map((area) => ({ area, value: metricValue(metric, area.figures) }))
  return (
    <div className={`peta-map-frame ${tiles ? 'has-tiles' : ''}`} role="region" aria-label={label} data-testid="peta-map" data-view={focus ?? 'kabupaten'}>
      <HatchPattern />
      <MapContainer
        className="peta-map"
        center={[0, 117]}
        zoom={8}
        zoomSnap={0.1}
        zoomDelta={0.5}
        wheelPxPerZoomLevel={120}
        attributionControl={false}
        // Animated zooms fail when the view changes mid-animation; the wall needs none.
        zoomAnimation={false}
        fadeAnimation={false}
        markerZoomAnimation={false}
      >
        {/* Leaflet's own credit as plain text: its default link would navigate a touch wall away from the app. */}
        <AttributionControl position="bottomright" prefix="Leaflet" />
        {tiles && <TileLayer url={tiles.url} attribution={escapeHtml(tiles.attribution)} />}
        <Pane name="peta-context" style={{ zIndex: 380 }}>
          {focus && <ContextAreas areas={kecamatan.filter((k) => k.kode !== focus)} onClick={onKecamatan} />}
        </Pane>
        <Pane name="peta-outline" style={{ zIndex: 390 }}>
          {outlined.length > 0 && (
            // Drawn under the areas with a wide stroke: inner edges are covered by the fills, the outer edge stays.
            <GeoJSON key={viewKey} data={outline} style={OUTLINE} interactive={false} attribution={escapeHtml(attribution)} />
          )}
        </Pane>
        {shown.map(({ area: a, value }) => (
          <AreaShape
            key={a.kode}
            feature={a.feature}
            kode={a.kode}
            cls={a.cls ? classKey(a.cls) : 'loading'}
            value={value}
            isSelected={a.kode === selected}
            onClick={onArea}
            tooltip={<AreaTooltip nama={a.nama} figures={a.figures} metric={metric.key} />}
          />
        ))}
        {shown.map(({ area: a, value }) => (
          <AreaLabel
            key={a.kode}
            kode={a.kode}
            nama={a.nama}
            lat={a.lat}
            lon={a.lon}
            value={value}
            valueText={a.cls ? formatMetric(metric, value) : '…'}
            cls={a.cls ? classKey(a.cls) : 'loading'}
            figures={a.figures}
            rank={ranks.get(a.kode) ?? 0}
          />
        ))}
        {props.overlay}
        {/* Above the labels: the open complaint's point often lies right at its desa's label point. */}
        <Pane name="peta-point" style={{ zIndex: 660 }}>
          {point && <CircleMarker center={[point.lat, point.lon]} radius={12} className="peta-point" interactive={false} />}
        </Pane>
        <FitView viewKey={viewKey} features={(focus ? outlined : kecamatan).map((a) => a.feature)} />
        <LabelDeclutter />
      </MapContainer>
    </div>
  )
}

/** The stripes for "no data" (a share of nothing): grey alone could be read as a low value. */
function HatchPattern() {
  return (
    <svg className="peta-defs" aria-hidden="true" width="0" height="0">
      <defs>
        <pattern id="peta-hatch" patternUnits="userSpaceOnUse" width="10" height="10" patternTransform="rotate(45)">
          <rect className="peta-hatch-bg" width="10" height="10" />
          <line className="peta-hatch-line" x1="0" y1="0" x2="0" y2="10" />
        </pattern>
      </defs>
    </svg>
  )
}

/** Which label wins a collision: the area that most needs attention (most complaints, lowest share on time),
 *  then the larger area, whose label has room around it. */
function rankLabels(areas: MapArea[], metric: Metric, sizes: Map<string, number>): Map<string, number> {
  const ranked = areas
    .map((a) => ({ kode: a.kode, value: metricValue(metric, a.figures), size: sizes.get(a.kode) ?? 0 }))
    .sort((x, y) => {
      if (x.value !== y.value) {
        if (x.value === null) return 1
        if (y.value === null) return -1
        return metric.isHigherBetter ? x.value - y.value : y.value - x.value
      }
      return y.size - x.size
    })
  return new Map(ranked.map((a, i) => [a.kode, i]))
}

function size(geometry: MapArea['feature']['geometry']): number {
  const box = bbox(geometry)
  return (box[2] - box[0]) * (box[3] - box[1])
}

function bbox(geometry: MapArea['feature']['geometry']): [number, number, number, number] {
  const points =
    geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.type === 'MultiPolygon' ? geometry.coordinates.flat(2) : []
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of points) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  return [minX, minY, maxX, maxY]
}

/** Leaflet writes attributions as HTML; ours are plain text (and the tile one is typed in by an admin). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

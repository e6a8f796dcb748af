// Where the complaint points, on a small offline map: the desa boundaries of its kecamatan (or the kecamatan of
// the kabupaten when no desa is tagged), its own area highlighted, and a marker at lat/lon. No tile server is
// needed (or reachable from a Pemda network), so there are no tiles; the boundaries give the place its shape.
import { useQuery } from '@tanstack/react-query'
import type { FeatureCollection, Geometry } from 'geojson'
import { CircleMarker, GeoJSON, MapContainer, useMap } from 'react-leaflet'
import { useEffect } from 'react'
import { latLngBounds, type PathOptions } from 'leaflet'
import 'leaflet/dist/leaflet.css'
import { useTRPC } from '#renderer/api/trpc.ts'

type LocationMapProps = {
  lat: number
  lon: number
  kabupaten: string
  kecamatan: string | null
  desa: string | null
  label: string
}

export function LocationMap({ lat, lon, kabupaten, kecamatan, desa, label }: LocationMapProps) {
  const trpc = useTRPC()
  const input = desa && kecamatan ? { level: 'desa' as const, parent: kecamatan } : { level: 'kecamatan' as const, parent: kabupaten }
  const shapes = useQuery(trpc.regions.boundaries.queryOptions(input)).data
  const own = desa ?? kecamatan
  // Colours come from the theme through CSS classes (antrean.css): SVG attributes cannot read CSS variables.
  const style = (feature?: { properties?: { kode?: string } }): PathOptions =>
    feature?.properties?.kode === own ? { className: 'map-area is-own', weight: 3 } : { className: 'map-area', weight: 1 }
  return (
    <div className="location-map" data-testid="location-map" role="img" aria-label={label}>
      {/* No animations: the pane changes complaint often, and Leaflet fails when a map is removed mid-zoom. */}
      <MapContainer
        center={[lat, lon]}
        zoom={12}
        zoomControl={false}
        attributionControl={false}
        zoomAnimation={false}
        fadeAnimation={false}
        markerZoomAnimation={false}
        className="location-map-canvas"
      >
        {shapes && (
          <>
            <GeoJSON key={`${input.level}-${input.parent}`} data={shapes as FeatureCollection} style={style} />
            <FitTo shapes={shapes as FeatureCollection} own={own} lat={lat} lon={lon} />
          </>
        )}
        {/* className must be a direct prop: react-leaflet applies pathOptions with setStyle, which ignores it. */}
        <CircleMarker center={[lat, lon]} radius={9} className="map-point" weight={3} fillOpacity={1} />
      </MapContainer>
    </div>
  )
}

/** Frame the complaint's own area (and the point), so the marker is seen in its desa or kecamatan; again whenever
 *  the pane is resized (Leaflet measures its container once, and the pane's width settles after the first paint). */
function FitTo({ shapes, own, lat, lon }: { shapes: FeatureCollection; own: string | null; lat: number; lon: number }) {
  const map = useMap()
  useEffect(() => {
    const feature = shapes.features.find((f) => (f.properties as { kode?: string } | null)?.kode === own)
    const bounds = latLngBounds([[lat, lon]])
    for (const [x, y] of feature ? coordinates(feature.geometry) : []) bounds.extend([y, x])
    const fit = () => {
      map.invalidateSize({ animate: false })
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: 14, animate: false })
    }
    fit()
    const observer = new ResizeObserver(fit)
    observer.observe(map.getContainer())
    return () => observer.disconnect()
  }, [map, shapes, own, lat, lon])
  return null
}

function coordinates(geometry: Geometry): number[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates.flat()
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat(2)
  return []
}

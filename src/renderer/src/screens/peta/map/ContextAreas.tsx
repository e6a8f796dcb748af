// The other kecamatan around an open kecamatan, drawn plain: they keep the reader oriented, name themselves on
// hover, and a click opens them instead.
import { useEffect, useRef } from 'react'
import { GeoJSON } from 'react-leaflet'
import type { FeatureCollection } from 'geojson'
import type { Layer } from 'leaflet'
import type { MapArea } from '../usePetaData.ts'

const STYLE = { className: 'peta-context' }

export function ContextAreas({ areas, onClick }: { areas: MapArea[]; onClick(kode: string): void }) {
  // The layers are made once per set of areas; their click handlers must still call the latest onClick.
  const latest = useRef(onClick)
  useEffect(() => {
    latest.current = onClick
  })
  const data: FeatureCollection = { type: 'FeatureCollection', features: areas.map((a) => a.feature) }
  const names = new Map(areas.map((a) => [a.feature, a]))
  return (
    <GeoJSON
      key={areas.map((a) => a.kode).join()}
      data={data}
      pane="peta-context"
      style={STYLE}
      onEachFeature={(feature, layer: Layer) => {
        const area = names.get(feature)
        if (!area) return
        // A text node, not a string: Leaflet would insert a string as HTML.
        const label = document.createElement('span')
        label.textContent = area.nama
        layer.bindTooltip(label, { sticky: true, className: 'peta-tooltip', direction: 'top', offset: [0, -12] })
        layer.on('click', () => latest.current(area.kode))
      }}
    />
  )
}

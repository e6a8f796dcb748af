// One coloured area (kecamatan or desa) of the choropleth, with its numbers in a tooltip that follows the pointer.
// Its class and value go onto the SVG path as data attributes: peta.css colours each class from the theme, so a
// theme switch or new numbers restyle it in place (Leaflet only applies a className when it creates a path).
import { useCallback, useEffect, useRef, type ReactNode } from 'react'
import { GeoJSON, Tooltip } from 'react-leaflet'
import type { GeoJSON as LeafletGeoJSON, Path } from 'leaflet'
import type { Feature } from 'geojson'

// Applied once, when Leaflet creates the path (a later setStyle would not change a className).
const STYLE = { className: 'peta-area' }

type AreaShapeProps = {
  feature: Feature
  kode: string
  /** classKey() of its legend class, or 'loading'. */
  cls: string
  value: number | null
  isSelected: boolean
  onClick(kode: string): void
  tooltip: ReactNode
}

export function AreaShape({ feature, kode, cls, value, isSelected, onClick, tooltip }: AreaShapeProps) {
  const ref = useRef<LeafletGeoJSON>(null)
  const mark = useCallback(() => {
    ref.current?.eachLayer((layer) => {
      const el = (layer as Path).getElement() as SVGElement | undefined
      if (!el) return
      el.dataset.kode = kode
      el.dataset.cls = cls
      el.dataset.value = value === null ? '' : String(value)
      el.dataset.selected = isSelected ? '1' : '0'
    })
    // A selected area's thick edge must not hide under its neighbours.
    if (isSelected) ref.current?.bringToFront()
  }, [kode, cls, value, isSelected])
  useEffect(mark, [mark])
  return (
    <GeoJSON ref={ref} data={feature} style={STYLE} eventHandlers={{ add: mark, click: () => onClick(kode) }}>
      <Tooltip sticky className="peta-tooltip" direction="top" offset={[0, -12]}>
        {tooltip}
      </Tooltip>
    </GeoJSON>
  )
}

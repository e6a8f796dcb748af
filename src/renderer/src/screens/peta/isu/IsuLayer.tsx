// Rising issues on Peta: the kecamatan (or, inside a kecamatan, the desa) where an issue is rising get a pulsing
// warning outline above the choropleth, whatever metric colours the map (isu.list, the same rows as Ringkasan's
// strip). Drawn inside the map; IsuPanel lists them beside it, each opening its complaints in Antrean.
import { useCallback, useRef } from 'react'
import { GeoJSON, Pane } from 'react-leaflet'
import type { GeoJSON as LeafletGeoJSON, Path } from 'leaflet'
import type { Feature } from 'geojson'
import type { Isu } from '#renderer/isu/labels.ts'

const STYLE = { className: 'peta-isu' }

/** The kodes of the shown areas that hold a rising issue: kecamatan rows at the kabupaten view, desa rows inside one. */
export function flaggedAreas(issues: Isu[], focus: string | null): Set<string> {
  const out = new Set<string>()
  for (const i of issues) {
    if (focus === null && i.kecamatan) out.add(i.kecamatan.kode)
    if (focus !== null && i.desa && i.kecamatan?.kode === focus) out.add(i.desa.kode)
  }
  return out
}

function Outline({ feature, kode }: { feature: Feature; kode: string }) {
  const ref = useRef<LeafletGeoJSON>(null)
  const mark = useCallback(() => {
    ref.current?.eachLayer((layer) => {
      const el = (layer as Path).getElement() as SVGElement | undefined
      if (el) el.dataset.kode = kode
    })
  }, [kode])
  return <GeoJSON ref={ref} data={feature} style={STYLE} interactive={false} eventHandlers={{ add: mark }} />
}

export function IsuLayer({ areas, flagged }: { areas: { kode: string; feature: Feature }[]; flagged: Set<string> }) {
  return (
    <Pane name="peta-isu" style={{ zIndex: 450, pointerEvents: 'none' }}>
      {areas.filter((a) => flagged.has(a.kode)).map((a) => (
        <Outline key={a.kode} feature={a.feature} kode={a.kode} />
      ))}
    </Pane>
  )
}

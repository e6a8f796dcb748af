// The name of an area, and its value for the chosen metric, written on the map at the area's label point (inside
// the polygon, from the boundary data) in large text with a halo, so it reads from across the room. The label
// lets clicks through to the area under it. data-* carry the raw numbers (for checks and for the declutter pass).
import { divIcon } from 'leaflet'
import { Marker, Tooltip } from 'react-leaflet'
import type { AreaFigures } from '../metrics.ts'

type AreaLabelProps = {
  kode: string
  nama: string
  lat: number
  lon: number
  valueText: string
  value: number | null
  /** classKey() of its legend class, or 'loading'. */
  cls: string
  figures: AreaFigures | undefined
  /** Lower ranks win when labels collide (larger areas first). */
  rank: number
}

/**
 * The anchor the label hangs on: an empty, zero-size marker. Not a CircleMarker of radius 0: that is an SVG arc
 * path, which Leaflet redraws with NaN coordinates while the map is torn down (leaving the screen logged dozens of
 * "<path> attribute d: Expected number, MNaN,NaN" errors).
 */
const ANCHOR = divIcon({ className: 'peta-label-anchor', html: '', iconSize: [0, 0] })

export function AreaLabel({ kode, nama, lat, lon, valueText, value, cls, figures, rank }: AreaLabelProps) {
  return (
    <Marker position={[lat, lon]} icon={ANCHOR} interactive={false} keyboard={false}>
      <Tooltip permanent direction="center" className="peta-label" interactive={false}>
        <span
          className="peta-label-text"
          data-testid="peta-label"
          data-kode={kode}
          data-rank={rank}
          data-value={value ?? ''}
          data-n={figures?.n ?? 0}
          data-open={figures?.openNow ?? 0}
          data-overdue={figures?.overdueNow ?? 0}
          data-pct={figures?.pctResponseOnTime ?? ''}
          data-misrouted={figures?.misrouted ?? 0}
        >
          {/* Drawn by the declutter pass when the label has to stand away from its area. */}
          <span className="peta-leader" aria-hidden="true" style={{ display: 'none' }} />
          <span className="peta-label-name">{nama}</span>
          <span className="peta-label-value">
            {/* The class colour beside the number: an island can be smaller than its own outline. */}
            <span className="peta-swatch" data-cls={cls} aria-hidden="true" />
            {valueText}
          </span>
        </span>
      </Tooltip>
    </Marker>
  )
}

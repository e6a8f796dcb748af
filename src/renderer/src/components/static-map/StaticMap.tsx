// A choropleth drawn as plain SVG, for maps that are looked at rather than explored: briefing slides and wall
// panels. Unlike the Peta screen's Leaflet map it has no tiles, no zoom and no pixel positions, so it scales with
// its box (a 4K wall, a 1920×1080 PDF page) and prints as vectors exactly as it shows. Colours and classes are the
// Peta screen's own (peta/classes.ts, the palette in peta.css), so the same numbers look the same everywhere.
import { useId, useLayoutEffect, useMemo, useRef } from 'react'
import type { Feature, Geometry } from 'geojson'
import { classKey, type Scale } from '#renderer/screens/peta/classes.ts'
import { projectAreas } from './project.ts'
import { drawLeader, placeLabels } from '../labelPlacement.ts'
import '#renderer/screens/peta/peta.css'
import './static-map.css'

export type MapShapes = { features: unknown[] } | undefined

type StaticMapProps = {
  shapes: MapShapes
  /** The value of each area by kode (null: no data); areas missing here are drawn as loading. */
  values: Map<string, number | null> | undefined
  scale: Scale | null
  /** For a share on time the lowest value needs attention most, and wins a label collision. */
  isHigherBetter: boolean
  format(value: number | null): string
  label: string
  testId: string
}

export function StaticMap({ shapes, values, scale, isHigherBetter, format, label, testId }: StaticMapProps) {
  const hatch = useId()
  const projection = useMemo(
    () => projectAreas((shapes?.features ?? []) as Feature<Geometry, { kode: string; nama: string; lat: number; lon: number }>[]),
    [shapes],
  )
  const { width, height, areas } = projection
  // Labels of the areas that most need attention win a collision: the highest value (lowest for a share).
  const ranks = useMemo(() => {
    const sorted = [...areas].sort((a, b) => {
      const x = values?.get(a.kode) ?? null
      const y = values?.get(b.kode) ?? null
      if (x === y) return a.kode.localeCompare(b.kode)
      if (x === null) return 1
      if (y === null) return -1
      return isHigherBetter ? x - y : y - x
    })
    return new Map(sorted.map((a, i) => [a.kode, i]))
  }, [areas, values, isHigherBetter])
  const box = useRef<HTMLDivElement>(null)
  const signature = areas.map((a) => `${a.kode}=${values?.get(a.kode) ?? ''}`).join()
  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    declutter(el)
    const observer = new ResizeObserver(() => declutter(el))
    observer.observe(el)
    return () => observer.disconnect()
  }, [signature])
  // Each area with its value and class, once for the fills and once more for the labels.
  const classed = areas.map((area) => {
    const value = values?.get(area.kode)
    return { area, value, cls: value === undefined || !scale ? 'loading' : classKey(scale.classify(value)) }
  })

  return (
    <div className="smap" data-testid={testId} role="img" aria-label={label}>
      <div className="smap-box" ref={box} style={{ aspectRatio: `${width} / ${height}`, ['--smap-ratio' as string]: width / height }}>
        <svg className="smap-svg" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
          <defs>
            {/* "No data" striped, as on the Peta screen: grey alone could be read as a low value. */}
            <pattern id={hatch} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
              <rect className="peta-hatch-bg" width="8" height="8" />
              <line className="peta-hatch-line" x1="0" y1="0" x2="0" y2="8" />
            </pattern>
          </defs>
          {classed.map(({ area: a, value, cls }) => (
            <path
              key={a.kode}
              className="smap-area"
              d={a.d}
              data-kode={a.kode}
              data-cls={cls}
              data-value={value ?? ''}
              style={cls === 'none' ? { fill: `url(#${CSS.escape(hatch)})` } : undefined}
            />
          ))}
        </svg>
        <div className="smap-labels">
          {classed.map(({ area: a, value, cls }) => (
            <span
              key={a.kode}
              className="smap-label"
              data-testid={`${testId}-label`}
              data-kode={a.kode}
              data-rank={ranks.get(a.kode) ?? 0}
              data-value={value ?? ''}
              style={{ left: `${(100 * a.x) / width}%`, top: `${(100 * a.y) / height}%` }}
            >
              <span className="peta-leader" aria-hidden="true" style={{ display: 'none' }} />
              <span className="smap-label-name">{a.nama}</span>
              <span className="smap-label-value">
                <span className="peta-swatch" data-cls={cls} aria-hidden="true" />
                {value === undefined ? '…' : format(value)}
              </span>
            </span>
          ))}
        </div>
      </div>
    </div>
  )
}

/**
 * Keeps every label legible and inside the map: in rank order each takes its point, a spot just above or below, or
 * a free spot further out with a leader line (labelPlacement.ts); hidden only when no spot is left. Shifts are
 * written as a share of the label's own size, so the result holds when the box is scaled (screen, print).
 */
function declutter(box: HTMLElement) {
  const labels = [...box.querySelectorAll<HTMLElement>('.smap-label')].sort((a, b) => Number(a.dataset.rank) - Number(b.dataset.rank))
  for (const label of labels) label.style.translate = ''
  const rects = labels.map((l) => l.getBoundingClientRect())
  const offsets = placeLabels(rects, box.getBoundingClientRect(), 2)
  labels.forEach((label, i) => {
    const o = offsets[i]
    const r = rects[i]
    label.classList.toggle('is-crowded', o === null)
    label.style.translate = o && (o.dx || o.dy) ? `${(100 * o.dx) / r.width}% ${(100 * o.dy) / r.height}%` : ''
    const line = label.querySelector<HTMLElement>('.peta-leader')
    if (line) drawLeader(line, o, r.width / 2, r.height / 2)
  })
}

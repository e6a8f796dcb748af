// A choropleth drawn as plain SVG, for maps that are looked at rather than explored: briefing slides and wall
// panels. Unlike the Peta screen's Leaflet map it has no tiles, no zoom and no pixel positions, so it scales with
// its box (a 4K wall, a 1920×1080 PDF page) and prints as vectors exactly as it shows. Colours and classes are the
// Peta screen's own (peta/classes.ts, the palette in peta.css), so the same numbers look the same everywhere.
import { useId, useLayoutEffect, useMemo, useRef } from 'react'
import type { Feature, Geometry } from 'geojson'
import { classKey, type Scale } from '#renderer/screens/peta/classes.ts'
import { projectAreas } from './project.ts'
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
          {areas.map((a) => {
            const value = values?.get(a.kode)
            const cls = value === undefined || !scale ? 'loading' : classKey(scale.classify(value))
            return (
              <path
                key={a.kode}
                className="smap-area"
                d={a.d}
                data-kode={a.kode}
                data-cls={cls}
                data-value={value ?? ''}
                style={cls === 'none' ? { fill: `url(#${CSS.escape(hatch)})` } : undefined}
              />
            )
          })}
        </svg>
        <div className="smap-labels">
          {areas.map((a) => {
            const value = values?.get(a.kode)
            const cls = value === undefined || !scale ? 'loading' : classKey(scale.classify(value))
            return (
              <span
                key={a.kode}
                className="smap-label"
                data-testid={`${testId}-label`}
                data-kode={a.kode}
                data-rank={ranks.get(a.kode) ?? 0}
                data-value={value ?? ''}
                style={{ left: `${(100 * a.x) / width}%`, top: `${(100 * a.y) / height}%` }}
              >
                <span className="smap-label-name">{a.nama}</span>
                <span className="smap-label-value">
                  <span className="peta-swatch" data-cls={cls} aria-hidden="true" />
                  {value === undefined ? '…' : format(value)}
                </span>
              </span>
            )
          })}
        </div>
      </div>
    </div>
  )
}

/** Shifts tried, in label heights, before a label is hidden: its own point, then a little above or below. */
const SHIFTS = [0, -0.6, 0.6, -1.1, 1.1]

/**
 * Keeps labels from overlapping: in rank order each takes its point or a spot just above or below, or is hidden.
 * Shifts are written as a share of the label's own height, so the result holds at any size (screen, print).
 */
function declutter(box: HTMLElement) {
  const labels = [...box.querySelectorAll<HTMLElement>('.smap-label')].sort((a, b) => Number(a.dataset.rank) - Number(b.dataset.rank))
  const kept: DOMRect[] = []
  const gap = 2
  const isFree = (r: DOMRect) => !kept.some((k) => r.left < k.right + gap && r.right > k.left - gap && r.top < k.bottom + gap && r.bottom > k.top - gap)
  for (const label of labels) {
    label.style.translate = ''
    const r = label.getBoundingClientRect()
    const shift = SHIFTS.find((s) => isFree(new DOMRect(r.x, r.y + s * r.height, r.width, r.height)))
    label.classList.toggle('is-crowded', shift === undefined)
    label.style.translate = shift ? `0 ${shift * 100}%` : ''
    if (shift !== undefined) kept.push(new DOMRect(r.x, r.y + shift * r.height, r.width, r.height))
  }
}

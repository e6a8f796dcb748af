// Projects kecamatan boundaries (GeoJSON, lon/lat) onto a flat SVG drawing once, for maps that are looked at
// rather than explored: a briefing slide (printed to PDF as vectors, at any size) and a wall panel. Near the
// equator a plain equirectangular projection with the longitude scaled by cos(latitude) is true enough.
import type { Feature, Geometry, Position } from 'geojson'

/** Width of the drawing in SVG units; the height follows the region's shape. */
const WIDTH = 1000
/** Points closer than this (SVG units) to the last kept one are dropped: invisible, and halves the path size. */
const MIN_STEP = 0.6

export type ProjectedArea = { kode: string; nama: string; d: string; x: number; y: number }
export type Projection = { width: number; height: number; areas: ProjectedArea[] }

type AreaFeature = Feature<Geometry, { kode: string; nama: string; lat: number; lon: number }>

function rings(g: Geometry): Position[][] {
  if (g.type === 'Polygon') return g.coordinates
  if (g.type === 'MultiPolygon') return g.coordinates.flat()
  return []
}

export function projectAreas(features: AreaFeature[]): Projection {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const f of features) {
    for (const ring of rings(f.geometry)) {
      for (const [lon, lat] of ring) {
        minX = Math.min(minX, lon)
        maxX = Math.max(maxX, lon)
        minY = Math.min(minY, lat)
        maxY = Math.max(maxY, lat)
      }
    }
  }
  if (!Number.isFinite(minX)) return { width: WIDTH, height: WIDTH / 2, areas: [] }
  const kx = Math.cos((((minY + maxY) / 2) * Math.PI) / 180)
  const scale = WIDTH / Math.max((maxX - minX) * kx, 1e-9)
  const height = Math.max(1, (maxY - minY) * scale)
  const px = (lon: number) => (lon - minX) * kx * scale
  const py = (lat: number) => (maxY - lat) * scale
  const round = (v: number) => Math.round(v * 10) / 10
  return {
    width: WIDTH,
    height: round(height),
    areas: features.map((f) => {
      const parts: string[] = []
      for (const ring of rings(f.geometry)) {
        let last: [number, number] | null = null
        const points: string[] = []
        for (const [lon, lat] of ring) {
          const p: [number, number] = [px(lon), py(lat)]
          if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP) continue
          points.push(`${round(p[0])} ${round(p[1])}`)
          last = p
        }
        // A tiny island reduced to fewer than three points still gets drawn: it is a kecamatan too.
        if (points.length >= 1) parts.push(`M${points.join('L')}Z`)
      }
      const { kode, nama, lat, lon } = f.properties
      return { kode, nama, d: parts.join(''), x: px(lon), y: py(lat) }
    }),
  }
}

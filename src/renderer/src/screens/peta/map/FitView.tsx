// Frames the view (the kabupaten, or the open kecamatan) when the view changes and when the map is resized, and
// at no other time: new numbers from a live refresh leave the user's zoom and pan alone.
import { useEffect, useRef } from 'react'
import { useMap } from 'react-leaflet'
import { geoJSON } from 'leaflet'
import type { Feature, FeatureCollection } from 'geojson'

export function FitView({ viewKey, features }: { viewKey: string; features: Feature[] }) {
  const map = useMap()
  const latest = useRef(features)
  latest.current = features
  const isReady = features.length > 0
  useEffect(() => {
    if (!isReady) return
    const fit = () => {
      const collection: FeatureCollection = { type: 'FeatureCollection', features: latest.current }
      const bounds = geoJSON(collection).getBounds()
      if (!bounds.isValid()) return
      map.invalidateSize({ animate: false })
      const pad = parseFloat(getComputedStyle(document.documentElement).fontSize) * 1.5
      map.fitBounds(bounds, { padding: [pad, pad], animate: false })
    }
    fit()
    // Leaflet measures its container once; a wall screen may change size (window, 4K) after the first paint.
    let last = ''
    const observer = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry.contentRect.width)}x${Math.round(entry.contentRect.height)}`
      if (last !== '' && size !== last) fit()
      last = size
    })
    observer.observe(map.getContainer())
    return () => observer.disconnect()
  }, [map, viewKey, isReady])
  return null
}

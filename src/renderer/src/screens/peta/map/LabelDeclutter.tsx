// Keeps labels from overlapping and inside the map (desa in a dense kecamatan, a cluster of island kecamatan): in
// rank order each label takes its own point, a spot just above or below it, or a free spot further out with a
// leader line to its area (components/labelPlacement.ts); only when the map has no free spot left is it hidden.
// It runs after every zoom and pan and whenever label text appears or changes. A hidden label's area still shows
// its numbers on hover and in the side list.
import { useEffect } from 'react'
import { useMap } from 'react-leaflet'
import { drawLeader, placeLabels } from '#renderer/components/labelPlacement.ts'

const GAP_PX = 6

export function LabelDeclutter() {
  const map = useMap()
  useEffect(() => {
    let frame = 0
    const run = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => declutter(map.getContainer()))
    }
    // react-leaflet renders a permanent tooltip's content a render after Leaflet opens it, so watch the pane
    // rather than trust any one React effect to come after the text. Leaflet then re-centres the tooltip on its
    // point by rewriting the tooltip's style, with no zoom or move event: a pass that ran before that placed the
    // label from a box that is no longer there (a label left past the map's edge, another hidden for nothing).
    // So a tooltip's own style counts too; the styles this pass writes (on the text and the leader inside) do not,
    // or it would wake itself.
    const observer = new MutationObserver((records) => {
      if (records.some((r) => r.type !== 'attributes' || (r.target as HTMLElement).classList.contains('leaflet-tooltip'))) run()
    })
    observer.observe(map.getPane('tooltipPane')!, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['style'] })
    // The map's box changes with the layout around it (the side panel, the window) without a Leaflet event unless
    // someone calls invalidateSize: the bounds the labels must stay inside change with it.
    const resize = new ResizeObserver(() => {
      map.invalidateSize({ pan: false })
      run()
    })
    resize.observe(map.getContainer())
    map.on('zoomend moveend resize viewreset', run)
    run()
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      resize.disconnect()
      map.off('zoomend moveend resize viewreset', run)
    }
  }, [map])
  return null
}

function declutter(container: HTMLElement) {
  const labels = [...container.querySelectorAll<HTMLElement>('.peta-label-text')]
    .map((text) => ({ text, tip: text.closest<HTMLElement>('.leaflet-tooltip'), rank: Number(text.dataset.rank) }))
    .filter((l): l is { text: HTMLElement; tip: HTMLElement; rank: number } => l.tip !== null)
    .sort((a, b) => a.rank - b.rank)
  // Leaflet positions the tooltip box; the shift goes on the text inside it, so the box measures unshifted.
  const boxes = labels.map((l) => l.tip.getBoundingClientRect())
  const offsets = placeLabels(boxes, container.getBoundingClientRect(), GAP_PX)
  labels.forEach(({ text, tip }, i) => {
    const o = offsets[i]
    tip.classList.toggle('is-crowded', o === null)
    text.style.translate = o && (o.dx || o.dy) ? `${Math.round(o.dx)}px ${Math.round(o.dy)}px` : ''
    const line = text.querySelector<HTMLElement>('.peta-leader')
    if (line) drawLeader(line, o, boxes[i].width / 2, boxes[i].height / 2)
    text.classList.toggle('is-callout', line?.style.display === '')
  })
}

// Keeps labels from overlapping (desa in a dense kecamatan, a zoomed-out view): in rank order, each label takes its
// own point or a spot just above or below it, or is hidden if none is free. It runs after every zoom and pan and
// whenever label text appears or changes. A hidden label's area still shows its numbers on hover and in the side list.
import { useEffect } from 'react'
import { useMap } from 'react-leaflet'

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
    // rather than trust any one React effect to come after the text.
    const observer = new MutationObserver(run)
    observer.observe(map.getPane('tooltipPane')!, { childList: true, subtree: true, characterData: true })
    map.on('zoomend moveend resize', run)
    run()
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      map.off('zoomend moveend resize', run)
    }
  }, [map])
  return null
}

/** Shifts tried, in label heights, before a label is hidden: its own point first, then a little above or below. */
const SHIFTS = [0, -0.6, 0.6, -1.1, 1.1]

function declutter(container: HTMLElement) {
  const labels = [...container.querySelectorAll<HTMLElement>('.peta-label-text')]
    .map((text) => ({ text, tip: text.closest<HTMLElement>('.leaflet-tooltip'), rank: Number(text.dataset.rank) }))
    .filter((l): l is { text: HTMLElement; tip: HTMLElement; rank: number } => l.tip !== null)
    .sort((a, b) => a.rank - b.rank)
  const kept: DOMRect[] = []
  const isFree = (r: DOMRect) =>
    !kept.some((k) => r.left < k.right + GAP_PX && r.right > k.left - GAP_PX && r.top < k.bottom + GAP_PX && r.bottom > k.top - GAP_PX)
  for (const { text, tip } of labels) {
    // Leaflet positions the tooltip box; the shift goes on the text inside it, so the box measures unshifted.
    const box = tip.getBoundingClientRect()
    const dy = SHIFTS.map((s) => s * box.height).find((d) => isFree(new DOMRect(box.x, box.y + d, box.width, box.height)))
    tip.classList.toggle('is-crowded', dy === undefined)
    text.style.translate = dy ? `0 ${Math.round(dy)}px` : ''
    if (dy !== undefined) kept.push(new DOMRect(box.x, box.y + dy, box.width, box.height))
  }
}

// Where each map label goes so that every area is named and no two names overlap: in rank order, a label takes
// its own point, or a spot just above or below it, or else the nearest free spot on widening rings around the
// point, where it is drawn with a leader line back to its area (a callout, as printed atlases label a cluster of
// small islands). Spots must lie inside the map's box, so no label is clipped at an edge. Shared by the Peta
// screen's Leaflet map and the static maps of the wall and the briefing.

export type Offset = { dx: number; dy: number }

/** Small vertical shifts, in label heights: still reads as "on" the area, no leader line needed. */
const SHIFTS = [0, -0.6, 0.6, -1.1, 1.1]
const RINGS = 16
const DIRECTIONS = 24

function candidates(w: number, h: number): Offset[] {
  const out: Offset[] = SHIFTS.map((s) => ({ dx: 0, dy: s * h }))
  for (let k = 1; k <= RINGS; k++) {
    for (let i = 0; i < DIRECTIONS; i++) {
      // Start straight up and alternate sides, so equally near spots are tried in a stable, balanced order.
      const a = -Math.PI / 2 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * ((2 * Math.PI) / DIRECTIONS)
      out.push({ dx: Math.cos(a) * k * 0.55 * (w + h), dy: Math.sin(a) * k * 1.0 * h })
    }
  }
  return out
}

/**
 * Offsets for label boxes given in rank order (their unshifted screen rectangles), or null where no free spot
 * inside `bounds` exists. `gap` is the clear space kept between labels, in pixels.
 */
export function placeLabels(boxes: DOMRect[], bounds: DOMRect, gap: number): (Offset | null)[] {
  const kept: DOMRect[] = []
  const leaders: [number, number, number, number][] = []
  const hits = (r: DOMRect, x: number, y: number) => x > r.left - gap && x < r.right + gap && y > r.top - gap && y < r.bottom + gap
  // A leader line is checked at points along it: it must cross no other label, and no label may sit on it.
  const along = ([x1, y1, x2, y2]: [number, number, number, number]) =>
    Array.from({ length: 15 }, (_, i) => [x1 + ((i + 1) / 16) * (x2 - x1), y1 + ((i + 1) / 16) * (y2 - y1)] as const)
  const isFree = (r: DOMRect, leader: [number, number, number, number] | null, isStrict: boolean) =>
    r.left >= bounds.left &&
    r.right <= bounds.right &&
    r.top >= bounds.top &&
    r.bottom <= bounds.bottom &&
    !kept.some((k) => r.left < k.right + gap && r.right > k.left - gap && r.top < k.bottom + gap && r.bottom > k.top - gap) &&
    !leaders.some((l) => along(l).some(([x, y]) => hits(r, x, y))) &&
    // A label already standing on this one's point is no reason to refuse every spot: its line starts there anyway.
    !(isStrict && leader && along(leader).some(([x, y]) => kept.some((k) => hits(k, x, y) && !hits(k, leader[0], leader[1]))))
  return boxes.map((box) => {
    const cx = box.x + box.width / 2
    const cy = box.y + box.height / 2
    const leaderOf = (o: Offset) => (needsLeader(o, box.height) ? ([cx, cy, cx + o.dx, cy + o.dy] as [number, number, number, number]) : null)
    const spots = candidates(box.width, box.height)
    const free = (o: Offset, isStrict: boolean) => isFree(new DOMRect(box.x + o.dx, box.y + o.dy, box.width, box.height), leaderOf(o), isStrict)
    // An area ringed by other names (Natuna's Bunguran Besar: Barat, Tengah and Batubi inside a circle of callouts)
    // has no line out that misses them all: its line may then pass behind a name rather than leave it unnamed.
    const at = spots.find((o) => free(o, true)) ?? spots.find((o) => free(o, false))
    if (!at) return null
    kept.push(new DOMRect(box.x + at.dx, box.y + at.dy, box.width, box.height))
    const leader = leaderOf(at)
    if (leader) leaders.push(leader)
    return at
  })
}

/** Whether a label moved far enough from its point to need a leader line. */
export function needsLeader(o: Offset, h: number): boolean {
  return Math.abs(o.dx) > 1 || Math.abs(o.dy) > 0.65 * h
}

/**
 * Draws `line` (an absolutely placed element at the centre of a label moved by `o`) from the label's own point to
 * the edge of the label's box (half-size w × h), so the line ends at the name instead of crossing it.
 */
export function drawLeader(line: HTMLElement, o: Offset | null, w: number, h: number): void {
  if (!o || !needsLeader(o, 2 * h)) {
    line.style.display = 'none'
    return
  }
  const dist = Math.hypot(o.dx, o.dy)
  const ux = o.dx / dist
  const uy = o.dy / dist
  const toEdge = Math.min(ux ? w / Math.abs(ux) : Infinity, uy ? h / Math.abs(uy) : Infinity)
  const length = Math.max(0, dist - toEdge)
  line.style.display = ''
  line.style.width = `${length}px`
  line.style.transform = `translate(${-o.dx}px, ${-o.dy}px) rotate(${Math.atan2(o.dy, o.dx)}rad)`
}

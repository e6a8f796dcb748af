declare module 'polylabel' {
  /** Pole of inaccessibility of a polygon given as rings of [x, y]; a good place for a label. */
  export default function polylabel(polygon: number[][][], precision?: number): [number, number] & { distance: number }
}

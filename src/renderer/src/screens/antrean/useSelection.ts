// Checkbox selection for bulk actions: toggle one, shift-click for the range from the last one toggled, select
// every loaded row. The selection remembers what the screen knew of each complaint (tracking ID, unit), so the
// outcome of a bulk action can name what was refused even after the rows have scrolled away or moved queues.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionTarget } from './actions/actions.ts'
import type { QueueRow } from './useQueueRows.ts'

export type Selection = {
  selected: ReadonlyMap<number, ActionTarget>
  toggle(index: number, row: QueueRow, isRange: boolean, loaded: { index: number; row: QueueRow }[]): void
  selectAll(loaded: { index: number; row: QueueRow }[]): void
  /** Drops the given complaints (e.g. the ones an action has just handled). */
  remove(ids: number[]): void
  clear(): void
}

const target = (row: QueueRow): ActionTarget => ({ id: row.id, tracking_id: row.tracking_id, unit_id: row.unit_id })

/** A new queue or filter (resetKey) starts with nothing selected: a bulk action must only touch what is shown. */
export function useSelection(resetKey: string): Selection {
  const [selected, setSelected] = useState<ReadonlyMap<number, ActionTarget>>(new Map())
  const anchor = useRef<number | null>(null)
  useEffect(() => {
    setSelected(new Map())
    anchor.current = null
  }, [resetKey])

  const toggle = useCallback<Selection['toggle']>((index, row, isRange, loaded) => {
    const from = anchor.current
    setSelected((prev) => {
      const next = new Map(prev)
      if (isRange && from !== null) {
        const [lo, hi] = from < index ? [from, index] : [index, from]
        for (const r of loaded) if (r.index >= lo && r.index <= hi) next.set(r.row.id, target(r.row))
      } else if (next.has(row.id)) next.delete(row.id)
      else next.set(row.id, target(row))
      return next
    })
    anchor.current = index
  }, [])

  return {
    selected,
    toggle,
    selectAll: (loaded) => setSelected(new Map(loaded.map((r) => [r.row.id, target(r.row)]))),
    remove: (ids) =>
      setSelected((prev) => {
        const next = new Map(prev)
        for (const id of ids) next.delete(id)
        return next
      }),
    clear: () => {
      setSelected(new Map())
      anchor.current = null
    },
  }
}

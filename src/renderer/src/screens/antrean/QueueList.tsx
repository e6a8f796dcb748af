// The queue as a virtualised grid: the DOM holds only the rows on screen (plus a few), whatever the total, and
// the pages behind them are fetched as the user scrolls (useQueueRows). Rows have one fixed height so a jump to
// row 80,000 lands exactly, without measuring anything.
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useNow, useRemPx } from '#renderer/hooks.ts'
import { QueueItem } from './QueueItem.tsx'
import type { QueueRow, QueueRows } from './useQueueRows.ts'

/** Row height in rem: the title and up to two lines of facts (never cut); in a narrow list age and deadline take a line below. */
const ROW_REM = 5.6
const NARROW_ROW_REM = 7.8
/** Below this width (in rem) the facts of a row do not fit one line. */
const NARROW_REM = 95
const OVERSCAN = 6

type QueueListProps = {
  rows: QueueRows
  /** Changes when the queue or its filters change: the list goes back to the top. */
  resetKey: string
  cursor: number
  openId: number | undefined
  selected: ReadonlyMap<number, unknown>
  timeZone: string
  onOpen(index: number, row: QueueRow): void
  onToggle(index: number, row: QueueRow, isRange: boolean): void
  /** One-click reassignment to the suggested unit (the misrouted queue, for a supervisor). */
  onReassign?(row: QueueRow): void
}

export function QueueList({ rows, resetKey, cursor, openId, selected, timeZone, onOpen, onToggle, onReassign }: QueueListProps) {
  const { t } = useTranslation()
  const scrollRef = useRef<HTMLDivElement>(null)
  const remPx = useRemPx()
  const [width, setWidth] = useState(0)
  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const observer = new ResizeObserver(() => setWidth(el.clientWidth))
    observer.observe(el)
    setWidth(el.clientWidth)
    return () => observer.disconnect()
  }, [])
  const isNarrow = width > 0 && width < NARROW_REM * remPx
  const rowPx = Math.round(remPx * (isNarrow ? NARROW_ROW_REM : ROW_REM))
  const now = useNow(60_000)
  const virtualizer = useVirtualizer({
    count: rows.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowPx,
    overscan: OVERSCAN,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.at(-1)?.index ?? 0
  const { setWindow } = rows

  useEffect(() => virtualizer.measure(), [rowPx, virtualizer])
  useEffect(() => setWindow(first, last), [first, last, setWindow])
  useEffect(() => {
    if (cursor >= 0) virtualizer.scrollToIndex(cursor, { align: 'auto' })
  }, [cursor, virtualizer])
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 })
  }, [resetKey])

  return (
    <div
      ref={scrollRef}
      className={`queue-scroll ${isNarrow ? 'is-narrow' : ''}`}
      role="grid"
      aria-label={t('antrean.listLabel')}
      aria-rowcount={rows.total ?? -1}
      aria-multiselectable="true"
      data-testid="queue-list"
    >
      {rows.total === 0 && <p className="empty queue-empty">{t('antrean.empty')}</p>}
      <div className="queue-space" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows.rowAt(item.index)
          return (
            <QueueItem
              key={item.key}
              index={item.index}
              row={row}
              top={item.start}
              height={rowPx}
              now={now}
              timeZone={timeZone}
              isCursor={item.index === cursor}
              isOpen={row !== undefined && row.id === openId}
              isSelected={row !== undefined && selected.has(row.id)}
              onOpen={onOpen}
              onToggle={onToggle}
              onReassign={onReassign}
            />
          )
        })}
      </div>
    </div>
  )
}

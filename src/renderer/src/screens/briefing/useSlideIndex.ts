// The slide on screen lives in the URL (?salindia=3), so a reload, a bookmark or a second window opens the same
// slide; moving replaces the history entry rather than filling the back button with slides.
import { useCallback, useRef } from 'react'
import { useSearchParams } from 'react-router'

function indexIn(params: URLSearchParams, total: number): number {
  const asked = Number(params.get('salindia'))
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, total) - 1 : 0
}

export function useSlideIndex(total: number): { index: number; go(index: number): void; step(delta: number): void } {
  const [params, setParams] = useSearchParams()
  const index = indexIn(params, total)
  // The slide last asked for, until the URL shows it: a clicker pressed twice before the router has caught up
  // must move two slides, and the router's own "previous" search params would still be the old ones.
  const pending = useRef<number | null>(null)
  if (pending.current === index) pending.current = null
  const current = useRef(index)
  current.current = index
  const go = useCallback(
    (next: number) => {
      const clamped = Math.max(0, Math.min(total - 1, next))
      pending.current = clamped
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev)
          if (clamped === 0) p.delete('salindia')
          else p.set('salindia', String(clamped + 1))
          return p
        },
        { replace: true },
      )
    },
    [setParams, total],
  )
  const step = useCallback((delta: number) => go((pending.current ?? current.current) + delta), [go])
  return { index, go, step }
}

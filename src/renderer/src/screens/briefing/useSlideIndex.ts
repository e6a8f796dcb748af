// The slide on screen lives in the URL (?salindia=3), so a reload, a bookmark or a second window opens the same
// slide; moving replaces the history entry rather than filling the back button with slides.
import { useCallback } from 'react'
import { useSearchParams } from 'react-router'

export function useSlideIndex(total: number): { index: number; go(index: number): void } {
  const [params, setParams] = useSearchParams()
  const asked = Number(params.get('salindia'))
  const index = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, total) - 1 : 0
  const go = useCallback(
    (next: number) => {
      const clamped = Math.max(0, Math.min(total - 1, next))
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
  return { index, go }
}

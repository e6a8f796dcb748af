// Small time hooks shared by the frame and the screens.
import { useEffect, useState } from 'react'

/** The current time, refreshed every `everyMs` (the clock and rolling periods need it; nothing else does). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs)
    return () => window.clearInterval(timer)
  }, [everyMs])
  return now
}

/** Pixels per rem. The root size follows the screen (see app.css), and SVG charts need sizes in pixels. */
export function useRemPx(): number {
  const read = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
  const [px, setPx] = useState(read)
  useEffect(() => {
    const onResize = () => setPx(read())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return px
}

// Which panel a rotating wall shows: the next one every `ms`, and the overdue panel at once when an alarm arrives
// (if it is in the set), from where the rotation goes on.
import { useEffect, useRef, useState } from 'react'
import type { PanelKey } from './config.ts'

export function useRotation(panels: PanelKey[], isRotating: boolean, ms: number, alarmSerial: number): number {
  const [index, setIndex] = useState(0)
  const [restart, setRestart] = useState(0)
  // The set is rebuilt from the URL on every render; only a new alarm may move the rotation.
  const current = useRef(panels)
  current.current = panels
  useEffect(() => {
    if (!isRotating || panels.length < 2) return
    const timer = window.setInterval(() => setIndex((i) => (i + 1) % panels.length), ms)
    return () => window.clearInterval(timer)
  }, [isRotating, panels.length, ms, restart])
  useEffect(() => {
    if (alarmSerial === 0) return
    const overdue = current.current.indexOf('terlambat')
    if (overdue >= 0) {
      setIndex(overdue)
      setRestart((n) => n + 1)
    }
  }, [alarmSerial])
  return index % Math.max(1, panels.length)
}

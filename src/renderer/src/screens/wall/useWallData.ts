// The wall's data: one snapshot from the server every few seconds and at once on every change pushed by the live
// channel, kept on screen when the server cannot be reached (with the time it was last received), and the alarm
// list of complaints that became overdue since the previous snapshot. A wall runs for weeks without a human:
// nothing here gives up — a failed request is simply tried again on the next tick.
import { useCallback, useEffect, useRef, useState } from 'react'
import { skipToken, useQueryClient } from '@tanstack/react-query'
import { useSubscription } from '@trpc/tanstack-react-query'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import type { Period } from '#shared/domain.ts'

export type WallSnapshot = Outputs['wall']['snapshot']
export type WallCase = WallSnapshot['feed'][number]
export type Alarm = { case: WallCase; at: number }

export type WallData = {
  snapshot: WallSnapshot | undefined
  /** When the last snapshot arrived (this screen's clock). */
  receivedAt: number | null
  /** The last request failed: the snapshot on screen is stale. */
  isStale: boolean
  /** Newly overdue complaints, newest first, still within the alarm time. */
  alarms: Alarm[]
  /** Changes every time a new alarm arrives (the rotation jumps to the overdue panel). */
  alarmSerial: number
}

export function useWallData(kabupaten: string | undefined, period: Period, refreshMs: number, alarmMs: number): WallData {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [state, setState] = useState<{ snapshot?: WallSnapshot; receivedAt: number | null; isStale: boolean }>({ receivedAt: null, isStale: false })
  const [alarms, setAlarms] = useState<Alarm[]>([])
  const [alarmSerial, setAlarmSerial] = useState(0)
  // The previous answer's server time and highest id: what became overdue after it is new.
  const watermark = useRef<{ key: string; since: number; sinceId: number } | null>(null)
  const inFlight = useRef(false)
  const { from, to } = period
  const key = `${kabupaten}|${from}|${to}`
  const currentKey = useRef(key)
  currentKey.current = key

  const refresh = useCallback(async () => {
    if (!kabupaten || inFlight.current) return
    inFlight.current = true
    const w = watermark.current?.key === key ? watermark.current : null
    try {
      const snapshot = await queryClient.fetchQuery({
        ...trpc.wall.snapshot.queryOptions({ kabupaten, period: { from, to }, ...(w ? { since: w.since, sinceId: w.sinceId } : {}) }),
        staleTime: 0,
        gcTime: 0,
        retry: false,
      })
      if (currentKey.current !== key) return // the wall moved to another kabupaten or period meanwhile
      watermark.current = { key, since: snapshot.now, sinceId: snapshot.maxId }
      setState({ snapshot, receivedAt: Date.now(), isStale: false })
      if (snapshot.newlyOverdue.length > 0) {
        const at = Date.now()
        setAlarms((list) => {
          const known = new Set(list.map((a) => a.case.id))
          return [...snapshot.newlyOverdue.filter((c) => !known.has(c.id)).map((c) => ({ case: c, at })), ...list]
        })
        setAlarmSerial((n) => n + 1)
      }
    } catch {
      setState((s) => ({ ...s, isStale: true }))
    } finally {
      inFlight.current = false
    }
    // Keyed by the period's dates: the filters hand out a new period object on every render.
  }, [kabupaten, key, from, to, queryClient, trpc])

  // Another kabupaten or period: start over (no alarm for what was already overdue).
  useEffect(() => {
    setAlarms([])
    setState({ receivedAt: null, isStale: false })
  }, [key])

  useEffect(() => {
    void refresh()
    const timer = window.setInterval(() => void refresh(), refreshMs)
    return () => window.clearInterval(timer)
  }, [refresh, refreshMs])

  // Alarms fade after their time; checked every second so the banner goes away on time.
  useEffect(() => {
    if (alarms.length === 0) return
    const timer = window.setInterval(() => setAlarms((list) => list.filter((a) => Date.now() - a.at < alarmMs)), 1000)
    return () => window.clearInterval(timer)
  }, [alarms.length, alarmMs])

  useSubscription(
    trpc.live.changes.subscriptionOptions(kabupaten ? { kabupaten } : skipToken, {
      onData: () => void refresh(),
      // After a reconnect (a server restart), changes may have been missed: ask at once.
      onStarted: () => void refresh(),
    }),
  )

  return { snapshot: state.snapshot, receivedAt: state.receivedAt, isStale: state.isStale, alarms, alarmSerial }
}

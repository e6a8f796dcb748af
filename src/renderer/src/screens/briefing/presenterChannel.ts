// Keeps a presenter-notes window and the presentation on the same slide (same browser, same origin): whichever
// moves, the other follows. BroadcastChannel needs no server; inside Electron no second window is opened.
import { useEffect, useRef } from 'react'

type Message = { type: 'slide'; index: number; key: string }

/** Posts `index` whenever it changes and calls `onRemote` when the other window moves. */
export function usePresenterChannel(key: string, index: number, onRemote: (index: number) => void): void {
  const channel = useRef<BroadcastChannel | null>(null)
  const remote = useRef(onRemote)
  remote.current = onRemote
  const lastReceived = useRef<number | null>(null)
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return
    const c = new BroadcastChannel('tanggap-briefing')
    c.onmessage = (e: MessageEvent<Message>) => {
      if (e.data?.type !== 'slide' || e.data.key !== key) return
      lastReceived.current = e.data.index
      remote.current(e.data.index)
    }
    channel.current = c
    return () => {
      c.close()
      channel.current = null
    }
  }, [key])
  useEffect(() => {
    // Do not echo back a move that came from the other window.
    if (lastReceived.current === index) {
      lastReceived.current = null
      return
    }
    channel.current?.postMessage({ type: 'slide', index, key } satisfies Message)
  }, [index, key])
}

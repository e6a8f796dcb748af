// The triage loop from the keyboard (listed on screen by the help overlay, '?'). Keys act on the page, not while
// the user types in a field, and not while a dialog is open (a dialog has its own keys: Enter, Esc).
import { useEffect, useRef } from 'react'

export type ShortcutHandlers = Record<string, () => void>

/** Elements where letters are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
}

/** Keys are KeyboardEvent.key values ('j', 'ArrowDown', 'Enter', '?', '1'…). */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const current = useRef(handlers)
  current.current = handlers
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return
      // Enter on a focused button or link means that button; let it be.
      if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.closest('button, a')) return
      const run = current.current[e.key]
      if (!run) return
      e.preventDefault()
      run()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
}

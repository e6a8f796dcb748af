// A modal dialog on the native <dialog> element: the browser keeps focus inside, draws it above everything and
// turns Esc into a "cancel" event. Mounted means open; the parent renders it only while it should show.
import { useEffect, useId, useRef, type ReactNode } from 'react'
import './Dialog.css'

type DialogProps = {
  title: ReactNode
  /** Label of the × button (the caller's language). */
  closeLabel: string
  onClose(): void
  children: ReactNode
  testId?: string
  className?: string
}

export function Dialog({ title, closeLabel, onClose, children, testId, className = '' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (!dialog.open) dialog.showModal()
    // showModal focuses the first focusable element (the × button); the caller marks what should get focus.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    return () => dialog.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={`dialog ${className}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <header className="dialog-head">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button type="button" className="dialog-close" aria-label={closeLabel} title={closeLabel} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  )
}

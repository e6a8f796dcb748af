import type { ReactNode } from 'react'

/** A titled box on a screen. */
export function Panel({ title, className = '', testId, children }: { title: string; className?: string; testId?: string; children: ReactNode }) {
  return (
    <section className={`panel ${className}`} data-testid={testId}>
      <h2 className="panel-title">{title}</h2>
      <div className="panel-body">{children}</div>
    </section>
  )
}

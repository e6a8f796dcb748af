// The frame every content slide shares: title and subtitle on top, the kabupaten, period and page number at the
// foot (a printed page must say what it is even when it is passed around alone).
import type { ReactNode } from 'react'
import { dateFormat, dateLocale, formatDate } from '#renderer/format.ts'
import type { BriefingDeck } from '../types.ts'

type SlideFrameProps = {
  name: string
  /** A shared layout for the body besides its own slide-body-<name> (styles/headline-tiles.css). */
  bodyClass?: string
  title: string
  subtitle?: ReactNode
  deck: BriefingDeck
  children: ReactNode
}

export function SlideFrame({ name, bodyClass, title, subtitle, deck, children }: SlideFrameProps) {
  return (
    <>
      <header className="slide-head">
        <h2 className="slide-title">{title}</h2>
        {subtitle && <p className="slide-sub">{subtitle}</p>}
      </header>
      <div className={`slide-body slide-body-${name}${bodyClass ? ` ${bodyClass}` : ''}`}>{children}</div>
      <footer className="slide-foot">
        <span>{deck.kabupaten.nama}</span>
        <span>
          {formatDate(deck.period.from)} – {formatDate(deck.period.to)}
        </span>
      </footer>
    </>
  )
}

/** "23 November 2026, 15.40 WITA": when the numbers were taken, in the kabupaten's own time and the UI language. */
export function formatTaken(ms: number, timeZone: string, zone: string): string {
  const date = dateFormat(dateLocale(), { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(ms)
  const time = dateFormat(dateLocale(), { timeZone, hour: '2-digit', minute: '2-digit' }).format(ms)
  return `${date}, ${time} ${zone}`
}

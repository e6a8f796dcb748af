import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { formatNumber } from '../format.ts'

type KpiTileProps = {
  /** Test id of the number, e.g. "kpi-masuk"; the tile gets "<id>-tile". */
  testId: string
  label: string
  value: number | null | undefined
  /** Shown instead of the plain number (a percentage, "5 hk"); data-value keeps the raw number. */
  display?: string
  hint?: ReactNode
  tone?: 'neutral' | 'warning' | 'good' | 'alert'
  /** Where the tile leads (the complaints it counts); the whole tile is the link. */
  href?: string
}

/** One big number for the wall. The number is shown in id-ID format and also given raw in data-value. */
export function KpiTile({ testId, label, value, display, hint, tone = 'neutral', href }: KpiTileProps) {
  const body = (
    <>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-testid={testId} data-value={value ?? ''}>
        {value === undefined ? '…' : (display ?? (value === null ? '–' : formatNumber(value)))}
      </div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </>
  )
  return href ? (
    <Link to={href} className={`kpi kpi-${tone} kpi-link`} data-testid={`${testId}-tile`}>
      {body}
    </Link>
  ) : (
    <div className={`kpi kpi-${tone}`} data-testid={`${testId}-tile`}>
      {body}
    </div>
  )
}

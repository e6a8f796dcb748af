import type { ReactNode } from 'react'
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
}

/** One big number for the wall. The number is shown in id-ID format and also given raw in data-value. */
export function KpiTile({ testId, label, value, display, hint, tone = 'neutral' }: KpiTileProps) {
  return (
    <div className={`kpi kpi-${tone}`} data-testid={`${testId}-tile`}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-testid={testId} data-value={value ?? ''}>
        {value === undefined ? '…' : (display ?? (value === null ? '–' : formatNumber(value)))}
      </div>
      {hint && <div className="kpi-hint">{hint}</div>}
    </div>
  )
}

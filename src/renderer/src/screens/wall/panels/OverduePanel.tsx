// Open complaints past a LAPOR! deadline: the total and the longest overdue, with the newly overdue (the alarm) on
// top and marked.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { CaseRow } from './CaseRow.tsx'
import type { Alarm, WallSnapshot } from '../useWallData.ts'

const ROWS = 10

export function OverduePanel({ s, alarms, today }: { s: WallSnapshot; alarms: Alarm[]; today: string }) {
  const { t } = useTranslation()
  const fresh = alarms.map((a) => a.case)
  const freshIds = new Set(fresh.map((c) => c.id))
  const rows = [...fresh, ...s.overdue.cases.filter((c) => !freshIds.has(c.id))].slice(0, ROWS)
  return (
    <div className="wall-overdue">
      <p className="wall-overdue-total" data-testid="wall-overdue-total" data-value={s.overdue.total}>
        {s.overdue.total === 0 ? t('wall.overdue.none') : t('wall.overdue.total', { n: formatNumber(s.overdue.total) })}
      </p>
      <ol className="wall-cases wall-feed">
        {rows.map((c) => (
          <CaseRow key={c.id} c={c} timeZone={s.kabupaten.time_zone} today={today} testId="wall-overdue-item" isNew={freshIds.has(c.id)} showLate />
        ))}
      </ol>
    </div>
  )
}

// The four LAPOR! deadlines of the open complaint as the API judged them (met, missed, pending, overdue, paused),
// with the due moment in the kabupaten's zone and, for what is late, by how much.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { formatInstant, formatSpan } from '../time.ts'
import type { ComplaintDetail } from './DetailPane.tsx'

const RULES = ['verification', 'firstResponse', 'autoClose', 'completion'] as const

export function Deadlines({ deadlines, now, timeZone }: { deadlines: ComplaintDetail['deadlines']; now: number; timeZone: string }) {
  const { t } = useTranslation()
  return (
    <table className="deadlines" data-testid="deadlines">
      <tbody>
        {RULES.map((rule) => {
          const d = deadlines[rule]
          const late = d.state === 'overdue' && d.dueAt !== null ? now - d.dueAt : d.state === 'missed' && d.dueAt !== null && d.doneAt !== null ? d.doneAt - d.dueAt : null
          return (
            <tr key={rule} className={`deadline is-${d.state}`} data-testid={`deadline-${rule}`} data-state={d.state}>
              <th scope="row">
                {t(`antrean.deadlines.${rule}`)}
                <span className="deadline-rule">{t(`antrean.deadlines.${rule}Rule`)}</span>
              </th>
              <td>
                <span className={`deadline-state is-${d.state}`}>{t(`antrean.deadlineStates.${d.state}`)}</span>
                {late !== null && <span className="deadline-late"> {t('antrean.deadlines.late', { span: formatSpan(late, t) })}</span>}
                {d.state === 'pending' && d.dueAt !== null && <span> {t('antrean.deadlines.left', { span: formatSpan(d.dueAt - now, t) })}</span>}
              </td>
              <td className="deadline-when">
                {d.dueAt !== null && <span>{t('antrean.deadlines.due', { at: formatInstant(d.dueAt, timeZone) })}</span>}
                {rule === 'completion'
                  ? deadlines.completion.calendarDays !== null && (
                      <span className="deadline-took">{t('antrean.deadlines.tookDays', { n: formatNumber(deadlines.completion.calendarDays) })}</span>
                    )
                  : d.workingDays !== null && <span className="deadline-took">{t('antrean.deadlines.took', { n: formatNumber(d.workingDays) })}</span>}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

import { useTranslation } from 'react-i18next'
import type { ComplaintDetail } from './ComplaintSummary.tsx'
import { formatDateTime as formatMoment } from '#renderer/format.ts'

const RULES = ['verification', 'firstResponse', 'autoClose', 'completion'] as const

/** The four LAPOR! deadlines as the API judged them, each with its state and due moment. */
export function DeadlineList({ deadlines, timeZone }: { deadlines: ComplaintDetail['deadlines']; timeZone: string }) {
  const { t } = useTranslation()
  return (
    <ul className="peta-deadlines" data-testid="peta-deadlines">
      {RULES.map((rule) => {
        const d = deadlines[rule]
        return (
          <li key={rule} data-state={d.state}>
            <span className="peta-deadline-rule">{t(`peta.deadlines.${rule}`)}</span>
            <span className={`peta-deadline-state is-${d.state}`}>{t(`peta.deadlineStates.${d.state}`)}</span>
            {d.dueAt !== null && d.state !== 'not_applicable' && <span className="peta-deadline-due">{t('peta.deadlines.due', { at: formatMoment(d.dueAt, timeZone) })}</span>}
          </li>
        )
      })}
    </ul>
  )
}

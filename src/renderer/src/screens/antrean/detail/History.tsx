// The complaint's full history, oldest first: arrival, status changes, dispositions from → to with the reason,
// tindak lanjut and the pelapor's replies, notes and location tags, each with who and when.
import { useTranslation } from 'react-i18next'
import { formatInstant } from '../time.ts'
import type { ComplaintDetail } from './DetailPane.tsx'

type HistoryEvent = ComplaintDetail['history'][number]

export function History({ events, timeZone }: { events: HistoryEvent[]; timeZone: string }) {
  const { t } = useTranslation()
  if (events.length === 0) return <p className="empty">{t('antrean.history.none')}</p>
  return (
    <ol className="timeline" data-testid="history">
      {events.map((e) => (
        <li key={e.id} className={`timeline-item kind-${e.kind}`} data-testid="history-item" data-kind={e.kind}>
          <div className="timeline-head">
            <strong className="timeline-what">{headline(e, t)}</strong>
            <span className="timeline-who">
              {e.actor} · <time dateTime={new Date(e.at).toISOString()}>{formatInstant(e.at, timeZone)}</time>
            </span>
          </div>
          {e.reason && (
            <p className="timeline-reason">
              <span className="timeline-label">{t('antrean.history.reason')}</span> {e.reason}
            </p>
          )}
          {e.body && <p className="timeline-body">{e.body}</p>}
        </li>
      ))}
    </ol>
  )
}

function headline(e: HistoryEvent, t: ReturnType<typeof useTranslation>['t']): string {
  const status = (s: string | null) => (s ? t(`status.${s}`) : '–')
  switch (e.kind) {
    case 'status':
      return t('antrean.history.status', { from: status(e.from_status), to: status(e.to_status) })
    case 'disposition':
      return e.from_unit
        ? t('antrean.history.reassign', { from: e.from_unit, to: e.to_unit ?? '–' })
        : t('antrean.history.disposition', { to: e.to_unit ?? '–' })
    default:
      return t(`antrean.history.kinds.${e.kind}`)
  }
}

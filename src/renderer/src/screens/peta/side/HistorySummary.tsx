import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { formatNumber } from '#renderer/format.ts'
import type { ComplaintDetail } from './ComplaintSummary.tsx'
import { formatDateTime as formatMoment } from '#renderer/format.ts'

type HistoryEvent = ComplaintDetail['history'][number]

const SHOWN = 4

/** How much happened (events, tindak lanjut) and the latest few steps, newest first. */
export function HistorySummary({ events, timeZone }: { events: HistoryEvent[]; timeZone: string }) {
  const { t } = useTranslation()
  const responses = events.filter((e) => e.kind === 'tindak_lanjut').length
  const latest = events.slice(-SHOWN).reverse()
  return (
    <div className="peta-history" data-testid="peta-history" data-count={events.length}>
      <p className="peta-history-count">{t('peta.history.count', { n: formatNumber(events.length), tl: formatNumber(responses) })}</p>
      <ol>
        {latest.map((e) => (
          <li key={e.id}>
            <strong>{headline(e, t)}</strong>
            <span className="peta-history-when">
              {formatMoment(e.at, timeZone)} · {e.actor}
            </span>
          </li>
        ))}
      </ol>
    </div>
  )
}

function headline(e: HistoryEvent, t: TFunction): string {
  const status = (s: string | null) => (s ? t(`status.${s}`) : '–')
  if (e.kind === 'status') return t('peta.history.status', { from: status(e.from_status), to: status(e.to_status) })
  if (e.kind === 'disposition') return t('peta.history.disposition', { to: e.to_unit ?? '–' })
  if (e.kind === 'location') return t('peta.history.location', { place: e.body ?? '' })
  return t(`peta.history.kinds.${e.kind}`)
}

// The suggested units in the detail pane: the three most likely, each with its confidence, its bidang where the
// Pemda uses them and the words that decided it; what the suggestion rests on; a warning when the complaint looks
// misrouted; and the accept button (key s), which opens the disposition with the top suggestion filled in.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import type { Role } from '#shared/domain.ts'
import { roleBlock, type ActionTarget } from '../actions/actions.ts'
import { acceptBlock, opdOfSuggestion, pct, suggestionName, useRouting, type Routing, type Suggestion } from './suggestion.ts'
import './routing.css'

type SuggestionPanelProps = {
  complaint: { id: number; tracking_id: string; unit_id: number | null; status: string }
  role: Role | undefined
  onAccept(s: Suggestion): void
}

export function SuggestionPanel({ complaint, role, onAccept }: SuggestionPanelProps) {
  const { t } = useTranslation()
  const routing = useRouting(complaint.id)
  const r = routing.data
  if (!r) return <p className="note">{routing.error ? routing.error.message : t('routing.loading')}</p>
  const best = r.suggestions[0]
  const target: ActionTarget = { id: complaint.id, tracking_id: complaint.tracking_id, unit_id: complaint.unit_id }
  const block = acceptBlock(best, complaint)
  const roleBlocked = roleBlock(role, 'disposition', [target])
  const isMisroute = r.misroute !== null && r.misroute >= r.threshold
  return (
    <div className="routing" data-testid="routing" data-misroute={isMisroute ? r.misroute : ''} data-model-share={r.basis.modelShare}>
      {isMisroute && best && (
        <p className="routing-misroute" role="status" data-testid="routing-misroute">
          {t('routing.misroute', { unit: suggestionName(best, t), pct: pct(r.misroute!) })}
        </p>
      )}
      {r.suggestions.length === 0 ? (
        <p className="empty">{t('routing.none')}</p>
      ) : (
        <ol className="routing-list">
          {r.suggestions.map((s, i) => (
            <SuggestionItem key={s.label} s={s} rank={i + 1} isCurrent={s.unitId !== null && s.unitId === complaint.unit_id} />
          ))}
        </ol>
      )}
      <p className="note routing-basis" data-testid="routing-basis" data-complaints={r.basis.complaints}>
        {basisText(r, t)}
      </p>
      {best && roleBlocked === null && (
        <button
          type="button"
          className="button primary routing-accept"
          disabled={block !== null}
          title={block ? t(`routing.blocked.${block}`) : t('routing.acceptHint')}
          data-testid="routing-accept"
          onClick={() => onAccept(best)}
        >
          <kbd>s</kbd> {t(complaint.unit_id === null ? 'routing.acceptTo' : 'routing.reassignTo', { unit: suggestionName(best, t) })}
        </button>
      )}
    </div>
  )
}

function SuggestionItem({ s, rank, isCurrent }: { s: Suggestion; rank: number; isCurrent: boolean }) {
  const { t } = useTranslation()
  const opd = opdOfSuggestion(s)
  return (
    <li className={`routing-item ${isCurrent ? 'is-current' : ''}`} data-testid="routing-suggestion" data-unit-id={s.unitId ?? ''} data-confidence={s.confidence}>
      <span className="routing-rank">{rank}</span>
      <span className="routing-main">
        <span className="routing-unit">
          {suggestionName(s, t)}
          {opd && <span className="routing-opd"> · {opd}</span>}
          {isCurrent && <span className="flag routing-current">{t('routing.current')}</span>}
        </span>
        {s.words.length > 0 && (
          <span className="routing-words" aria-label={t('routing.words')}>
            {s.words.map((w) => (
              <span key={w} className={`routing-word ${w.startsWith('kategori:') ? 'is-category' : ''}`} data-testid="routing-word">
                {w.startsWith('kategori:') ? `${t('routing.category')}: ${w.slice('kategori:'.length).trim()}` : w}
              </span>
            ))}
          </span>
        )}
      </span>
      <span className="routing-confidence" title={opd ? t('routing.bidangShare', { pct: pct(s.share), opd }) : undefined}>
        <span className="routing-bar" style={{ width: `${Math.round(s.confidence * 100)}%` }} />
        <span className="routing-pct">{pct(s.confidence)}</span>
      </span>
    </li>
  )
}

function basisText(r: Routing, t: ReturnType<typeof useTranslation>['t']): string {
  if (r.basis.complaints === 0 || r.basis.modelShare === 0) return t('routing.basis.rulesOnly')
  if (r.basis.historyShare < 0.5) return t('routing.basis.little', { n: formatNumber(r.basis.complaints) })
  if (r.basis.modelShare < 0.5) return t('routing.basis.unfamiliar', { n: formatNumber(r.basis.complaints) })
  return t('routing.basis.history', { n: formatNumber(r.basis.complaints), corrections: formatNumber(r.basis.corrections) })
}

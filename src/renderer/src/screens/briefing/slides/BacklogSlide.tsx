// Open complaints now by age in hari kerja (the KPI service's buckets), for the kabupaten and per OPD, the most
// overdue OPD first.
import { useTranslation } from 'react-i18next'
import { formatNumber } from '#renderer/format.ts'
import { SlideFrame } from './SlideFrame.tsx'
import type { OpdFigures, SlideProps } from '../types.ts'
import { DataTable, num } from '#renderer/components/DataTable.tsx'

const BUCKETS = ['0-3', '4-5', '6-10', '11-60', '>60'] as const
const BUCKET_CLASS: Record<(typeof BUCKETS)[number], string> = { '0-3': 'a', '4-5': 'b', '6-10': 'c', '11-60': 'd', '>60': 'e' }
const ROWS = 10

function Stack({ backlog, max }: { backlog: OpdFigures['backlog']; max: number }) {
  return (
    <span className="b-stack">
      {BUCKETS.map((b) =>
        backlog[b] > 0 ? (
          <span key={b} className={`b-seg age-${BUCKET_CLASS[b]}`} data-bucket={b} data-n={backlog[b]} style={{ width: `${(100 * backlog[b]) / max}%` }} />
        ) : null,
      )}
    </span>
  )
}

export function BacklogSlide({ deck }: SlideProps) {
  const { t } = useTranslation()
  const total = deck.headline.backlog
  const totalOpen = deck.headline.openNow
  const rows = deck.backlog.slice(0, ROWS)
  const max = Math.max(1, ...rows.map((r) => r.openNow))
  return (
    <SlideFrame name="tunggakan" title={t('briefing.backlog.title')} subtitle={t('briefing.backlog.subtitle')} deck={deck}>
      <ul className="b-legend">
        {BUCKETS.map((b) => (
          <li key={b}>
            <span className={`b-swatch age-${BUCKET_CLASS[b]}`} aria-hidden="true" />
            {t(`briefing.backlog.bucket.${b}`)}
          </li>
        ))}
      </ul>
      <div className="b-backlog-total" data-testid="b-backlog-total" data-value={totalOpen}>
        <span className="b-backlog-label">{t('briefing.backlog.total')}</span>
        <span className="b-stack b-stack-total">
          {BUCKETS.map((b) =>
            total[b] > 0 ? (
              <span key={b} className={`b-seg age-${BUCKET_CLASS[b]}`} data-bucket={b} data-n={total[b]} style={{ width: `${(100 * total[b]) / Math.max(1, totalOpen)}%` }}>
                {(100 * total[b]) / Math.max(1, totalOpen) >= 6 ? formatNumber(total[b]) : ''}
              </span>
            ) : null,
          )}
        </span>
        <span className="b-backlog-n">{formatNumber(totalOpen)}</span>
      </div>
      <DataTable
        rows={rows}
        empty={t('briefing.backlog.none')}
        emptyClassName="b-empty"
        className="b-table b-backlog"
        testId="b-backlog"
        columns={[t('briefing.league.opd'), { className: 'bar-col' }, num(t('briefing.backlog.open')), num(t('briefing.backlog.overdue'))]}
        row={(r) => (
          <tr key={r.key} data-testid="b-backlog-row" data-key={r.key} data-open={r.openNow} data-overdue={r.overdueNow}>
            <td className="name">{r.label}</td>
            <td className="bar-col">
              <Stack backlog={r.backlog} max={max} />
            </td>
            <td className="num">{formatNumber(r.openNow)}</td>
            <td className={`num ${r.overdueNow > 0 ? 'is-overdue' : ''}`}>{formatNumber(r.overdueNow)}</td>
          </tr>
        )}
      />
      <p className="b-note">
        {deck.backlog.length > ROWS && <>{t('briefing.backlog.more', { n: formatNumber(deck.backlog.length - ROWS) })} · </>}
        {t('briefing.backlog.undisposed', { open: formatNumber(deck.undisposed.openNow), overdue: formatNumber(deck.undisposed.overdueNow) })}
      </p>
    </SlideFrame>
  )
}

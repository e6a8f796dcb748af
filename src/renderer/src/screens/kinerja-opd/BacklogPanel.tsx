// Open complaints now, per unit, stacked by age in hari kerja, with how many are past their LAPOR! deadline.
// A count, not a rate: every unit with an open complaint is drawn, small ones too; the most overdue on top.
import { memo } from 'react'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { formatNumber } from '#renderer/format.ts'
import { queueHref } from './links.ts'
import { scaleOf } from './rank.ts'
import type { KpiRow } from './useKinerjaData.ts'

export const AGE_BUCKETS = ['0-3', '4-5', '6-10', '11-60', '>60'] as const satisfies readonly (keyof KpiRow['backlog'])[]

/** Bucket names usable in CSS class names. */
const BUCKET_CLASS: Record<(typeof AGE_BUCKETS)[number], string> = { '0-3': 'a', '4-5': 'b', '6-10': 'c', '11-60': 'd', '>60': 'e' }

export function BacklogLegend() {
  const { t } = useTranslation()
  return (
    <ul className="backlog-legend" aria-label={t('kinerjaOpd.backlog.legend')}>
      {AGE_BUCKETS.map((b) => (
        <li key={b}>
          <span className={`backlog-swatch age-${BUCKET_CLASS[b]}`} aria-hidden="true" />
          {t(`kinerjaOpd.backlog.bucket.${BUCKET_CLASS[b]}`)}
        </li>
      ))}
    </ul>
  )
}

/** One unit's open complaints as a stacked bar of age buckets, scaled to `max`. */
export function BacklogBar({ row, max }: { row: KpiRow; max: number }) {
  return (
    <span className="backlog-bar">
      {AGE_BUCKETS.map((b) =>
        row.backlog[b] > 0 ? (
          <span key={b} className={`backlog-seg age-${BUCKET_CLASS[b]}`} data-bucket={b} data-n={row.backlog[b]} style={{ width: `${(100 * row.backlog[b]) / max}%` }} />
        ) : null,
      )}
    </span>
  )
}

function BacklogPanelView({ rows, className }: { rows: KpiRow[]; className: string }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const open = rows.filter((r) => r.key !== '' && r.openNow > 0).sort((a, b) => b.overdueNow - a.overdueNow || b.openNow - a.openNow)
  const max = scaleOf(open.map((r) => r.openNow))
  return (
    <Panel title={t('kinerjaOpd.backlog.title')} className={`kinerja-panel ${className}`} testId="panel-tunggakan">
      <p className="kinerja-note">{t('kinerjaOpd.backlog.note')}</p>
      <BacklogLegend />
      {open.length === 0 ? (
        <p className="empty">{t('kinerjaOpd.backlog.none')}</p>
      ) : (
        <div className="ranked-chart">
          <div className="ranked-head backlog-row" aria-hidden="true">
            <span />
            <span />
            <span>{t('kinerjaOpd.backlog.open')}</span>
            <span>{t('kinerjaOpd.backlog.overdue')}</span>
          </div>
          <ol className="ranked" data-testid="bars-tunggakan">
            {open.map((r) => (
              <li key={r.key} data-testid="bars-tunggakan-row" data-key={r.key} data-value={r.openNow} data-overdue={r.overdueNow}>
                <Link to={queueHref(search, r.key)} className="ranked-row backlog-row" title={t('kinerjaOpd.backlog.rowTitle', { unit: r.label, open: formatNumber(r.openNow), overdue: formatNumber(r.overdueNow) })}>
                  <span className="ranked-label">{r.label}</span>
                  <span className="ranked-track">
                    <BacklogBar row={r} max={max} />
                  </span>
                  <span className="ranked-value">{formatNumber(r.openNow)}</span>
                  <span className={`ranked-value backlog-overdue ${r.overdueNow > 0 ? 'is-overdue' : ''}`}>{formatNumber(r.overdueNow)}</span>
                </Link>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Panel>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const BacklogPanel = memo(BacklogPanelView)

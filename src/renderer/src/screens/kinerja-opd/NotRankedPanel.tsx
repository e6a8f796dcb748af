// What the league tables leave out, shown apart so nothing is hidden: complaints not yet dispositioned (the
// API's '' row, which belongs to no OPD) and units with too few complaints to rank fairly (one fast answer must
// not top a league table). Their figures are shown, but not ranked.
import { memo } from 'react'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { formatNumber, formatPercent } from '#renderer/format.ts'
import { BacklogBar } from './BacklogPanel.tsx'
import { queueHref } from './links.ts'
import type { KpiTable } from './useKinerjaData.ts'
import { DataTable } from '#renderer/components/DataTable.tsx'

function NotRankedPanelView({ table, className }: { table: KpiTable | undefined; className: string }) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const rows = table?.rows ?? []
  const never = rows.find((r) => r.key === '')
  const small = rows.filter((r) => r.key !== '' && !r.isRanked)
  return (
    <Panel title={t('kinerjaOpd.notRanked.title')} className={`kinerja-panel ${className}`} testId="panel-not-ranked">
      {never && (
        <Link to={queueHref(search, '')} className="undispositioned" data-testid="undispositioned" data-n={never.n} data-open={never.openNow}>
          <span className="undispositioned-title">{t('kinerjaOpd.undispositioned.title')}</span>
          <span className="undispositioned-figures">
            {t('kinerjaOpd.undispositioned.figures', {
              n: formatNumber(never.n),
              open: formatNumber(never.openNow),
              overdue: formatNumber(never.overdueNow),
            })}
          </span>
          {never.openNow > 0 && (
            <span className="ranked-track">
              <BacklogBar row={never} max={never.openNow} />
            </span>
          )}
        </Link>
      )}
      <h3 className="kinerja-subtitle">{t('kinerjaOpd.notRanked.small', { min: formatNumber(table?.minSample ?? 0) })}</h3>
      <DataTable
        rows={small}
        empty={t('kinerjaOpd.notRanked.none')}
        className="small-sample"
        testId="small-sample"
        scoped
        columns={[t('kinerjaOpd.notRanked.unit'), t('kinerjaOpd.notRanked.n'), t('kinerjaOpd.notRanked.onTime')]}
        row={(r) => (
          <tr key={r.key} data-testid="small-sample-row" data-key={r.key} data-n={r.n}>
            <th scope="row">
              <Link to={queueHref(search, r.key)}>{r.label}</Link>
            </th>
            <td>{formatNumber(r.n)}</td>
            <td>{formatPercent(r.pctResponseOnTime)}</td>
          </tr>
        )}
      />
    </Panel>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const NotRankedPanel = memo(NotRankedPanelView)

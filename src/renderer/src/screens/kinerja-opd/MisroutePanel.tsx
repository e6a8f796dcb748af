// Misroutes per OPD of first disposition (kpi.table dim 'first_opd'): of the complaints first sent to an OPD,
// the share that ended elsewhere or came back as bukan wewenang. The API counts them per OPD only, so an
// OPD's view shows that OPD's own figure with a note instead of a per-bidang table.
import { memo } from 'react'
import { Link, useLocation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { formatNumber, formatPercent } from '#renderer/format.ts'
import { RankedPanel } from './RankedPanel.tsx'
import { MISROUTE_RATE } from './metrics.ts'
import { rankable } from './rank.ts'
import type { KpiTable } from './useKinerjaData.ts'
import { uptakeHref } from './links.ts'

type MisroutePanelProps = { table: KpiTable | undefined; opdId: string | null; className: string }

function MisroutePanelView({ table, opdId, className }: MisroutePanelProps) {
  const { t } = useTranslation()
  const { search } = useLocation()
  const rows = table?.rows ?? []
  const uptake = (
    <Link to={uptakeHref(search)} className="kinerja-link" data-testid="uptake-link">
      {t('routing.uptake.link')}
    </Link>
  )
  if (opdId !== null) {
    return (
      <RankedPanel
        metric={MISROUTE_RATE}
        rows={rows.filter((r) => r.key === opdId)}
        className={className}
        footer={
          <div className="kinerja-footer">
            <p className="kinerja-note">{t('kinerjaOpd.misroute.perOpdOnly')}</p>
            {uptake}
          </div>
        }
      />
    )
  }
  const never = rows.find((r) => r.key === '')
  const small = rows.filter((r) => r.key !== '' && !r.isRanked)
  return (
    <RankedPanel
      metric={MISROUTE_RATE}
      rows={rankable(rows)}
      className={className}
      footer={
        <div className="kinerja-footer">
          <p className="kinerja-note">{t('kinerjaOpd.misroute.hkNote')}</p>
          {never && (
            <p data-testid="misroute-undispositioned" data-key="" data-value={never.misrouteRate ?? ''}>
              {t('kinerjaOpd.misroute.beforeDisposition', {
                pct: formatPercent(never.misrouteRate),
                misrouted: formatNumber(never.misrouted),
                n: formatNumber(never.n),
              })}
            </p>
          )}
          {small.length > 0 && (
            <p data-testid="misroute-small">
              {t('kinerjaOpd.misroute.notRanked', { min: formatNumber(table?.minSample ?? 0), count: small.length })}
            </p>
          )}
          {uptake}
        </div>
      }
    />
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const MisroutePanel = memo(MisroutePanelView)

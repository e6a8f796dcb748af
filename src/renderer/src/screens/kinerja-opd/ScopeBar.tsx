// The screen's head: which units are shown (all OPD, or one OPD's bidang), how to read the bars (the previous
// period they are compared with), and the headline figures of the whole scope.
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate, formatDateTime, formatNumber, formatPercent } from '#renderer/format.ts'
import { OpdPicker } from './OpdPicker.tsx'
import { ExportButton } from '#renderer/export/ExportButton.tsx'
import { useFilters } from '#renderer/filters/filters.tsx'
import type { KpiRow, KpiTable, Unit } from './useKinerjaData.ts'

type ScopeBarProps = {
  units: Unit[] | undefined
  opdId: string | null
  /** What one bar stands for: an OPD, a bidang, a desa. */
  level: string
  /** The headline row: the kabupaten's total, or the chosen OPD's row (none: no complaints for it). */
  headline: KpiRow | undefined
  isLoading: boolean
  table: KpiTable | undefined
}

function ScopeBarView({ units, opdId, level, headline, isLoading, table }: ScopeBarProps) {
  const { t } = useTranslation()
  const { kabupaten, period, filter } = useFilters()
  const show = (write: (r: KpiRow) => string) => (isLoading ? '…' : headline ? write(headline) : '–')
  const hk = (n: number | null) => (n === null ? '–' : t('kinerjaOpd.hk', { n: formatNumber(n) }))
  const figures = [
    { key: 'masuk', value: show((r) => formatNumber(r.n)) },
    { key: 'tepatWaktu', value: show((r) => formatPercent(r.pctResponseOnTime)) },
    { key: 'medianTl', value: show((r) => hk(r.medianResponseHk)) },
    { key: 'terbuka', value: show((r) => formatNumber(r.openNow)) },
    { key: 'lewatTenggat', value: show((r) => formatNumber(r.overdueNow)), tone: 'alert' },
  ]
  return (
    <div className="kinerja-scope">
      <div className="kinerja-scope-main">
        <div className="kinerja-scope-line">
          <h1 className="kinerja-title">
            {t('kinerjaOpd.title')} <span className="kinerja-level">{level}</span>
          </h1>
          <OpdPicker units={units} opdId={opdId} />
          <ExportButton
            request={kabupaten && { kind: 'kpi', kabupaten: kabupaten.kode, period, filter, dims: opdId ? ['unit'] : ['opd', 'first_opd'], within: opdId ?? undefined }}
            title={t('ekspor.title.kpi')}
            summary={t('ekspor.what.kpi', {
              dims: (opdId ? ['unit'] : ['opd', 'first_opd']).map((d) => t(`ekspor.dims.${d}`)).join(', '),
              period: `${formatDate(period.from)} – ${formatDate(period.to)}`,
            })}
          />
        </div>
        {table && (
          <p className="kinerja-compare" data-testid="compare" data-from={table.previousPeriod.from} data-to={table.previousPeriod.to} data-comparison={table.comparison}>
            <span className="compare-tick" aria-hidden="true" />
            {t('kinerjaOpd.compare', {
              from: formatDate(table.previousPeriod.from),
              to: formatDate(table.previousPeriod.to),
              asOf: formatDateTime(table.previousAsOf, kabupaten?.time_zone ?? 'Asia/Jakarta'),
            })}
          </p>
        )}
      </div>
      <dl className="kinerja-figures" data-testid="headline" data-key={headline?.key ?? ''} data-n={headline?.n ?? ''}>
        {figures.map((f) => (
          <div key={f.key} className={`kinerja-figure ${f.tone ? `is-${f.tone}` : ''}`}>
            <dt>{t(`kinerjaOpd.figures.${f.key}`)}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

// Memoised: a period change renders the screen twice (old numbers while loading, then new), and redrawing
// charts whose data did not change was most of the first render.
export const ScopeBar = memo(ScopeBarView)

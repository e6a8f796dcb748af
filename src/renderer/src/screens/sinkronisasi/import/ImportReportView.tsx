// The outcome of a dry run or an import: counts, then every rejected or changed value with its row, column,
// value and reason (as many as the server listed), then the first rows as they will be stored.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Panel } from '#renderer/components/Panel.tsx'
import { formatDateTime, formatDecimal, formatNumber } from '#renderer/format.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import type { ImportReport } from './types.ts'
import { DataTable } from '#renderer/components/DataTable.tsx'

type Severity = 'all' | 'error' | 'warning'

export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation()
  const [shown, setShown] = useState<Severity>('all')
  const timeZone = useFilters().kabupaten?.time_zone ?? 'Asia/Jakarta'
  const issues = report.issues.filter((i) => shown === 'all' || i.severity === shown)
  const tiles: [string, number, string?][] = [
    ['read', report.rows.read],
    ['accepted', report.rows.accepted, 'good'],
    ['rejected', report.rows.rejected, report.rows.rejected ? 'alert' : undefined],
    ['inserted', report.stored.inserted],
    ['updated', report.stored.updated],
    ['unchanged', report.stored.unchanged],
  ]
  return (
    <Panel title={report.dryRun ? t('impor.report.dryTitle') : t('impor.report.title')} testId="import-report">
      <p className="impor-report-lead" data-testid="import-report-lead">
        {report.dryRun ? t('impor.report.dryLead') : t('impor.report.doneLead', { source: report.source })}{' '}
        {t('impor.report.layout', { layout: report.layout.name, row: report.layout.headerRow })}{' '}
        <span className="note">{t('impor.report.speed', { s: formatDecimal(report.ms / 1000), rate: formatNumber(report.rowsPerSecond) })}</span>
      </p>
      {report.stoppedAt && (
        <p className="form-error" role="alert">
          {t('impor.report.stopped', { row: report.stoppedAt.row, reason: report.stoppedAt.reason })}
        </p>
      )}
      {(report.fileWarnings ?? []).length > 0 && (
        <div className="form-warning" role="status" data-testid="import-file-warnings">
          <strong>{t('impor.report.fileWarnings')}</strong>
          <ul>
            {report.fileWarnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="impor-tiles">
        {tiles.map(([key, n, tone]) => (
          <div key={key} className={`impor-tile ${tone ? `impor-tile-${tone}` : ''}`} data-testid={`import-count-${key}`} data-value={n}>
            <span className="impor-tile-n">{formatNumber(n)}</span>
            <span className="impor-tile-label">{t(`impor.report.counts.${key}`)}</span>
          </div>
        ))}
      </div>
      {report.layout.unmappedHeaders.length > 0 && <p className="note">{t('impor.report.unmapped', { headers: report.layout.unmappedHeaders.join(', ') })}</p>}
      {report.issues.length > 0 && (
        <>
          <div className="impor-issues-head">
            <h3 className="impor-subtitle">{t('impor.report.issues')}</h3>
            <div className="segmented" role="group" aria-label={t('impor.report.issues')}>
              {(['all', 'error', 'warning'] as const).map((s) => (
                <button key={s} type="button" className="segment" aria-pressed={shown === s} onClick={() => setShown(s)}>
                  {t(`impor.report.show.${s}`)}
                </button>
              ))}
            </div>
          </div>
          <DataTable
            rows={issues}
            wrapClassName="impor-scroll impor-issues"
            className="impor-table"
            testId="import-issues"
            columns={[t('impor.report.col.row'), t('impor.report.col.column'), t('impor.report.col.value'), t('impor.report.col.reason')]}
            row={(i, n) => (
              <tr key={n} className={`impor-issue-${i.severity}`} data-severity={i.severity}>
                <td className="num">{i.row}</td>
                <td>{i.column ?? i.field ?? '–'}</td>
                <td className="impor-value">{i.value ?? ''}</td>
                <td>
                  <span className={`impor-sev impor-sev-${i.severity}`}>{t(`impor.report.severity.${i.severity}`)}</span> {i.reason}
                </td>
              </tr>
            )}
          />
          {report.issuesOmitted > 0 && <p className="note">{t('impor.report.omitted', { n: formatNumber(report.issuesOmitted) })}</p>}
        </>
      )}
      {report.dryRun && report.preview.length > 0 && (
        <>
          <h3 className="impor-subtitle">{t('impor.report.preview')}</h3>
          <DataTable
            rows={report.preview}
            wrapClassName="impor-scroll"
            className="impor-table"
            testId="import-preview"
            columns={[t('impor.report.col.row'), t('impor.fields.tracking_id'), t('impor.fields.submitted_at'), t('impor.fields.judul'), t('impor.fields.status'), t('impor.fields.kecamatan'), t('impor.fields.unit')]}
            row={(p) => (
              <tr key={p.row}>
                <td className="num">{p.row}</td>
                <td>{p.tracking_id}</td>
                <td>{formatDateTime(p.submitted_at, timeZone)}</td>
                <td className="impor-value">{p.judul}</td>
                <td>
                  {t(`status.${p.status}`)} <span className="note">({p.status_raw})</span>
                </td>
                <td>{p.kecamatan ?? '–'}</td>
                <td>{p.unit ?? '–'}</td>
              </tr>
            )}
          />
        </>
      )}
    </Panel>
  )
}

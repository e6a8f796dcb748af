// The export dialog: choose the format (and the CSV separator), see what the file will and will not hold for
// your role, start, watch the progress, cancel. At the end the browser downloads the file (serve mode) or the
// dialog says where it was saved (desktop app, where the native "Save as" dialog chose the place).
import { useEffect, useRef, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '../api/trpc.ts'
import { describeError } from '../api/errors.ts'
import { Dialog } from '../components/Dialog.tsx'
import { formatNumber } from '../format.ts'
import { can } from '#shared/roles.ts'
import { useExportJob, type ExportJob, type ExportRequest } from './useExportJob.ts'

type Format = 'xlsx' | 'csv'
type Delimiter = ';' | ','

type ExportDialogProps = { request: ExportRequest; title: string; summary: string; onClose(): void }

const SIZE = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 })
function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${SIZE.format(bytes / 1024)} KB` : `${SIZE.format(bytes / 1024 / 1024)} MB`
}

export function ExportDialog({ request, title, summary, onClose }: ExportDialogProps) {
  const { t } = useTranslation()
  const session = useQuery(useTRPC().session.queryOptions()).data
  const [format, setFormat] = useState<Format>('xlsx')
  const [delimiter, setDelimiter] = useState<Delimiter>(';')
  const exp = useExportJob()
  const isDesktop = session?.app.mode === 'desktop'
  const role = session?.user?.role
  const problem = exp.startError ? describeError(exp.startError) : null

  return (
    <Dialog title={title} closeLabel={t('ekspor.close')} onClose={onClose} testId="export-dialog" className="export-dialog">
      {exp.job ? (
        <JobView job={exp.job} onCancel={exp.cancel} onAgain={exp.reset} onClose={onClose} />
      ) : (
        <form
          className="export-form"
          onSubmit={(e) => {
            e.preventDefault()
            exp.start({ request, format, delimiter, saveAs: isDesktop })
          }}
        >
          <p className="export-summary" data-testid="export-summary">
            {summary}
          </p>
          <div className="field">
            <span className="field-label">{t('ekspor.format')}</span>
            <div className="segmented" role="group" aria-label={t('ekspor.format')}>
              {(['xlsx', 'csv'] as const).map((f) => (
                <button key={f} type="button" className="segment" aria-pressed={format === f} data-testid={`export-format-${f}`} onClick={() => setFormat(f)}>
                  {t(`ekspor.formats.${f}`)}
                </button>
              ))}
            </div>
          </div>
          {format === 'csv' && (
            <div className="field">
              <span className="field-label">{t('ekspor.delimiter')}</span>
              <div className="segmented" role="group" aria-label={t('ekspor.delimiter')}>
                {([
                  [';', 'semicolon'],
                  [',', 'comma'],
                ] as const).map(([d, name]) => (
                  <button key={d} type="button" className="segment" aria-pressed={delimiter === d} data-testid={`export-delimiter-${name}`} onClick={() => setDelimiter(d)}>
                    {t(`ekspor.delimiters.${name}`)}
                  </button>
                ))}
              </div>
            </div>
          )}
          {request.kind === 'queue' && role && (
            <ul className="export-privacy" data-testid="export-privacy">
              <li>{can(role, 'seeIdentity') ? t('ekspor.privacy.identity') : t('ekspor.privacy.noIdentity')}</li>
              {!can(role, 'seeRahasia') && <li>{t('ekspor.privacy.rahasia')}</li>}
            </ul>
          )}
          {isDesktop && <p className="note">{t('ekspor.saveHint')}</p>}
          {problem && (
            <p className="form-error" role="alert" data-testid="export-error">
              {t(`errors.${problem.kind}`, { detail: problem.detail })}
            </p>
          )}
          <div className="export-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('ekspor.close')}
            </button>
            <button type="submit" className="button primary" disabled={exp.isStarting || !session} data-autofocus="" data-testid="export-start">
              {exp.isStarting ? t('ekspor.starting') : t('ekspor.start')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  )
}

function JobView({ job, onCancel, onAgain, onClose }: { job: ExportJob; onCancel(): void; onAgain(): void; onClose(): void }) {
  const { t } = useTranslation()
  const link = useRef<HTMLAnchorElement>(null)
  // The browser fetches the finished file at once; the link stays for a second try.
  useEffect(() => {
    if (job.status === 'done' && job.downloadPath) link.current?.click()
  }, [job.status, job.downloadPath])
  const share = job.rowsTotal ? Math.min(1, job.rowsDone / job.rowsTotal) : null
  return (
    <div className="export-job" data-testid="export-job" data-status={job.status} data-rows={job.rowsDone}>
      <p className="export-file">{job.fileName}</p>
      {job.status === 'running' && (
        <>
          <p className="export-status" role="status">
            {t('ekspor.status.running')}
          </p>
          <progress className="export-progress" max={1} value={share ?? undefined} data-testid="export-progress" />
          <p className="export-count">
            {job.rowsTotal !== null
              ? t('ekspor.progress', { done: formatNumber(job.rowsDone), total: formatNumber(job.rowsTotal) })
              : t('ekspor.progressUnknown', { done: formatNumber(job.rowsDone) })}
          </p>
          <div className="export-actions">
            <button type="button" className="button danger" onClick={onCancel} data-testid="export-cancel">
              {t('ekspor.cancel')}
            </button>
          </div>
        </>
      )}
      {job.status === 'done' && (
        <>
          <p className="export-status is-done" role="status" data-testid="export-done">
            {t('ekspor.status.done', { rows: formatNumber(job.rowsDone), size: formatBytes(job.bytes ?? 0) })}
          </p>
          {job.savedTo && <p className="export-saved">{t('ekspor.savedTo', { path: job.savedTo })}</p>}
          {job.downloadPath && (
            <>
              <a ref={link} className="button primary export-download" href={job.downloadPath} download={job.fileName} data-testid="export-download">
                {t('ekspor.download', { name: job.fileName })}
              </a>
              <p className="note">{t('ekspor.downloadAgain')}</p>
            </>
          )}
        </>
      )}
      {job.status === 'failed' && (
        <p className="form-error" role="alert" data-testid="export-failed">
          {t('ekspor.status.failed', { error: job.error ?? '' })}
        </p>
      )}
      {job.status === 'cancelled' && (
        <p className="export-status" role="status" data-testid="export-cancelled">
          {t('ekspor.status.cancelled')}
        </p>
      )}
      {job.status !== 'running' && (
        <div className="export-actions">
          <button type="button" className="button" onClick={onAgain}>
            {t('ekspor.again')}
          </button>
          <button type="button" className="button primary" onClick={onClose}>
            {t('ekspor.close')}
          </button>
        </div>
      )}
    </div>
  )
}

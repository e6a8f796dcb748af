// One complaint in the side panel, from complaints.detail: title, status, unit, place, the LAPOR! deadlines and a
// summary of its history. The reporter appears only when the API's answer holds one: the API decides who may see
// identities and never sends them for an anonim report.
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { ReactNode } from 'react'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { StatusBadge } from '#renderer/components/StatusBadge.tsx'
import { formatNumber } from '#renderer/format.ts'
import { formatDateTime as formatMoment } from '#renderer/format.ts'
import { DeadlineList } from './DeadlineList.tsx'
import { HistorySummary } from './HistorySummary.tsx'

export type ComplaintDetail = Outputs['complaints']['detail']

export function ComplaintSummary({ id, timeZone, onBack }: { id: number; timeZone: string; onBack(): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const detail = useQuery(trpc.complaints.detail.queryOptions({ id }))
  const d = detail.data
  const problem = detail.error ? describeError(detail.error) : null
  return (
    <section className="panel peta-panel peta-detail" data-testid="peta-detail" data-id={id} data-tracking-id={d?.tracking_id ?? ''} aria-label={t('peta.detail.label')}>
      <div className="peta-detail-top">
        <button type="button" className="button" data-testid="peta-detail-back" onClick={onBack}>
          ← {t('peta.detail.back')}
        </button>
        <span className="peta-row-id">#{d?.tracking_id ?? id}</span>
        {d && <StatusBadge status={d.status} />}
        {d?.is_anonim === 1 && <span className="peta-flag">{t('peta.detail.anonim')}</span>}
        {d?.is_rahasia === 1 && <span className="peta-flag">{t('peta.detail.rahasiaFlag')}</span>}
      </div>
      <h2 className={`peta-detail-title ${d?.judul === null ? 'is-rahasia' : ''}`} data-testid="peta-detail-title">
        {d ? (d.judul ?? t('peta.rahasia')) : problem ? '' : t('app.loading')}
      </h2>
      {problem && (
        <p className="form-error" role="alert">
          {t(`errors.${problem.kind}`, { detail: problem.detail })}
        </p>
      )}
      {d && (
        <div className="panel-body peta-detail-body">
          <dl className="facts peta-facts">
            <Fact label={t('peta.detail.unit')} testId="peta-detail-unit">
              {d.unit ?? t('peta.noUnit')}
            </Fact>
            <Fact label={t('peta.detail.place')} testId="peta-detail-place">
              {d.kecamatan ? [d.kecamatan, d.desa].filter(Boolean).join(' · ') : t('peta.detail.noPlace')}
            </Fact>
            <Fact label={t('peta.detail.point')}>{d.lat !== null && d.lon !== null ? t('peta.detail.pointOnMap') : t('peta.detail.noPoint')}</Fact>
            <Fact label={t('peta.detail.submitted')}>{formatMoment(d.submitted_at, timeZone)}</Fact>
            <Fact label={t('peta.detail.category')}>{d.category ?? '–'}</Fact>
            <Fact label={t('peta.detail.channel')}>{t(`channel.${d.channel}`, { defaultValue: d.channel })}</Fact>
            <Fact label={t('peta.detail.dispositions')}>{formatNumber(d.disposition_count)}</Fact>
            {d.reporter && (
              <Fact label={t('peta.detail.reporter')} testId="peta-detail-reporter">
                {[d.reporter.nama, d.reporter.phone].filter(Boolean).join(' · ') || '–'}
              </Fact>
            )}
          </dl>
          <h3 className="peta-detail-section">{t('peta.detail.deadlines')}</h3>
          <DeadlineList deadlines={d.deadlines} timeZone={timeZone} />
          <h3 className="peta-detail-section">{t('peta.detail.history')}</h3>
          <HistorySummary events={d.history} timeZone={timeZone} />
        </div>
      )}
    </section>
  )
}

function Fact({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="facts-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  )
}

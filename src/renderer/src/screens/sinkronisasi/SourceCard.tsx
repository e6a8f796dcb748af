// One source: what it is, how it is doing (last run, last success, errors), what it holds (complaints,
// quarantine, actions waiting upstream), live progress while it runs, and the buttons to run and test it.
import { useMutation } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { formatNumber } from '#renderer/format.ts'
import { can, type Role } from '#shared/roles.ts'
import { when } from './time.ts'
import type { SyncProgress } from './useSyncProgress.ts'

type Source = Outputs['sync']['sources'][number]

export function SourceCard({ source: s, live, role, onEdit }: { source: Source; live: SyncProgress | null; role: Role | undefined; onEdit?: () => void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { kabupaten, today } = useFilters()
  const tz = kabupaten?.time_zone ?? 'Asia/Jakarta'
  const runNow = useMutation(trpc.sync.runNow.mutationOptions())
  const cancel = useMutation(trpc.sync.cancel.mutationOptions())
  const test = useMutation(trpc.sync.test.mutationOptions())
  const isRunning = live?.status === 'running' || s.isRunning
  const state = isRunning ? 'running' : (s.lastRun?.status ?? 'never')
  const canRun = can(role, 'runSync')
  const isSyncable = s.kind === 'lapor-json' || s.kind === 'open311'
  const total = live && live.remaining !== null ? live.fetched + live.remaining : null
  const error = !isRunning && s.lastRun && s.lastRun.status !== 'ok' ? s.lastRun.error : null
  return (
    <article className={`panel sinkron-source state-${state}`} data-testid={`source-${s.name}`} data-state={state}>
      <header className="sinkron-source-head">
        <div>
          <h2 className="sinkron-source-name">{s.name}</h2>
          <p className="sinkron-source-kind">
            {t(`sinkron.kind.${s.kind}`)}
            {s.baseUrl ? ` · ${s.baseUrl}` : ''}
          </p>
        </div>
        <span className={`sinkron-state state-${state}`} data-testid="source-state">
          {t(`sinkron.state.${state}`)}
        </span>
      </header>

      {isRunning && live && (
        <div className="sinkron-progress" data-testid="source-progress" role="status">
          <div className="sinkron-progress-line">
            <strong>{t(`sinkron.phase.${live.phase}`)}</strong>
            <span>{t('sinkron.rate', { rate: formatNumber(Math.round(live.ratePerSec)) })}</span>
          </div>
          <div className="sinkron-bar" aria-hidden="true">
            <div className="sinkron-bar-fill" style={{ width: total ? `${Math.min(100, (100 * live.fetched) / Math.max(1, total))}%` : '100%' }} data-indeterminate={total ? undefined : 'true'} />
          </div>
          <p className="sinkron-progress-counts">
            {t('sinkron.progress', {
              fetched: formatNumber(live.fetched),
              inserted: formatNumber(live.inserted),
              updated: formatNumber(live.updated),
              quarantined: formatNumber(live.quarantined),
            })}
            {live.remaining !== null && ` · ${t('sinkron.remaining', { n: formatNumber(live.remaining) })}`}
            {live.retries > 0 && ` · ${t('sinkron.retries', { count: live.retries })}`}
          </p>
          {live.message && <p className="sinkron-warning">{live.message}</p>}
        </div>
      )}

      <dl className="sinkron-facts">
        <dt>{t('sinkron.lastSync')}</dt>
        <dd>{when(s.lastRun?.started_at ?? null, tz, today)}</dd>
        <dt>{t('sinkron.lastOk')}</dt>
        <dd>{when(s.lastOkAt, tz, today)}</dd>
        <dt>{t('sinkron.schedule')}</dt>
        <dd>{s.scheduleMinutes ? t('sinkron.everyMinutes', { count: s.scheduleMinutes }) : t('sinkron.manualOnly')}</dd>
        <dt>{t('sinkron.complaints')}</dt>
        <dd className="sinkron-num">{formatNumber(s.complaints)}</dd>
        <dt>{t('sinkron.quarantine')}</dt>
        <dd className={`sinkron-num ${s.quarantineOpen ? 'is-warning' : ''}`} data-testid="source-quarantine">
          {formatNumber(s.quarantineOpen)}
        </dd>
        <dt>{t('sinkron.outbox')}</dt>
        <dd className={s.outbox.conflict || s.outbox.failed ? 'is-warning' : ''}>
          {s.isWriteback ? t('sinkron.outboxSummary', s.outbox) : t('sinkron.writebackOff')}
        </dd>
        {isSyncable && (
          <>
            <dt>{t('sinkron.token')}</dt>
            <dd>{s.hasToken ? t('sinkron.tokenSet') : t('sinkron.tokenMissing')}</dd>
          </>
        )}
      </dl>
      {error && (
        <p className="sinkron-error" data-testid="source-error">
          {error}
        </p>
      )}
      {test.data && <p className={test.data.ok ? 'sinkron-ok' : 'sinkron-error'}>{test.data.message}</p>}
      {!s.isEnabled && <p className="sinkron-warning">{t('sinkron.disabled')}</p>}

      {isSyncable && (
        <div className="sinkron-actions">
          {isRunning ? (
            <button type="button" className="button" disabled={!canRun} onClick={() => cancel.mutate({ sourceId: s.id })}>
              {t('sinkron.cancel')}
            </button>
          ) : (
            <button
              type="button"
              className="button primary"
              data-testid="sync-now"
              disabled={!canRun || !s.isEnabled || runNow.isPending}
              title={canRun ? undefined : t('sinkron.needsOperator')}
              onClick={() => runNow.mutate({ sourceId: s.id })}
            >
              {t('sinkron.syncNow')}
            </button>
          )}
          <button type="button" className="button" disabled={!canRun || test.isPending} onClick={() => test.mutate({ sourceId: s.id })}>
            {test.isPending ? t('sinkron.testing') : t('sinkron.test')}
          </button>
          {onEdit && (
            <button type="button" className="button" onClick={onEdit}>
              {t('sinkron.edit')}
            </button>
          )}
        </div>
      )}
    </article>
  )
}

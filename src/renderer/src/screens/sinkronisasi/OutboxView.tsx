// Local actions on their way upstream: waiting (with the next try), failed (with the upstream's reason), and
// conflicts, where a supervisor decides to send anyway or to discard.
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useTRPC, type Outputs } from '#renderer/api/trpc.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { Panel } from '#renderer/components/Panel.tsx'
import { DataTable } from '#renderer/components/DataTable.tsx'
import { can } from '#shared/roles.ts'
import { when } from './time.ts'

type Row = Outputs['sync']['outbox'][number]

function actionLabel(r: Row, t: TFunction): string {
  if (r.kind === 'disposition') return t('sinkron.actionLabel.disposition', { unit: r.unit_nama ?? '?' })
  if (r.kind === 'status') {
    const action = r.to_status === 'belum_ditindaklanjuti' ? 'verify' : r.to_status
    if (action === 'verify' || action === 'tunda' || action === 'bukan_wewenang' || action === 'arsip') return t(`sinkron.actionLabel.${action}`)
  }
  if (r.kind === 'note' || r.kind === 'tindak_lanjut') return t(`sinkron.actionLabel.${r.kind}`)
  return t('sinkron.actionLabel.other', { kind: r.kind })
}

export function OutboxView() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { kabupaten, today } = useFilters()
  const tz = kabupaten?.time_zone ?? 'Asia/Jakarta'
  const role = useQuery(trpc.session.queryOptions()).data?.user?.role
  const isSupervisor = can(role, 'manageOutbox')
  const rows = useQuery(trpc.sync.outbox.queryOptions(kabupaten ? { kabupaten: kabupaten.kode, limit: 200 } : skipToken)).data
  const resolve = useMutation(trpc.sync.resolve.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.sync.pathKey() }) }))
  return (
    <Panel title={t('sinkron.outboxTitle')} className="sinkron-outbox" testId="outbox">
      <p className="note">{t('sinkron.outboxLead')}</p>
      <DataTable
        rows={rows}
        className="sinkron-table"
        empty={t('sinkron.outboxEmpty')}
        emptyClassName="empty sinkron-good"
        columns={[...['when', 'tracking', 'action', 'by', 'state'].map((c) => t(`sinkron.col.${c}`)), {}]}
        row={(r) => (
          <tr key={r.id} data-state={r.state} data-testid="outbox-row">
            <td>{when(r.created_at, tz, today)}</td>
            <td>{r.tracking_id}</td>
            <td>{actionLabel(r, t)}</td>
            <td>{r.actor}</td>
            <td>
              <span className={`sinkron-state small state-${r.state === 'pending' ? 'running' : r.state === 'sent' ? 'ok' : 'failed'}`}>{t(`sinkron.outboxState.${r.state}`)}</span>
              {r.last_error && <div className="sinkron-run-error">{r.last_error}</div>}
              {r.state === 'pending' && r.next_attempt_at > Date.now() && <div className="sinkron-trigger">{t('sinkron.nextTry', { when: when(r.next_attempt_at, tz, today) })}</div>}
            </td>
            <td className="sinkron-row-actions">
              {(r.state === 'conflict' || r.state === 'failed') && (
                <>
                  <button type="button" className="button" disabled={!isSupervisor || resolve.isPending} title={isSupervisor ? undefined : t('sinkron.needsSupervisor')} onClick={() => resolve.mutate({ id: r.id, choice: 'force' })}>
                    {t('sinkron.force')}
                  </button>
                  <button type="button" className="button" disabled={!isSupervisor || resolve.isPending} title={isSupervisor ? undefined : t('sinkron.needsSupervisor')} onClick={() => resolve.mutate({ id: r.id, choice: 'discard' })}>
                    {t('sinkron.discard')}
                  </button>
                </>
              )}
            </td>
          </tr>
        )}
      />
    </Panel>
  )
}

// The audit log (/antrean/audit): newest first, filtered by action, user, complaint and time, each entry with
// before → after and the reason, and the hash-chain check on top. Supervisors and admins only: the API refuses
// other roles, and this view shows that refusal as it is.
import { useState } from 'react'
import { Link, useLocation } from 'react-router'
import { skipToken, useQueries, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { isIsoDate } from '#renderer/filters/period.ts'
import { formatInstant } from '../time.ts'
import { periodBounds } from '#shared/period.ts'
import { useUnits } from '../useUnits.ts'
import { AuditChange } from './AuditChange.tsx'
import { AuditFilters, auditActionLabel } from './AuditFilters.tsx'
import { ChainStatus } from './ChainStatus.tsx'
import { AUDIT_URL_KEYS, useAuditParams } from './useAuditParams.ts'
import { DataTable } from '#renderer/components/DataTable.tsx'

const PAGE = 100

export function AuditView() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { search } = useLocation()
  const { kabupaten } = useFilters()
  const units = useUnits(kabupaten?.kode)
  const [params, setParams] = useAuditParams()
  const timeZone = kabupaten?.time_zone ?? 'Asia/Jakarta'

  // A complaint is named by its tracking ID (what officials know); audit entries hold the internal id.
  const wanted = params.complaint.replace(/^#/, '')
  const lookup = useQuery(
    trpc.complaints.queue.queryOptions(wanted && kabupaten ? { kabupaten: kabupaten.kode, queue: 'semua', search: wanted, limit: 5 } : skipToken),
  )
  const match = lookup.data?.rows.find((r) => r.tracking_id === wanted)
  const entityId = !wanted ? undefined : match ? String(match.id) : lookup.isPending ? null : wanted
  const offset = kabupaten?.utc_offset_minutes ?? 420
  // audit.list takes instants: the first moment of the 'from' day and the end of the 'to' day, in the kabupaten's zone.
  const from = isIsoDate(params.from) ? periodBounds({ from: params.from, to: params.from }, offset)[0] : undefined
  const to = isIsoDate(params.to) ? periodBounds({ from: params.to, to: params.to }, offset)[1] : undefined
  const filter = { action: params.action || undefined, username: params.username || undefined, entityId: entityId ?? undefined, from, to, limit: PAGE }
  const filterKey = JSON.stringify(filter)

  // "Older" pages continue below the last id shown; a new filter starts again from the newest.
  const [cursors, setCursors] = useState<{ key: string; list: (number | undefined)[] }>({ key: filterKey, list: [undefined] })
  const list = cursors.key === filterKey ? cursors.list : [undefined]
  const pages = useQueries({
    queries: list.map((beforeId) => trpc.audit.list.queryOptions(entityId === null ? skipToken : { ...filter, beforeId })),
  })
  const rows = pages.flatMap((p) => p.data ?? [])
  const lastPage = pages.at(-1)?.data
  const hasMore = lastPage !== undefined && lastPage.length === PAGE
  const error = pages.find((p) => p.error)?.error
  const problem = error ? describeError(error) : null

  return (
    <div className="audit" data-testid="audit-view">
      <div className="audit-head">
        <h1 className="screen-title">{t('antrean.audit.title')}</h1>
        <Link className="button" to={{ pathname: '/antrean/verifikasi', search: withoutAuditFilters(search).toString() }} data-testid="audit-back">
          {t('antrean.audit.back')}
        </Link>
      </div>
      {problem ? (
        <p className="banner banner-error audit-error" role="alert" data-testid="audit-error" data-kind={problem.kind}>
          {t(`errors.${problem.kind}`, { detail: problem.detail })}
        </p>
      ) : (
        <ChainStatus />
      )}
      <AuditFilters value={params} onApply={setParams} />
      {wanted && lookup.data && !match && !/^\d+$/.test(wanted) && <p className="note">{t('antrean.audit.complaintUnknown', { id: wanted })}</p>}
      <div className="audit-scroll">
        <DataTable
          rows={rows}
          className="audit-table"
          testId="audit-table"
          scoped
          columns={[t('antrean.audit.when'), t('antrean.audit.user'), t('antrean.audit.action'), t('antrean.audit.complaint'), t('antrean.audit.change'), t('antrean.audit.reason')]}
          row={(r) => (
            <tr key={r.id} data-testid="audit-row" data-action={r.action} data-entity-id={r.entity_id ?? ''} data-username={r.username}>
              <td className="audit-when">{formatInstant(r.at, timeZone)}</td>
              <td>
                <strong>{r.username}</strong> <span className="audit-role">{t(`roles.${r.role}`, { defaultValue: r.role })}</span>
              </td>
              <td>{auditActionLabel(r.action, t)}</td>
              <td className="audit-entity">
                {r.entity === 'complaint' && r.entity_id ? (
                  <Link to={{ pathname: '/antrean/semua', search: withId(search, r.entity_id) }} data-testid="audit-open-complaint">
                    {match && String(match.id) === r.entity_id ? `#${match.tracking_id}` : t('antrean.audit.complaintId', { id: r.entity_id })}
                  </Link>
                ) : (
                  <span className="note">{r.entity_id ?? '–'}</span>
                )}
              </td>
              <td>
                <AuditChange before={r.before_json} after={r.after_json} units={units} />
              </td>
              <td className="audit-reason">{r.reason ?? '–'}</td>
            </tr>
          )}
        />
        {!problem && pages.every((p) => p.data) && rows.length === 0 && <p className="empty">{t('antrean.audit.none')}</p>}
        {hasMore && (
          <button
            type="button"
            className="button audit-more"
            data-testid="audit-more"
            onClick={() => setCursors({ key: filterKey, list: [...list, rows.at(-1)!.id] })}
          >
            {t('antrean.audit.more')}
          </button>
        )}
      </div>
    </div>
  )
}

/** The shared filters of the current address, without this view's own. */
function withoutAuditFilters(search: string): URLSearchParams {
  const params = new URLSearchParams(search)
  for (const key of AUDIT_URL_KEYS) params.delete(key)
  return params
}

/** The address of a complaint in the Semua queue, keeping the shared filters. */
function withId(search: string, id: string): string {
  const params = withoutAuditFilters(search)
  params.set('id', id)
  return params.toString()
}

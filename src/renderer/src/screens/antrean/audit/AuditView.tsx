// The audit log (/antrean/audit) as a supervisor reads it: newest first, a page at a time, each entry with who (by
// name), what (the action's name), which complaint (its tracking number, a link to it), before → after in words
// and the reason; filtered by action, person, OPD, complaint and dates, and exported with the same filters. The
// hash-chain check sits on top. Supervisors and admins only: the API refuses other roles, and this view shows
// that refusal as it is.
import { useState } from 'react'
import { Link, useLocation } from 'react-router'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import { describeError } from '#renderer/api/errors.ts'
import { useFilters } from '#renderer/filters/filters.tsx'
import { isIsoDate } from '#renderer/filters/period.ts'
import { formatNumber } from '#renderer/format.ts'
import { ExportButton } from '#renderer/export/ExportButton.tsx'
import { DataTable } from '#renderer/components/DataTable.tsx'
import { periodBounds } from '#shared/period.ts'
import { formatInstant } from '../time.ts'
import { useUnits } from '../useUnits.ts'
import { AuditChange } from './AuditChange.tsx'
import { AuditFilters, auditActionLabel } from './AuditFilters.tsx'
import { ChainStatus } from './ChainStatus.tsx'
import { AUDIT_URL_KEYS, useAuditParams } from './useAuditParams.ts'

const PAGE = 100

export function AuditView() {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const { search } = useLocation()
  const { kabupaten } = useFilters()
  const units = useUnits(kabupaten?.kode)
  const [params, setParams] = useAuditParams()
  const timeZone = kabupaten?.time_zone ?? 'Asia/Jakarta'

  const offset = kabupaten?.utc_offset_minutes ?? 420
  // The API takes instants: the first moment of the 'from' day and the end of the 'to' day, in the kabupaten's zone.
  const from = isIsoDate(params.from) ? periodBounds({ from: params.from, to: params.from }, offset)[0] : undefined
  const to = isIsoDate(params.to) ? periodBounds({ from: params.to, to: params.to }, offset)[1] : undefined
  const wanted = params.complaint.trim().replace(/^#/, '')
  const filter = {
    action: params.action || undefined,
    username: params.username || undefined,
    unitId: /^\d+$/.test(params.unit) ? Number(params.unit) : undefined,
    // Officials name a complaint by its tracking number (LAPOR!'s are often digits only), never by the internal id.
    tracking: wanted || undefined,
    from,
    to,
  }
  const filterKey = JSON.stringify(filter)

  // Pages: each continues below the last id of the one before; a new filter starts again from the newest.
  const [pages, setPages] = useState<{ key: string; cursors: (number | undefined)[] }>({ key: filterKey, cursors: [undefined] })
  const cursors = pages.key === filterKey ? pages.cursors : [undefined]
  const pageIndex = cursors.length - 1
  const list = useQuery(trpc.audit.list.queryOptions({ ...filter, beforeId: cursors[pageIndex], limit: PAGE }))
  const count = useQuery(trpc.audit.count.queryOptions(filter)).data
  const rows = list.data
  const hasOlder = rows !== undefined && rows.length === PAGE
  const problem = list.error ? describeError(list.error) : null
  const first = pageIndex * PAGE + 1

  return (
    <div className="audit" data-testid="audit-view">
      <div className="audit-head">
        <h1 className="screen-title">{t('antrean.audit.title')}</h1>
        {count !== undefined && (
          <span className="audit-total" data-testid="audit-total" data-value={count}>
            {t('triage.audit.total', { n: formatNumber(count) })}
          </span>
        )}
        <span className="audit-head-actions">
          <ExportButton
            request={kabupaten && !problem ? { kind: 'audit', kabupaten: kabupaten.kode, ...filter } : undefined}
            title={t('triage.audit.exportTitle')}
            summary={t('triage.audit.exportWhat', { n: formatNumber(count ?? 0) })}
            testId="audit-export"
          />
          <Link className="button" to={{ pathname: '/antrean/verifikasi', search: withoutAuditFilters(search).toString() }} data-testid="audit-back">
            {t('antrean.audit.back')}
          </Link>
        </span>
      </div>
      {problem ? (
        <p className="banner banner-error audit-error" role="alert" data-testid="audit-error" data-kind={problem.kind}>
          {t(`errors.${problem.kind}`, { detail: problem.detail })}
        </p>
      ) : (
        <ChainStatus />
      )}
      <AuditFilters value={params} units={units} onApply={setParams} />
      <div className="audit-scroll">
        <DataTable
          rows={rows}
          className="audit-table"
          testId="audit-table"
          scoped
          columns={[
            { label: t('antrean.audit.when'), className: 'audit-col-when' },
            { label: t('antrean.audit.user'), className: 'audit-col-user' },
            { label: t('antrean.audit.action'), className: 'audit-col-action' },
            { label: t('antrean.audit.complaint'), className: 'audit-col-entity' },
            { label: t('antrean.audit.change'), className: 'audit-col-change' },
            { label: t('antrean.audit.reason'), className: 'audit-col-reason' },
          ]}
          row={(r) => (
            <tr key={r.id} data-testid="audit-row" data-action={r.action} data-entity-id={r.entity_id ?? ''} data-tracking-id={r.tracking_id ?? ''} data-username={r.username}>
              <td className="audit-when">{formatInstant(r.at, timeZone)}</td>
              <td className="audit-user">
                <strong>{r.nama ?? r.username}</strong>
                <span className="audit-role">
                  {r.nama ? `${r.username} · ` : ''}
                  {t(`roles.${r.role}`, { defaultValue: r.role })}
                </span>
              </td>
              <td className="audit-action">{auditActionLabel(r.action, t)}</td>
              <td className="audit-entity">
                {r.entity === 'complaint' && r.entity_id ? (
                  <Link to={{ pathname: '/antrean/semua', search: withId(search, r.entity_id) }} data-testid="audit-open-complaint">
                    {r.tracking_id ? `#${r.tracking_id}` : t('antrean.audit.complaintId', { id: r.entity_id })}
                  </Link>
                ) : (
                  <span className="note">{r.entity_id ?? '–'}</span>
                )}
              </td>
              <td className="audit-change-cell">
                <AuditChange changes={r.changes} />
              </td>
              <td className="audit-reason">{r.reason ?? '–'}</td>
            </tr>
          )}
        />
        {!problem && rows && rows.length === 0 && <p className="empty">{t('antrean.audit.none')}</p>}
      </div>
      {rows && rows.length > 0 && (
        <nav className="audit-pages" aria-label={t('antrean.audit.title')}>
          <button type="button" className="button" disabled={pageIndex === 0} data-testid="audit-newer" onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}>
            {t('triage.audit.newer')}
          </button>
          <span data-testid="audit-page">
            {t('triage.audit.page', { from: formatNumber(first), to: formatNumber(first + rows.length - 1), n: formatNumber(count ?? first + rows.length - 1) })}
          </span>
          <button
            type="button"
            className="button"
            disabled={!hasOlder}
            data-testid="audit-older"
            onClick={() => setPages({ key: filterKey, cursors: [...cursors, rows.at(-1)!.id] })}
          >
            {t('triage.audit.older')}
          </button>
        </nav>
      )}
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

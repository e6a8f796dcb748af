// Filters of the audit log: action and person (chosen from those in the log), OPD, complaint (tracking number) and
// a range of local dates typed as dd/mm/yyyy. Selects apply at once; typed fields with the button (or Enter), so
// typing does not fire a query per letter.
import { useEffect, useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useTRPC } from '#renderer/api/trpc.ts'
import type { Units } from '../useUnits.ts'
import { EMPTY_AUDIT_PARAMS, type AuditParams } from './useAuditParams.ts'
import { DateText } from './DateText.tsx'

export function auditActionLabel(action: string, t: ReturnType<typeof useTranslation>['t']): string {
  return t(`triage.audit.actions.${action.replaceAll('.', '_')}`, { defaultValue: action })
}

export function AuditFilters({ value, units, onApply }: { value: AuditParams; units: Units; onApply(next: AuditParams): void }) {
  const { t } = useTranslation()
  const trpc = useTRPC()
  const choices = useQuery(trpc.audit.choices.queryOptions()).data
  const [draft, setDraft] = useState(value)
  // Follow the URL (Back button, a link); compared by value since the object is made anew on every render.
  useEffect(() => setDraft(value), [value.action, value.username, value.unit, value.complaint, value.from, value.to])
  const opds = units.options.filter((u) => u.kind === 'opd' || u.kind === 'kecamatan').sort((a, b) => (a.kind === b.kind ? a.nama.localeCompare(b.nama, 'id') : a.kind === 'opd' ? -1 : 1))
  const select = (key: keyof AuditParams) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => {
      const next = { ...draft, [key]: e.target.value }
      setDraft(next)
      onApply(next)
    },
  })
  return (
    <form
      className="audit-filters"
      data-testid="audit-filters"
      onSubmit={(e) => {
        e.preventDefault()
        onApply(draft)
      }}
    >
      <label className="field">
        <span className="field-label">{t('antrean.audit.action')}</span>
        <select className="control" data-testid="audit-action" {...select('action')}>
          <option value="">{t('antrean.audit.allActions')}</option>
          {(choices?.actions ?? []).map((a) => (
            <option key={a} value={a}>
              {auditActionLabel(a, t)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('antrean.audit.user')}</span>
        <select className="control" data-testid="audit-user" {...select('username')}>
          <option value="">{t('triage.audit.allPeople')}</option>
          {(choices?.people ?? []).map((p) => (
            <option key={p.username} value={p.username}>
              {p.nama ? `${p.nama} (${p.username})` : p.username}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('triage.audit.unit')}</span>
        <select className="control" data-testid="audit-unit" {...select('unit')}>
          <option value="">{t('triage.audit.allUnits')}</option>
          {opds.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.singkatan && u.singkatan !== u.nama ? `${u.singkatan} – ${u.nama}` : u.nama}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('antrean.audit.complaint')}</span>
        <input
          className="control audit-input"
          data-testid="audit-complaint"
          placeholder={t('triage.audit.complaintPlaceholder')}
          value={draft.complaint}
          onChange={(e) => setDraft({ ...draft, complaint: e.target.value })}
        />
      </label>
      <DateText label={t('antrean.audit.from')} value={draft.from} onChange={(from) => setDraft({ ...draft, from })} testId="audit-from" />
      <DateText label={t('antrean.audit.to')} value={draft.to} onChange={(to) => setDraft({ ...draft, to })} testId="audit-to" />
      <button type="submit" className="button primary" data-testid="audit-apply">
        {t('antrean.audit.apply')}
      </button>
      <button type="button" className="button" data-testid="audit-reset" onClick={() => {
          setDraft(EMPTY_AUDIT_PARAMS)
          onApply(EMPTY_AUDIT_PARAMS)
        }}>
        {t('antrean.audit.reset')}
      </button>
    </form>
  )
}
